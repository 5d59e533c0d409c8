"""The merged partnership directory: organisations as entries (one per real organisation,
whatever document or language named it), cooperations between entries, and the searches
the API, the CLI, the Partners tab and the chat's directory answers run over them."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from corpus.dates import date_number
from corpus.orgnames import KINDS, keys
from corpus.partners import COOPERATION_KINDS


@dataclass(frozen=True)
class OrgRow:
    """An organisation as one document names it."""

    doc_id: str
    name: str
    names: list[str]
    kind: str
    region: str
    keys: list[str]


@dataclass(frozen=True)
class CoopRow:
    """A cooperation as one document states it (names as in that document)."""

    doc_id: str
    title: str
    a: str
    b: str
    kind: str
    date: str
    region: str
    start: int
    end: int
    evidence: str


@dataclass
class Organization:
    """A directory entry."""

    id: str
    name: str
    names: list[str]
    kind: str
    region: str
    keys: set[str] = field(default_factory=set)
    cooperations: int = 0

    def summary(self) -> dict[str, object]:
        """The list item of the contract."""
        return {
            "id": self.id,
            "name": self.name,
            "names": self.names,
            "kind": self.kind,
            "region": self.region,
            "cooperations": self.cooperations,
        }

    def ref(self) -> dict[str, str]:
        """The short form used for a partner."""
        return {"id": self.id, "name": self.name, "kind": self.kind}


@dataclass
class Cooperation:
    """Two entries, one kind of cooperation, and every sentence that states it."""

    id: str
    a: Organization
    b: Organization
    kind: str
    date: str
    region: str
    evidence: list[CoopRow]

    def to_json(self) -> dict[str, object]:
        """The list item of /api/cooperations."""
        return {
            "id": self.id,
            "a": self.a.ref(),
            "b": self.b.ref(),
            "kind": self.kind,
            "date": self.date,
            "region": self.region,
            "evidence": [evidence_json(e) for e in self.evidence],
        }


def evidence_json(row: CoopRow) -> dict[str, object]:
    """One evidence entry: the document, its title, the sentence and its span."""
    return {
        "doc_id": row.doc_id,
        "title": row.title,
        "text": row.evidence,
        "start": row.start,
        "end": row.end,
    }


@dataclass(frozen=True)
class Filters:
    """The list filters of the contract (validated by the caller)."""

    q: str = ""
    kind: str = ""
    region: str = ""
    cooperation: str = ""
    since: str = ""
    until: str = ""

    def __post_init__(self) -> None:
        if self.kind and self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        if self.cooperation and self.cooperation not in COOPERATION_KINDS:
            raise ValueError(f"cooperation must be one of {', '.join(COOPERATION_KINDS)}")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value and not _valid_date(value):
                raise ValueError(f"{name} must be a date such as 2023, 2023-05 or 2023-05-20")


class DirectoryView:
    """Entries merged from per-document rows (immutable; rebuilt when the catalog changes)."""

    def __init__(self, orgs: list[OrgRow], coops: list[CoopRow]) -> None:
        self.organizations: dict[str, Organization] = {}
        self._by_doc_name: dict[tuple[str, str], Organization] = {}
        self._by_key: dict[str, Organization] = {}
        self._merge(orgs)
        self.cooperations = self._link(coops)
        self._of: dict[str, list[Cooperation]] = {}
        for c in self.cooperations:
            self._of.setdefault(c.a.id, []).append(c)
            self._of.setdefault(c.b.id, []).append(c)
        for org_id, items in self._of.items():
            self.organizations[org_id].cooperations = len(items)

    # -- building -------------------------------------------------------------------------

    def _merge(self, rows: list[OrgRow]) -> None:
        parent = list(range(len(rows)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        first: dict[str, int] = {}
        for i, row in enumerate(rows):
            for k in row.keys:
                if k in first:
                    parent[find(i)] = find(first[k])
                else:
                    first[k] = i
        groups: dict[int, list[OrgRow]] = {}
        for i, row in enumerate(rows):
            groups.setdefault(find(i), []).append(row)
        for members in groups.values():
            org = _entry(members)
            self.organizations[org.id] = org
            for row in members:
                self._by_doc_name[(row.doc_id, row.name)] = org
                for k in row.keys:
                    self._by_key[k] = org

    def _link(self, rows: list[CoopRow]) -> list[Cooperation]:
        merged: dict[tuple[str, str, str], Cooperation] = {}
        for row in rows:
            a = self._by_doc_name.get((row.doc_id, row.a))
            b = self._by_doc_name.get((row.doc_id, row.b))
            if a is None or b is None or a.id == b.id:
                continue
            if b.id < a.id:
                a, b = b, a
            key = (a.id, b.id, row.kind)
            coop = merged.get(key)
            if coop is None:
                cid = _hash(f"{a.id}|{b.id}|{row.kind}")
                merged[key] = Cooperation(cid, a, b, row.kind, row.date, row.region, [row])
            else:
                coop.evidence.append(row)
                if row.date and (not coop.date or row.date < coop.date):
                    coop.date = row.date
                coop.region = coop.region or row.region
        return sorted(merged.values(), key=lambda c: (c.a.name, c.b.name, c.kind))

    # -- queries --------------------------------------------------------------------------

    def find(self, name: str) -> Organization | None:
        """The entry a name (in either language, any known form) belongs to."""
        for k in keys(name):
            if k in self._by_key:
                return self._by_key[k]
        return None

    def of(self, org_id: str) -> list[Cooperation]:
        """An entry's cooperations."""
        return self._of.get(org_id, [])

    def search_organizations(self, f: Filters) -> list[Organization]:
        """Entries matching the filters, by name."""
        out = []
        for org in self.organizations.values():
            if f.q and not _name_matches(org, f.q):
                continue
            if f.kind and org.kind != f.kind:
                continue
            if f.region and f.region.lower() not in org.region.lower():
                continue
            if (f.cooperation or f.since or f.until) and not any(
                _coop_matches(c, f) for c in self.of(org.id)
            ):
                continue
            out.append(org)
        return sorted(out, key=lambda o: (-o.cooperations, o.name))

    def search_cooperations(self, f: Filters) -> list[Cooperation]:
        """Cooperations matching the filters: q, kind and region apply to either party."""
        out = []
        for c in self.cooperations:
            if not _coop_matches(c, f):
                continue
            parties = (c.a, c.b)
            if f.q and not any(_name_matches(o, f.q) for o in parties):
                continue
            if f.kind and not any(o.kind == f.kind for o in parties):
                continue
            if f.region and not any(
                f.region.lower() in r.lower() for r in (c.region, c.a.region, c.b.region)
            ):
                continue
            out.append(c)
        return out


def _entry(rows: list[OrgRow]) -> Organization:
    names = Counter(r.name for r in rows)
    for r in rows:
        names.update(r.names)
    ranked = sorted(names, key=lambda n: (-names[n], -len(n), n))
    name = max((r.name for r in rows), key=lambda n: (names[n], len(n)))
    kind = Counter(r.kind for r in rows).most_common(1)[0][0]
    regions = Counter(r.region for r in rows if r.region)
    region = regions.most_common(1)[0][0] if regions else ""
    all_keys = {k for r in rows for k in r.keys}
    return Organization(
        id=_hash(min(all_keys) if all_keys else name),
        name=name,
        names=[n for n in ranked if n != name],
        kind=kind,
        region=region,
        keys=all_keys,
    )


def _valid_date(value: str) -> bool:
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
    if not match:
        return False
    month, day = match.group(2), match.group(3)
    return (month is None or 1 <= int(month) <= 12) and (day is None or 1 <= int(day) <= 31)


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _name_matches(org: Organization, q: str) -> bool:
    needle = q.strip().lower()
    if any(needle in n.lower() for n in [org.name, *org.names]):
        return True
    return any(k in org.keys for k in keys(q))


def _coop_matches(c: Cooperation, f: Filters) -> bool:
    if f.cooperation and c.kind != f.cooperation:
        return False
    if f.since or f.until:
        day = date_number(c.date)
        if day == 0:
            return False
        if f.since and date_number(c.date, upper=True) < date_number(f.since):
            return False
        if f.until and day > date_number(f.until, upper=True):
            return False
    return True
