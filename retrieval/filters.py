"""Metadata filters: one definition, applied to Chroma (`where`) and to BM25 (a mask)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from corpus.dates import date_number


class SearchFilters(BaseModel):
    """Optional restrictions on what is searched; empty fields restrict nothing."""

    model_config = ConfigDict(extra="forbid")

    language: list[str] = Field(default_factory=list, description="Languages, e.g. ['zh'].")
    type: list[str] = Field(default_factory=list, description="Document types (news, law, ...).")
    region: list[str] = Field(default_factory=list, description="Region substrings, e.g. 'Ningbo'.")
    doc_ids: list[str] = Field(default_factory=list, description="Only these documents.")
    date_from: str = Field("", description="Earliest date, YYYY[-MM[-DD]].")
    date_to: str = Field("", description="Latest date, YYYY[-MM[-DD]].")

    @field_validator("language", "type", "region", "doc_ids", "date_from", "date_to")
    @classmethod
    def _valid_unicode(cls, value: Any) -> Any:
        """Refuse lone surrogates, which the tokenizers and SQLite cannot take."""
        for text in value if isinstance(value, list) else [value]:
            try:
                str(text).encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("text is not valid Unicode (lone surrogate)") from None
        return value

    def is_empty(self) -> bool:
        """Whether no filter is set."""
        return not (
            self.language
            or self.type
            or self.region
            or self.doc_ids
            or self.date_from
            or self.date_to
        )

    def bounds(self) -> tuple[int, int]:
        """Date bounds as comparable numbers (YYYYMMDD); 0 / 99999999 when open."""
        low = date_number(self.date_from) if self.date_from else 0
        high = date_number(self.date_to, upper=True) if self.date_to else 99999999
        return low, high

    def chroma_where(self) -> dict[str, Any] | None:
        """The filters Chroma can apply itself (region is matched afterwards)."""
        clauses: list[dict[str, Any]] = []
        if self.language:
            clauses.append({"language": {"$in": self.language}})
        if self.type:
            clauses.append({"type": {"$in": self.type}})
        if self.doc_ids:
            clauses.append({"doc_id": {"$in": self.doc_ids}})
        low, high = self.bounds()
        if self.date_from:
            clauses.append({"date_num": {"$gte": low}})
        if self.date_to:
            clauses.append({"date_num": {"$lte": high}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def matches(self, meta: dict[str, Any]) -> bool:
        """Whether a chunk's metadata passes every filter."""
        if self.language and meta.get("language") not in self.language:
            return False
        if self.type and meta.get("type") not in self.type:
            return False
        if self.doc_ids and meta.get("doc_id") not in self.doc_ids:
            return False
        if self.region:
            region = str(meta.get("region", "")).casefold()
            if not any(r.casefold() in region for r in self.region):
                return False
        if self.date_from or self.date_to:
            low, high = self.bounds()
            date = int(meta.get("date_num") or 0)
            if not low <= date <= high:
                return False
        return True
