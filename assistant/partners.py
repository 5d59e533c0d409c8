"""The partnership directory as a service: pages of organisations and cooperations, one
organisation with its partners and evidence, and CSV exports (for the API, `vca partners`,
the Partners tab and the chat's directory answers)."""

from __future__ import annotations

import csv
import io
from typing import Any

from retrieval.directory import Directory
from retrieval.directory_view import DirectoryView, Filters, evidence_json

DEFAULT_LIMIT = 50  # items per page when the caller gives no limit
MAX_LIMIT = 1000  # largest page a caller may ask for
ORG_COLUMNS = ("id", "name", "names", "kind", "region", "cooperations")
COOP_COLUMNS = ("id", "a", "a_kind", "b", "b_kind", "kind", "date", "region", "doc_ids",
                "evidence")  # fmt: skip


class PartnerService:
    """Reads the directory; every method takes the contract's filters."""

    def __init__(self, directory: Directory) -> None:
        self.directory = directory

    def view(self) -> DirectoryView:
        """The current merged directory."""
        return self.directory.view()

    def organizations(
        self, filters: Filters, limit: int = DEFAULT_LIMIT, offset: int = 0
    ) -> dict[str, Any]:
        """`{"total", "items"}`: organisations matching the filters, a page of them."""
        _check_page(limit, offset)
        found = self.view().search_organizations(filters)
        return {"total": len(found), "items": [o.summary() for o in found[offset : offset + limit]]}

    def organization(self, org_id: str) -> dict[str, Any] | None:
        """One organisation with its cooperations (partner, kind, date, region, evidence)."""
        view = self.view()
        org = view.organizations.get(org_id)
        if org is None:
            return None
        coops: list[dict[str, Any]] = []
        for c in view.of(org_id):
            partner = c.b if c.a.id == org_id else c.a
            coops.append(
                {
                    "partner": partner.ref(),
                    "kind": c.kind,
                    "date": c.date,
                    "region": c.region,
                    "evidence": [evidence_json(e) for e in c.evidence],
                }
            )
        coops.sort(key=lambda c: (c["partner"]["name"], c["kind"]))
        return {**org.summary(), "cooperations": coops}

    def cooperations(
        self, filters: Filters, limit: int = DEFAULT_LIMIT, offset: int = 0
    ) -> dict[str, Any]:
        """`{"total", "items"}`: cooperations matching the filters, a page of them."""
        _check_page(limit, offset)
        found = self.view().search_cooperations(filters)
        return {"total": len(found), "items": [c.to_json() for c in found[offset : offset + limit]]}

    def organizations_csv(self, filters: Filters) -> str:
        """Every matching organisation as CSV (names joined by ' | ')."""
        rows = [
            {**o.summary(), "names": " | ".join(o.names)}
            for o in self.view().search_organizations(filters)
        ]
        return _csv(ORG_COLUMNS, rows)

    def cooperations_csv(self, filters: Filters) -> str:
        """Every matching cooperation as CSV (one row per cooperation, evidence joined)."""
        rows = [
            {
                "id": c.id,
                "a": c.a.name,
                "a_kind": c.a.kind,
                "b": c.b.name,
                "b_kind": c.b.kind,
                "kind": c.kind,
                "date": c.date,
                "region": c.region,
                "doc_ids": " | ".join(sorted({e.doc_id for e in c.evidence})),
                "evidence": " | ".join(e.evidence for e in c.evidence),
            }
            for c in self.view().search_cooperations(filters)
        ]
        return _csv(COOP_COLUMNS, rows)


def _check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise ValueError("offset must not be negative")


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
