"""A document's organisations merged across its names for them: a short name ending a
longer one (省教育厅 / 江苏省教育厅), abbreviations, and a bilingual title's two names."""

from __future__ import annotations

from dataclasses import replace

from corpus.language import has_cjk
from corpus.mentions import Mention, find_mentions
from corpus.orgnames import keys, region_of, written_key
from corpus.partner_records import Organization

# Characters of the levels of government that close a place's name (宜昌市, 某某县, 某某盟).
_LEVELS = "省市县区州盟旗"
MIN_SHORT_KEY = 4  # a shorter name is not taken for the end of a longer one (characters)


def canonical(name: str, alias_of: dict[str, str]) -> str:
    """The name of the organisation a name stands for (the name itself when unknown)."""
    return alias_of.get(written_key(name), name)


def add_organization(
    orgs: dict[str, Organization], alias_of: dict[str, str], m: Mention, region: str
) -> None:
    """Record a mention: a name already known, or ending a longer known name of the same
    kind (省教育厅 / 江苏省教育厅), is that organisation; anything else is a new one."""
    key = written_key(m.name)
    entry = alias_of.get(key)
    if entry is None:
        entry = next(
            (
                name
                for name, org in orgs.items()
                if org.kind == m.kind
                and (len(key) >= MIN_SHORT_KEY or _level_short(key, org.key))
                and org.key.endswith(key)
                and org.key != key
            ),
            None,
        )
    if entry is None:
        entry = m.name
        orgs[m.name] = Organization(m.name, m.kind, region_of(m.name, region))
    for k in keys(m.name):
        alias_of.setdefault(k, entry)
    org = orgs[entry]
    if m.alias and written_key(m.alias) not in alias_of:
        org.names.append(m.alias)
        for k in keys(m.alias):
            alias_of.setdefault(k, entry)
    if m.name != entry and m.name not in org.names:
        org.names.append(m.name)


def _level_short(short: str, full: str) -> bool:
    """True for a body named by its level only (市政府 for 宜昌市政府, 省教育厅): the level
    character opens the short name and closes the place in the full one."""
    return (
        len(short) > 1 and short[0] in _LEVELS and full.endswith(short) and len(full) > len(short)
    )


def all_names(orgs: dict[str, Organization]) -> dict[str, str]:
    """Every name and other name of the document's organisations -> its entry."""
    out: dict[str, str] = {}
    for name, org in orgs.items():
        for n in [name, *org.names]:
            out.setdefault(n, name)
    return out


def title_mentions(title: str) -> list[Mention]:
    """The title's organisations; in a title written in both languages ("中文 / English"),
    the names each half gives in the same order are one organisation's two names."""
    halves = title.split(" / ")
    if len(halves) != 2 or has_cjk(halves[1]) or not has_cjk(halves[0]):
        return find_mentions(title)
    zh, en = find_mentions(halves[0]), find_mentions(halves[1])
    out: list[Mention] = []
    for byline in (True, False):
        zh_side = [m for m in zh if m.byline == byline]
        en_side = [m for m in en if m.byline == byline]
        if len(zh_side) != len(en_side):
            out += zh_side + en_side
            continue
        out += [replace(z, alias=z.alias or e.name) for z, e in zip(zh_side, en_side, strict=True)]
    return out
