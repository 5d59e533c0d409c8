"""The Gradio app at `/ui`: a Chat tab (streamed, cited answers), an Admin tab and an
Insights tab (`ui/insights_tab.py`).

Answers, titles and snippets come from documents anyone with the admin token may upload,
so every piece of text is HTML- and Markdown-escaped before Gradio renders it.
"""

from __future__ import annotations

import hmac
import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr
from fastapi import FastAPI

from assistant.container import Container
from assistant.documents import Upload
from assistant.schemas import ChatRequest, Source
from corpus.loaders import SUPPORTED_SUFFIXES
from retrieval.filters import SearchFilters
from ui.insights_tab import insights_tab
from ui.partners_tab import partners_tab

Session = dict[str, Any]
History = list[dict[str, str]]
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")

LANGUAGES = [("English", "en"), ("中文", "zh")]
DOC_COLUMNS = ["id", "title", "language", "type", "date", "region", "chunks"]
FEEDBACK_COLUMNS = ["created_at", "rating", "question", "answer", "comment", "message_id"]


def escape_text(text: str) -> str:
    """Text that a Markdown renderer shows literally (no HTML, no Markdown syntax)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=True))
    return escaped.replace("\n", "  \n")


def sources_markdown(sources: list[Source]) -> str:
    """The sources panel: `[n] title · date · type` and the cited snippet, all escaped."""
    if not sources:
        return "_No sources for this answer._"
    lines = ["**Sources**", ""]
    for s in sources:
        meta = " · ".join(escape_text(v) for v in (s.date, s.type) if v)
        head = f"**\\[{s.n}\\] {escape_text(s.title or s.id)}**" + (f" — {meta}" if meta else "")
        snippet = escape_text(" ".join(s.snippet.split())[:400])
        lines += [head, "", f"> {snippet}", ""]
    return "\n".join(lines)


def make_filters(
    languages: list[str], types: list[str], regions: list[str]
) -> SearchFilters | None:
    """`SearchFilters` from the filter widgets, or None when nothing is selected."""
    filters = SearchFilters(
        language=list(languages or []), type=list(types or []), region=list(regions or [])
    )
    return None if filters.is_empty() else filters


def check_token(container: Container, token: str) -> str | None:
    """An error message when `token` is not the configured admin token, else None."""
    expected: str = container.settings.server.admin_token or ""
    if not expected:
        return "Admin actions are disabled: VCA_ADMIN_TOKEN is not configured."
    if not hmac.compare_digest((token or "").encode(), expected.encode()):
        return "Invalid admin token."
    return None


def build(container: Container) -> gr.Blocks:
    """The Blocks app around the container's services: the chat service, the document
    service (writes serialised with the API's) and the per-client rate limit (shared)."""
    limit = container.settings.server.max_message_chars
    limiter = container.limiter

    def too_many(request: gr.Request | None) -> str | None:
        client = getattr(getattr(request, "client", None), "host", None) or "unknown"
        wait = limiter.hit(f"ui:{client}")
        return None if wait is None else f"Too many requests: try again in {wait} s."

    def too_long(message: str) -> str:
        return f"Message too long: {len(message)} characters (limit {limit})."

    def respond(
        message: str,
        history: History,
        session: Session,
        languages: list[str],
        types: list[str],
        regions: list[str],
        request: gr.Request,
    ) -> Iterator[tuple[History, Session, str, str, str]]:
        message = (message or "").strip()
        history = list(history or [])
        session = dict(session or {})
        if not message:
            yield history, session, gr.skip(), message, ""
            return
        if len(message) > limit:  # the same cap as POST /api/chat
            gr.Warning(too_long(message))
            yield history, session, gr.skip(), message, ""
            return
        if refusal := too_many(request):  # the same budget as POST /api/chat
            gr.Warning(refusal)
            yield history, session, gr.skip(), message, ""
            return
        history += [{"role": "user", "content": escape_text(message)}]
        history.append({"role": "assistant", "content": "…"})
        yield history, session, "_Searching the documents…_", "", ""
        chat_request = ChatRequest(
            message=message,
            session_id=session.get("session_id"),
            filters=make_filters(languages, types, regions),
        )
        text = ""
        try:
            for event in container.chat.stream(chat_request):
                if event.event == "token":
                    text += event.data["text"]
                    history[-1] = {"role": "assistant", "content": escape_text(text)}
                    yield history, session, gr.skip(), "", ""
                elif event.event == "done":
                    session = {
                        "session_id": event.data["session_id"],
                        "message_id": event.data["message_id"],
                    }
                    sources = [Source(**s) for s in event.data.get("sources", [])]
                    history[-1] = {
                        "role": "assistant",
                        "content": escape_text(event.data["answer"]),
                    }
                    yield history, session, sources_markdown(sources), "", ""
        except ValueError as exc:
            history[-1] = {"role": "assistant", "content": escape_text(f"Error: {exc}")}
            yield history, session, "", "", ""

    def ask_api(message: str, request: gr.Request) -> str:
        """One stateless question for API clients: the answer text (with [n] markers)."""
        if not (message or "").strip():
            raise gr.Error("message must not be empty")
        if len(message) > limit:
            raise gr.Error(too_long(message))
        if refusal := too_many(request):
            raise gr.Error(refusal)
        response = container.chat.answer(ChatRequest(message=message))
        return str(response.answer)

    def rate(session: Session, rating: str) -> str:
        message_id = (session or {}).get("message_id")
        if not message_id:
            return "Ask a question first."
        if container.conversations.add_feedback(message_id, rating):
            return "Thanks for your feedback!"
        return "Could not record the feedback."

    def upload(token: str, files: list[str] | None) -> tuple[str, list[list[Any]]]:
        error = check_token(container, token)
        if error:
            return error, gr.skip()
        limits = container.settings.server
        paths = [Path(f) for f in files or []]
        if not paths:
            return "Choose one or more files first.", gr.skip()
        if len(paths) > limits.max_upload_files:
            return f"Too many files (limit {limits.max_upload_files}).", gr.skip()
        uploads: list[Upload] = []
        for path in paths:
            upload = Upload.named(path.name, path.read_bytes())
            if upload.suffix not in SUPPORTED_SUFFIXES:
                return f"Unsupported file type: {escape_text(upload.name)}", gr.skip()
            uploads.append(upload)
        if sum(len(u.data) for u in uploads) > limits.max_upload_bytes:
            return f"Upload too large (limit {limits.max_upload_bytes} bytes).", gr.skip()
        report, _ = container.documents.upload(uploads)
        done = ", ".join(escape_text(i) for i in report.ids) or "none"
        errors = "; ".join(escape_text(e) for e in report.errors)
        summary = f"Ingested: {done}. Added {report.added}, updated {report.updated}, "
        summary += f"unchanged {report.unchanged}." + (f" Errors: {errors}" if errors else "")
        return summary, documents_table()

    def delete(token: str, doc_id: str) -> tuple[str, list[list[Any]]]:
        error = check_token(container, token)
        if error:
            return error, gr.skip()
        doc_id = (doc_id or "").strip()
        deleted = bool(doc_id) and container.documents.delete(doc_id)
        status = "Deleted" if deleted else "No document with id"
        return f"{status} {escape_text(doc_id)}.", documents_table()

    def choices() -> tuple[Any, Any, Any]:
        suggestions = container.suggestions
        return (
            gr.update(choices=suggestions.examples("en", 4) + suggestions.examples("zh", 2)),
            gr.update(choices=suggestions.types()),
            gr.update(choices=suggestions.regions()),
        )

    def documents_table() -> list[list[Any]]:
        return [[getattr(r, c) for c in DOC_COLUMNS] for r in container.documents.documents()]

    def feedback_table(token: str) -> tuple[str, list[list[Any]]]:
        error = check_token(container, token)
        if error:
            return error, []
        rows = container.conversations.export_feedback()
        return f"{len(rows)} ratings.", [[r.get(c) for c in FEEDBACK_COLUMNS] for r in rows]

    private: dict[str, Any] = {"api_visibility": "undocumented"}
    with gr.Blocks(title="Vocational Cooperation Assistant", analytics_enabled=False) as demo:
        gr.Markdown("## Vocational Cooperation Assistant\nAnswers cite the documents they use.")
        with gr.Tab("Chat"):
            session = gr.State({})
            with gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(
                        label="Conversation",
                        height=460,
                        sanitize_html=True,
                        allow_tags=False,
                        elem_id="vca-chatbot",
                    )
                    with gr.Row():
                        box = gr.Textbox(
                            placeholder="Ask about internships, partners, policies…",
                            show_label=False,
                            scale=5,
                            elem_id="vca-question",
                        )
                        send = gr.Button("Send", variant="primary", scale=1, elem_id="vca-send")
                    with gr.Row():
                        up = gr.Button("Helpful", size="sm", elem_id="vca-up")
                        down = gr.Button("Not helpful", size="sm", elem_id="vca-down")
                        rated = gr.Markdown(elem_id="vca-rated")
                    examples = gr.Dropdown(
                        [], label="Questions the documents can answer", elem_id="vca-examples"
                    )
                with gr.Column(scale=2):
                    with gr.Accordion("Filters", open=False):
                        languages = gr.CheckboxGroup(LANGUAGES, label="Language")
                        types = gr.CheckboxGroup([], label="Document type")
                        regions = gr.Dropdown(
                            [], multiselect=True, allow_custom_value=True, label="Region"
                        )
                    sources = gr.Markdown("_Sources appear here._", elem_id="vca-sources")
            inputs = [box, chatbot, session, languages, types, regions]
            outputs = [chatbot, session, sources, box, rated]
            box.submit(respond, inputs, outputs, api_name="ask", **private)
            send.click(respond, inputs, outputs, api_name="ask_click", **private)
            up.click(lambda s: rate(s, "up"), session, rated, api_name="rate_up", **private)
            down.click(lambda s: rate(s, "down"), session, rated, api_name="rate_down", **private)
            api_in = gr.Textbox(visible=False)
            api_out = gr.Textbox(visible=False)
            gr.Button(visible=False).click(ask_api, api_in, api_out, api_name="chat")
        with gr.Tab("Admin"):
            token = gr.Textbox(label="Admin token", type="password", elem_id="vca-token")
            status = gr.Markdown()
            with gr.Row():
                files = gr.File(
                    file_count="multiple",
                    file_types=list(SUPPORTED_SUFFIXES),
                    label="Upload",
                    elem_id="vca-upload",
                )
                with gr.Column():
                    ingest = gr.Button("Ingest files", variant="primary")
                    doc_id = gr.Textbox(label="Document id to delete")
                    remove = gr.Button("Delete document", variant="stop")
            docs = gr.Dataframe(headers=DOC_COLUMNS, label="Documents", interactive=False)
            refresh = gr.Button("Refresh documents")
            feedback = gr.Dataframe(headers=FEEDBACK_COLUMNS, label="Feedback", interactive=False)
            export = gr.Button("Load feedback")
            ingest.click(upload, [token, files], [status, docs], **private)
            remove.click(delete, [token, doc_id], [status, docs], **private)
            refresh.click(documents_table, None, docs, **private)
            export.click(feedback_table, token, [status, feedback], **private)
            demo.load(documents_table, None, docs, **private)
        insights_tab(container, check_token)
        partners_tab(container)
        # Choices drawn from what is indexed, fresh on every page load (after any upload or
        # deletion): examples about the newest documents, their types and regions.
        demo.load(choices, None, [examples, types, regions], **private)
        examples.select(lambda picked: picked, examples, box, **private)
    return demo


def mount(app: FastAPI, container: Container) -> None:
    """Mount the Gradio app at `/ui` on `app`."""
    demo = build(container)
    limit = container.settings.server.max_upload_bytes
    # System fonts: the default theme would fetch Google Fonts from the visitor's browser.
    theme = gr.themes.Default(
        font=["system-ui", "Segoe UI", "Noto Sans", "sans-serif"],
        font_mono=["ui-monospace", "DejaVu Sans Mono", "monospace"],
    )
    gr.mount_gradio_app(app, demo, path="/ui", max_file_size=limit, theme=theme)
