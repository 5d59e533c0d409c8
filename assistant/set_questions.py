"""Questions that ask for a set or a count of organisations or cooperations, read by rules:
what kind of organisation is wanted, which kind of cooperation, with whom, where."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.orgnames import PROVINCES, written_key
from retrieval.directory_view import DirectoryView, Organization

# Nouns that name the wanted set, by organisation kind ("" = any organisation).
_WANTED: list[tuple[str, re.Pattern[str]]] = [
    ("enterprise", re.compile(r"enterprises?|compan(?:y|ies)|firms?|employers?|企业|公司|车企",
                              re.I)),
    ("school", re.compile(r"colleges?|universit(?:y|ies)|schools?|institutes?|polytechnics?|"
                          r"院校|学校|高校|学院|大学|职校", re.I)),
    ("association", re.compile(r"associations?|chambers?|societ(?:y|ies)|协会|商会|学会", re.I)),
    ("alliance", re.compile(r"alliances?|consorti(?:um|a)|communit(?:y|ies)|联盟|共同体|联合体",
                            re.I)),
    ("government", re.compile(r"government|bureaus?|ministr(?:y|ies)|departments?|政府|部门|"
                              r"教育局|教育厅", re.I)),
    ("", re.compile(r"organi[sz]ations?|partners?|members?|institutions?|单位|机构|成员|"
                    r"合作伙伴|伙伴", re.I)),
]  # fmt: skip
_ASKS_SET = re.compile(
    r"^\s*(?:which|what|list|name|who|how many|count|give me)\b|\b(?:which|how many)\b|"
    r"哪些|哪几|哪家|多少|几家|几所|几个|列出|列举|有谁",
    re.I,
)
_ASKS_COUNT = re.compile(r"how many|number of|count|多少|几家|几所|几个|数量", re.I)
# Cooperation kinds asked about, tried in order.
_COOPERATION: list[tuple[str, re.Pattern[str]]] = [
    ("donation", re.compile(r"donat\w*|捐赠|捐献|赠送", re.I)),
    ("order_class", re.compile(r"order class\w*|apprentice\w*|订单班|订单|学徒", re.I)),
    ("training_base", re.compile(r"training bases?|internship bases?|实训基地|实习基地|基地",
                                 re.I)),
    ("membership", re.compile(r"members?\b|join\w*|belong\w*|加入|成员|属于", re.I)),
    ("agreement", re.compile(r"sign\w*|agreements?|签约|签订|签署|协议", re.I)),
    ("visit", re.compile(r"visit\w*|走访|来访|考察|参观", re.I)),
    ("event", re.compile(r"forum|conference|symposium|attend\w*|论坛|大会|出席|参加", re.I)),
]  # fmt: skip
MIN_NAME_CHARS = 3  # shorter directory names are not looked for inside a question


@dataclass(frozen=True)
class SetQuestion:
    """What a set or count question asks for."""

    kind: str
    cooperation: str
    anchor: Organization | None
    region: str
    count: bool


def parse(question: str, view: DirectoryView) -> SetQuestion | None:
    """The set the question asks for, or None when it does not ask for one."""
    if not _ASKS_SET.search(question):
        return None
    wanted = [(k, m) for k, p in _WANTED if (m := p.search(question))]
    if not wanted:
        return None
    anchor, anchor_span = _anchor(question, view)
    outside = [(k, m) for k, m in wanted if not _inside(m.span(), anchor_span)]
    if not outside:
        return None
    kind = outside[0][0]
    cooperation = next((k for k, p in _COOPERATION if p.search(question)), "")
    if not anchor and not _region(question):
        return None
    return SetQuestion(
        kind, cooperation, anchor, _region(question), bool(_ASKS_COUNT.search(question))
    )


def _inside(span: tuple[int, int], outer: tuple[int, int] | None) -> bool:
    return outer is not None and outer[0] <= span[0] and span[1] <= outer[1]


def _anchor(
    question: str, view: DirectoryView
) -> tuple[Organization | None, tuple[int, int] | None]:
    """The directory entry named in the question (its longest name found), with its span."""
    lowered = question.lower()
    best: tuple[int, Organization, tuple[int, int]] | None = None
    for org in view.organizations.values():
        for name in [org.name, *org.names]:
            if len(written_key(name)) < MIN_NAME_CHARS:
                continue
            at = lowered.find(name.lower())
            if at >= 0 and (best is None or len(name) > best[0]):
                best = (len(name), org, (at, at + len(name)))
    return (best[1], best[2]) if best else (None, None)


def _region(question: str) -> str:
    for zh, en in PROVINCES.items():
        if zh in question or re.search(rf"\b{en}\b", question, re.I):
            return en
    return ""
