"""Set and count questions answered from the partnership directory: every item listed, each
cited to its evidence sentence, the count stated. The listing follows the answer the
documents give (a count or a detail a sentence states is worth more than a list), and stands
alone when they give none. Other questions go on to retrieval; a set question the directory
knows nothing about goes on too, with a note saying so."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.answerers.draft import AnswerDraft, append
from assistant.partners import PartnerService
from assistant.schemas import Source
from assistant.set_questions import SetQuestion, parse, stated_total
from retrieval.directory_view import Cooperation, CoopRow, DirectoryView, Organization

_KIND_WORDS: dict[str, dict[str, Any]] = {
    "en": {"enterprise": ("enterprise", "enterprises"), "school": ("school", "schools"),
           "association": ("association", "associations"), "alliance": ("alliance", "alliances"),
           "government": ("government body", "government bodies"),
           "": ("organisation", "organisations")},
    "zh": {"enterprise": "家企业", "school": "所院校", "association": "家协会/商会",
           "alliance": "个联盟/共同体", "government": "个政府部门", "": "个单位"},
}  # fmt: skip
_COOP_WORDS = {
    "en": {"agreement": "signed an agreement", "training_base": "a training or internship base",
           "order_class": "an order class or apprenticeship", "membership": "membership",
           "visit": "a visit or exchange", "event": "a forum or event",
           "donation": "a donation", "other": "cooperation"},
    "zh": {"agreement": "签约", "training_base": "实训/实习基地", "order_class": "订单班/学徒制",
           "membership": "成员", "visit": "走访交流", "event": "论坛/活动", "donation": "捐赠",
           "other": "合作"},
}  # fmt: skip
NOTHING = {
    "en": "The partnership directory lists nothing on this, so this answer comes from a "
    "search of the documents:",
    "zh": "合作伙伴目录中没有相关记录，以下回答来自文档检索：",
}


@dataclass
class Outcome:
    """A complete directory answer, or a note to put before the retrieval answer."""

    draft: AnswerDraft | None = None
    note: str = ""


class DirectoryAnswerer:
    """Answers set and count questions from the directory."""

    def __init__(self, partners: PartnerService) -> None:
        self.partners = partners

    def answer(self, question: str, language: str) -> Outcome | None:
        """An outcome for a set or count question; None for any other question."""
        view = self.partners.view()
        asked = parse(question, view)
        if asked is None:
            return None
        found = _matching(asked, view)
        if not found:
            return Outcome(note=NOTHING[language])
        return Outcome(draft=_draft(asked, found, language))


def _matching(
    asked: SetQuestion, view: DirectoryView
) -> list[tuple[Organization, list[Cooperation]]]:
    """The organisations of the wanted kind, with the cooperations that put them in the set."""
    coops = view.of(asked.anchor.id) if asked.anchor else view.in_region(asked.region)
    found: dict[str, tuple[Organization, list[Cooperation]]] = {}
    for c in coops:
        if asked.cooperation and c.kind != asked.cooperation:
            continue
        if asked.year and not (
            c.date.startswith(asked.year) or any(asked.year in e.evidence for e in c.evidence)
        ):
            continue  # "到2026年": the directory says nothing of that year
        for org in (c.a, c.b):
            other = c.b if org is c.a else c.a
            if asked.anchor and org.id == asked.anchor.id:
                continue
            if asked.kind and org.kind != asked.kind:
                continue
            if asked.region and asked.region.lower() not in (org.region + other.region).lower():
                continue
            found.setdefault(org.id, (org, []))[1].append(c)
    return sorted(found.values(), key=lambda item: item[0].name)


def _draft(
    asked: SetQuestion, found: list[tuple[Organization, list[Cooperation]]], language: str
) -> AnswerDraft:
    sources: list[Source] = []
    numbers: dict[str, int] = {}

    def cite(row: CoopRow) -> int:
        if row.doc_id not in numbers:
            numbers[row.doc_id] = len(sources) + 1
            sources.append(
                Source(n=numbers[row.doc_id], id=row.doc_id, title=row.title,
                       snippet=row.evidence, score=1.0,
                       chunk_id=f"{row.doc_id}#{row.start}-{row.end}", region=row.region)
            )  # fmt: skip
        return numbers[row.doc_id]

    lines = []
    for i, (org, coops) in enumerate(found, 1):
        kinds = sorted({c.kind for c in coops})
        dates = sorted({c.date for c in coops if c.date})
        marks = "".join(f"[{n}]" for n in sorted({cite(e) for c in coops for e in c.evidence}))
        what = ", ".join(_COOP_WORDS[language][k] for k in kinds)
        when = f", {dates[0]}" if dates else ""
        sep = "：" if language == "zh" else ": "
        lines.append(f"{i}. {org.name}{sep}{what}{when} {marks}")
    heading = _heading(asked, len(found), language)
    if asked.count:
        evidence = [e.evidence for _, coops in found for c in coops for e in c.evidence]
        total = stated_total(asked.kind, evidence)
        if total and total != len(found):
            heading = _stated(total, len(found), language) + heading
    return AnswerDraft(
        text=heading + "\n" + "\n".join(lines),
        grounded=True,
        sources=sources,
        support=1.0,
    )


def _stated(total: int, named: int, language: str) -> str:
    if language == "zh":
        return f"文档中写明共{total}个；目录列出有名称的{named}个。"
    return f"The documents state a total of {total}; the directory names {named}. "


def _heading(asked: SetQuestion, count: int, language: str) -> str:
    anchor = asked.anchor.name if asked.anchor else ""
    if language == "zh":
        unit = _KIND_WORDS["zh"][asked.kind]
        with_whom = f"与{anchor}" if anchor else ""
        where = f"（{asked.region}）" if asked.region else ""
        how = _COOP_WORDS["zh"][asked.cooperation] if asked.cooperation else "合作"
        return f"合作伙伴目录中共有{count}{unit}{where}{with_whom}有{how}记录："
    one, many = _KIND_WORDS["en"][asked.kind]
    noun = one if count == 1 else many
    how = _COOP_WORDS["en"][asked.cooperation] if asked.cooperation else "cooperation"
    with_whom = f" with {anchor}" if anchor else ""
    where = f" in {asked.region}" if asked.region else ""
    return f"The partnership directory lists {count} {noun}{where} ({how}){with_whom}:"


def after_answer(answer: AnswerDraft, listing: AnswerDraft) -> AnswerDraft:
    """`answer` with the directory's `listing` after it, the listing's [n] renumbered to
    continue the answer's sources (a document both cite keeps the answer's number)."""
    return append(answer, listing)
