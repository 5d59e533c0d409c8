"""The Partners tab of `/ui`: a searchable, filterable table of organisations, one
organisation's page (partners, evidence, a picture of its network) and a CSV export."""

from __future__ import annotations

import html
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.container import Container
from assistant.partners import MAX_LIMIT
from corpus.orgnames import KINDS
from corpus.partners import COOPERATION_KINDS
from retrieval.directory_view import Filters
from ui.partners_graph import network_png

COLUMNS = ["id", "name", "names", "kind", "region", "cooperations"]


def partners_tab(container: Container) -> None:
    """Add the Partners tab (call inside the app's `gr.Blocks`)."""
    partners = container.partners
    private: dict[str, Any] = {"api_visibility": "undocumented"}

    def search(q: str, kind: str, region: str, cooperation: str) -> tuple[str, list[list[Any]]]:
        try:
            filters = Filters(q.strip(), kind or "", region.strip(), cooperation or "")
        except ValueError as exc:
            return html.escape(str(exc)), []
        page = partners.organizations(filters, limit=MAX_LIMIT)
        rows = [[i[c] if c != "names" else " / ".join(i["names"]) for c in COLUMNS]
                for i in page["items"]]  # fmt: skip
        return f"{page['total']} organisations.", rows

    def export(q: str, kind: str, region: str, cooperation: str) -> str | None:
        try:
            filters = Filters(q.strip(), kind or "", region.strip(), cooperation or "")
        except ValueError:
            return None
        folder = Path(tempfile.mkdtemp(prefix="vca-partners-"))
        path = folder / "organizations.csv"
        path.write_text(partners.organizations_csv(filters), encoding="utf-8")
        return str(path)

    def open_org(evt: gr.SelectData) -> tuple[str, Any]:
        row = evt.row_value or []
        org = partners.organization(str(row[0])) if row else None
        if org is None:
            return "_Choose an organisation in the table._", None
        picture = None
        if org["cooperations"]:
            picture = Path(tempfile.mkdtemp(prefix="vca-network-")) / "network.png"
            picture.write_bytes(network_png(org))
        return page_markdown(org), str(picture) if picture else None

    with gr.Tab("Partners") as tab:
        with gr.Row():
            q = gr.Textbox(label="Name (either language)", elem_id="vca-partners-q", scale=3)
            kind = gr.Dropdown(["", *KINDS], value="", label="Kind", elem_id="vca-partners-kind")
            region = gr.Textbox(label="Region", elem_id="vca-partners-region")
            coop = gr.Dropdown(["", *COOPERATION_KINDS], value="", label="Cooperation",
                               elem_id="vca-partners-coop")  # fmt: skip
        with gr.Row():
            go = gr.Button("Search", variant="primary", elem_id="vca-partners-search")
            csv_button = gr.Button("Export CSV", elem_id="vca-partners-export")
        status = gr.Markdown(elem_id="vca-partners-status")
        table = gr.Dataframe(headers=COLUMNS, label="Organisations (click a row to open it)",
                             interactive=False, elem_id="vca-partners-table")  # fmt: skip
        csv_file = gr.File(label="CSV", elem_id="vca-partners-csv")
        with gr.Row():
            detail = gr.Markdown("_Choose an organisation in the table._",
                                 elem_id="vca-partners-detail")  # fmt: skip
            graph = gr.Image(label="Cooperation network", elem_id="vca-partners-graph",
                             type="filepath", interactive=False)  # fmt: skip
        filters = [q, kind, region, coop]
        go.click(search, filters, [status, table], **private)
        q.submit(search, filters, [status, table], **private)
        csv_button.click(export, filters, csv_file, **private)
        table.select(open_org, None, [detail, graph], **private)
    tab.select(search, filters, [status, table], **private)


def page_markdown(org: dict[str, Any]) -> str:
    """An organisation's page: names, kind, region, then each partner with its evidence."""
    esc = html.escape
    lines = [f"### {esc(org['name'])}"]
    if org["names"]:
        lines.append("Also: " + " / ".join(esc(n) for n in org["names"]))
    lines.append(f"Kind: {org['kind']} · Region: {esc(org['region']) or '—'}")
    lines.append(f"\n**Partners ({len(org['cooperations'])} cooperations)**\n")
    for coop in org["cooperations"]:
        partner = coop["partner"]
        date = f", {coop['date']}" if coop["date"] else ""
        lines.append(f"- **{esc(partner['name'])}** ({partner['kind']}) — {coop['kind']}{date}")
        for ev in coop["evidence"]:
            lines.append(f"  - “{esc(ev['text'])}” — _{esc(ev['title'])}_ (`{esc(ev['doc_id'])}`)")
    return "\n".join(lines)
