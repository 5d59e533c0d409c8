"""Questions that ask for a set or a count of organisations or cooperations, read by rules:
what kind of organisation is wanted, which kind of cooperation, with whom, where."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.mentions import find_mentions
from corpus.orgnames import PROVINCES, written_key
from retrieval.directory_view import TAIL_CHARS, DirectoryView, Organization

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
# The question word that asks for a set or a count, followed closely by the wanted noun.
_EN_ASK = re.compile(r"\b(which|how many|list(?: all)?|name all)\s+((?:[\w'-]+\s+){0,3}?)", re.I)
_ZH_ASK = re.compile(r"(哪些|哪几家|哪几所|哪几个|多少家|多少所|多少个|几家|几所|几个|列出|列举)"
                     r"([^，。？、\s]{0,6}?)")  # fmt: skip
_STATED = re.compile(r"(\d+)\s*(?:家|所|个)?\s*(?:(?:[\w-]+\s+){0,2}?|[^\d，。、]{0,4}?)")
_ASKS_COUNT = re.compile(r"how many|多少|几家|几所|几个", re.I)
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
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
MIN_NAME_CHARS = 3  # shorter directory names are not looked for inside a question
MIN_KEY_OVERLAP = 6  # shortest name key matched by containment (a longer or shorter form)


@dataclass(frozen=True)
class SetQuestion:
    """What a set or count question asks for."""

    kind: str
    cooperation: str
    anchor: Organization | None
    region: str
    count: bool
    year: str = ""  # a year the question names ("in 2023"): only cooperations of that year


def parse(question: str, view: DirectoryView) -> SetQuestion | None:
    """The set the question asks for, or None when it does not ask for one."""
    wanted = _wanted(question)
    if wanted is None:
        return None
    kind, asked_at = wanted
    anchor = _anchor(question, view, asked_at)
    outside = question
    for name in [anchor.name, *anchor.names] if anchor else []:
        outside = re.sub(re.escape(name), " ", outside, flags=re.I)
    region = _region(outside)  # a place inside the anchor's name is not a filter
    if not anchor and not region:
        return None
    cooperation = next((k for k, p in _COOPERATION if p.search(question)), "")
    year = _YEAR.search(outside)
    return SetQuestion(
        kind,
        cooperation,
        anchor,
        region,
        bool(_ASKS_COUNT.search(question)),
        year.group() if year else "",
    )


def stated_total(kind: str, sentences: list[str]) -> int:
    """The largest number of organisations of `kind` the sentences state (32 enterprises,
    6家企业), or 0."""
    noun = dict(_WANTED)[kind]
    best = 0
    for text in sentences:
        for match in _STATED.finditer(text):
            if noun.match(text, match.end()):
                best = max(best, int(match.group(1)))
    return best


def _wanted(question: str) -> tuple[str, int] | None:
    """The kind of organisation asked for ("" for any) and where, when a set is asked for."""
    for ask in (*_EN_ASK.finditer(question), *_ZH_ASK.finditer(question)):
        rest = question[ask.end() :]
        for kind, noun in _WANTED:
            if noun.match(rest):
                return kind, ask.start()
    return None


def _anchor(question: str, view: DirectoryView, asked_at: int) -> Organization | None:
    """The directory entry the question names; of several, the one nearest the question
    word (与A合作的B有多少家成员 asks about B)."""
    lowered = question.lower()
    found: list[tuple[int, int, Organization]] = []
    longest = view.longest_name
    for at in range(len(lowered)):  # every substring of the question, looked up by name
        for end in range(at + MIN_NAME_CHARS, min(len(lowered), at + longest) + 1):
            org = view.by_name.get(lowered[at:end])
            if org is not None:
                distance = min(abs(at - asked_at), abs(end - asked_at))
                found.append((distance, at - end, org))
    if found:
        return min(found, key=lambda f: (f[0], f[1]))[2]
    return _anchor_by_key(question, view)


def _anchor_by_key(question: str, view: DirectoryView) -> Organization | None:
    """The entry whose name contains, or is contained in, an organisation name the question
    writes differently (a longer or shorter form, another spelling)."""
    for mention in find_mentions(question):
        wanted = written_key(mention.name)
        if len(wanted) < MIN_KEY_OVERLAP:
            continue
        exact = view.find(mention.name)
        if exact is not None:
            return exact
        close = [
            org
            for org in view.by_tail.get(wanted[-TAIL_CHARS:], [])
            if any(wanted in k or (len(k) >= MIN_KEY_OVERLAP and k in wanted) for k in org.keys)
        ]
        if len(close) == 1:
            return close[0]
    return None


def _region(question: str) -> str:
    for zh, en in PROVINCES.items():
        if zh in question or re.search(rf"\b{en}\b", question, re.I):
            return en
    return ""
