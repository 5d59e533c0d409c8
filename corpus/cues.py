"""Cue words of the kinds of cooperation, hypothetical statements and dates of a sentence."""

from __future__ import annotations

import re

COOPERATION_KINDS = (
    "agreement", "training_base", "order_class", "membership", "visit", "event", "donation",
    "other",
)  # fmt: skip
# Cue words by kind, tried in this order (the first kind whose cue a sentence holds wins).
CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "donation",
        re.compile(r"捐赠|捐献|赠送|捐建|奖学金|助学金|\bdonat\w*|\bgave\b|scholarships?", re.I),
    ),
    (
        "order_class",
        re.compile(
            r"订单班|订单培养|订单式|冠名班|现代学徒制|学徒制|[^\s，。、]{1,8}班[”」]|order class|"
            r"tailored class|apprentice\w*|dual[- ]education|dual[- ]system|"
            r"(?-i:\b[A-Z][\w-]+ Class(?:es)?\b)",
            re.I,
        ),
    ),
    (
        "training_base",
        re.compile(
            r"(?:实训|实习|实践|培训|教学|培养|就业|见习|研学)[\u4e00-\u9fff]{0,4}基地|实训中心|"
            r"training (?:base|cent(?:er|re))|internship base|practice base|顶岗实习|跟岗实习|"
            r"岗位实习|\binternships?\b",
            re.I,
        ),
    ),
    (
        "membership",
        re.compile(
            r"加入|(?<!党组)(?<!党委)(?<!班子)成员|会员|理事单位|理事长单位|牵头单位|牵头组建|共同牵头|牵头建设|牵头成立|组建|发起成立|(?:联合|共同|牵头)发起|组成(?!员)|"
            r"\bjoin(?:ed|s)?\b|\bmembers?\b|founding|\bbr(?:ings?|ought) together\b",
            re.I,
        ),
    ),
    (
        "agreement",
        re.compile(
            r"签订|签约|签署|协议|战略合作|合作备忘录|\bsign(?:ed|ing)\b|agreement|memorandum|"
            r"\binked\b|\ba deal\b|"
            r"\bMoU\b|joint venture",
            re.I,
        ),
    ),
    (
        "visit",
        re.compile(
            r"走访|来访|考察|参观|访问|调研|莅临|到访|来校|会见|接待|会谈|特邀|\bvisit\w*|delegation|"
            r"\breceived by\b",
            re.I,
        ),
    ),
    (
        "event",
        re.compile(
            r"出席|参加|举办|主办|承办|协办|论坛|大会|研讨会|co-?sponsor\w*|co-?host\w*|"
            r"\battend\w*|forum|conference|symposium|(?:organi[sz]|host|sponsor|guid)ed by|"
            r"\bguests? (?:included|were|at)\b|\bamong the guests\b",
            re.I,
        ),
    ),
    (
        "other",
        re.compile(
            r"合作|共建|联合培养|共同培养|携手|牵手|会商|注资|校企|产教融合|交流|座谈|洽谈|揭牌|授牌|挂牌|"
            r"\bjoint (?:lab\w*|research|venture|program\w*|cent(?:er|re)|institute|creation|"
            r"undertaking|project|effort|initiative)|\b(?:close )?contacts? with\b|"
            r"\bprogram(?:me)?s? with\b|"
            r"\bcooperat\w*|collaborat\w*|\b(?:support|funding|sponsorship) from\b|"
            r"partner\w*|jointly|\btrain\w* (?:jointly|together)|\bteam(?:ed|s)? up\b|"
            r"\bwork(?:s|ed|ing)? (?:closely )?with\b|\bties with\b",
            re.I,
        ),
    ),
]
# Words of duty, permission or plan: the sentence states no cooperation that took place
# (the month May is not the modal may).
HYPOTHETICAL = re.compile(
    r"应当|应该|鼓励|(?<!的)支持(?!下)|可以|将会|拟|计划|should|shall|\b(?-i:may)\b|will\b|"
    r"encourag",
    re.I,
)
# Marks of something done (了 after a verb, 已, 获批, a day's date): a sentence holding one
# reports a fact even when it also holds a word such as 支持 or 计划 (政策支持平台).
_DONE = re.compile(r"(?<![为除罢])了(?!解)|已经|已于|获批|\d{1,2}\s*月\s*\d{1,2}\s*日")


def hypothetical(text: str) -> bool:
    """True when the sentence states a duty, permission or plan rather than a fact."""
    return bool(HYPOTHETICAL.search(text)) and not _DONE.search(text)


_FULL_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_MD_DATE = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december")  # fmt: skip
_EN_DATE = re.compile(
    r"\b(" + "|".join(_EN_MONTHS) + r")\s+(\d{1,2})(?:st|nd|rd|th)?(?:,\s*(\d{4}))?", re.I
)


# A document's title in book-title marks (《…合作协议》) and the "spirit" of a meeting
# (大会精神) name a text or a meeting, not an act of the sentence's organisations.
_NOT_ACTS = re.compile(
    r"《[^》]{0,80}》|[\u4e00-\u9fff]{0,12}(?:大会|会议)精神|交流发言|"
    r"\b(?:notice|opinions?|plan|guidelines?|measures|regulations?|documents?|polic(?:y|ies))"
    r" on [^.;,]{0,80}",
    re.I,
)


def cue(text: str) -> str | None:
    """The kind of cooperation a sentence's cue words state, or None."""
    text = _NOT_ACTS.sub(" ", text)
    return next((k for k, pattern in CUES if pattern.search(text)), None)


def sentence_date(text: str, doc_date: str) -> str:
    full = _FULL_DATE.search(text)
    if full:
        y, m, d = full.groups()
        return f"{y}-{int(m):02d}" + (f"-{int(d):02d}" if d else "")
    year = doc_date[:4] if re.fullmatch(r"\d{4}", doc_date[:4]) else ""
    md = _MD_DATE.search(text)
    if md and year:
        return f"{year}-{int(md.group(1)):02d}-{int(md.group(2)):02d}"
    en = _EN_DATE.search(text)
    if en and (en.group(3) or year):
        month = _EN_MONTHS.index(en.group(1).lower()) + 1
        return f"{en.group(3) or year}-{month:02d}-{int(en.group(2)):02d}"
    return ""
