"""The Insights tab of `/ui`: plots of what visitors asked, the knowledge gaps, and turning a
gap into a curated answer (admin token, like the Admin tab).

Everything shown that visitors or administrators typed is escaped (`escape_text`) or shown
in a Dataframe (text cells); plots are PNGs rendered on the server.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr

from assistant.container import Container
from assistant.curated import CuratedInput
from assistant.insights import TimeRange
from ui.insights_plots import gaps_figure, shares_figure, volume_figure

GAP_COLUMNS = ["label", "count", "refused", "last_asked", "examples", "documents", "near_answer"]
CURATED_COLUMNS = ["id", "question", "answer", "paraphrases", "documents"]


def summary_markdown(s: dict[str, Any]) -> str:
    """The headline figures as Markdown (numbers and dates only)."""
    lat = s["latency_ms"]
    return (
        f"**{s['questions']} questions** from {s['since']} to {s['until']}: "
        f"{s['answered']} answered, {s['refused']} refused, {s['degraded']} degraded, "
        f"{s['curated']} curated · feedback {s['feedback']['up']} up / "
        f"{s['feedback']['down']} down · latency p50 {lat['p50']} ms, p95 {lat['p95']} ms"
    )


TokenCheck = Callable[[Container, str], str | None]


def _near(answer: dict[str, Any] | None) -> str:
    """A gap's near curated answer as a table cell: its question and similarity."""
    return f"{answer['question']} ({answer['similarity']:.2f}, {answer['id']})" if answer else ""


def insights_tab(container: Container, check_token: TokenCheck) -> None:
    """Add the Insights tab to the enclosing `gr.Blocks`; `check_token` is the Admin tab's
    check (an error message for a wrong admin token, else None)."""
    private: dict[str, Any] = {"api_visibility": "undocumented"}

    def load(token: str, since: str, until: str) -> tuple[Any, ...]:
        error = check_token(container, token)
        if error:
            return (error, *[gr.skip()] * 6)
        try:
            span = TimeRange.parse(since or None, until or None)
        except ValueError as exc:
            return (f"Invalid time range: {exc}", *[gr.skip()] * 6)
        s = container.insights.summary(span)
        gaps = s["gaps"]
        rows = [
            [
                g["label"],
                g["count"],
                g["refused"],
                g["last_asked"],
                " | ".join(g["examples"]),
                ", ".join(d["id"] for d in g["documents"]),
                _near(g["near_answer"]),
            ]
            for g in gaps
        ]
        choices = [g["label"] for g in gaps]
        return (
            summary_markdown(s),
            volume_figure(s),
            shares_figure(s),
            gaps_figure(s),
            rows,
            gr.update(choices=choices, value=choices[0] if choices else None),
            gaps,
        )

    def pick(label: str | None, gaps: list[dict[str, Any]]) -> tuple[str, str]:
        """The gap's question and its other phrasings (the closest documents are listed in
        the table, not linked: they are what retrieval found, not necessarily an answer)."""
        gap = next((g for g in gaps or [] if g["label"] == label), None)
        if gap is None:
            return "", ""
        return gap["label"], "\n".join(gap["examples"][1:])

    def extend(token: str, label: str | None, gaps: list[dict[str, Any]]) -> tuple[str, Any]:
        """The gap's questions added to the paraphrases of the curated answer it is near."""
        error = check_token(container, token)
        if error:
            return error, gr.skip()
        gap = next((g for g in gaps or [] if g["label"] == label), None)
        near = gap.get("near_answer") if gap else None
        found = None
        if gap and near:
            found = container.curated.add_paraphrases(near["id"], gap["examples"])
        if found is None:
            return "This gap is near no curated answer.", gr.skip()
        stored, added = found
        return f"Added {added} paraphrase(s) to curated answer {stored.id}.", curated_rows()

    def save(
        token: str, question: str, paraphrases: str, answer: str, docs: str
    ) -> tuple[str, Any]:
        error = check_token(container, token)
        if error:
            return error, gr.skip()
        ids = [d.strip() for d in (docs or "").split(",") if d.strip()]
        unknown = [d for d in ids if container.catalog.document(d) is None]
        if unknown:
            return f"Unknown document id: {unknown[0]}", gr.skip()
        try:
            item = CuratedInput(
                question=(question or "").strip(),
                answer=(answer or "").strip(),
                paraphrases=[p.strip() for p in (paraphrases or "").splitlines() if p.strip()],
                documents=ids,
            )
        except ValueError:
            return "A curated answer needs a question and an answer.", gr.skip()
        stored = container.curated.create(item)
        return f"Saved curated answer {stored.id}.", curated_rows()

    def curated_rows() -> list[list[Any]]:
        return [
            [a.id, a.question, a.answer, " | ".join(a.paraphrases), ", ".join(a.documents)]
            for a in container.curated.list()
        ]

    def listed(token: str) -> tuple[str, Any]:
        error = check_token(container, token)
        return (error, gr.skip()) if error else ("", curated_rows())

    def remove(token: str, answer_id: str) -> tuple[str, Any]:
        error = check_token(container, token)
        if error:
            return error, gr.skip()
        done = container.curated.delete((answer_id or "").strip())
        return ("Deleted." if done else "No curated answer with that id."), curated_rows()

    with gr.Tab("Insights"):
        token = gr.Textbox(label="Admin token", type="password", elem_id="vca-insights-token")
        with gr.Row():
            since = gr.Textbox(label="Since (YYYY-MM-DD, empty: 30 days ago)", scale=2)
            until = gr.Textbox(label="Until (YYYY-MM-DD, empty: now)", scale=2)
            show = gr.Button("Load insights", variant="primary", scale=1)
        summary = gr.Markdown(elem_id="vca-insights-summary")
        with gr.Row():
            volume = gr.Plot(label="Questions per day", elem_id="vca-plot-volume")
            shares = gr.Plot(label="Answered / refused", elem_id="vca-plot-shares")
        gaps_plot = gr.Plot(label="Top knowledge gaps", elem_id="vca-plot-gaps")
        table = gr.Dataframe(
            headers=GAP_COLUMNS, label="Knowledge gaps", interactive=False, elem_id="vca-gaps"
        )
        gaps_state = gr.State([])
        gr.Markdown("### Answer a gap once: a curated answer")
        gap = gr.Dropdown(label="Gap", choices=[], elem_id="vca-gap")
        question = gr.Textbox(label="Question", elem_id="vca-curated-question")
        paraphrases = gr.Textbox(label="Paraphrases (one a line)", lines=3)
        answer = gr.Textbox(label="Answer", lines=4, elem_id="vca-curated-answer")
        docs = gr.Textbox(label="Document ids (comma-separated)")
        with gr.Row():
            save_btn = gr.Button("Save curated answer", variant="primary")
            extend_btn = gr.Button("Add the gap to its near curated answer", elem_id="vca-extend")
            list_btn = gr.Button("Load curated answers")
        curated_status = gr.Markdown(elem_id="vca-curated-status")
        curated = gr.Dataframe(headers=CURATED_COLUMNS, label="Curated answers", interactive=False)
        with gr.Row():
            answer_id = gr.Textbox(label="Curated answer id to delete", scale=3)
            delete_btn = gr.Button("Delete curated answer", variant="stop", scale=1)

        show.click(
            load,
            [token, since, until],
            [summary, volume, shares, gaps_plot, table, gap, gaps_state],
            **private,
        )
        gap.change(pick, [gap, gaps_state], [question, paraphrases], **private)
        save_btn.click(
            save, [token, question, paraphrases, answer, docs], [curated_status, curated], **private
        )
        extend_btn.click(extend, [token, gap, gaps_state], [curated_status, curated], **private)
        list_btn.click(listed, token, [curated_status, curated], **private)
        delete_btn.click(remove, [token, answer_id], [curated_status, curated], **private)
