"""English organisation names with a head word (College, Co., Ltd, Association …):
capitalised names, split at "and" between two names, without a person's title or an office
before them; and loosely translated names with lower-case words inside."""

from __future__ import annotations

import re

from corpus.en_dictionary import english_words
from corpus.en_words import (
    ACRONYM,
    EN_WORD,
    LEGAL_TAIL,
    MIN_NAME_WORDS,
    STOP_START,
    generic_en,
    opener,
    pinyin_word,
)
from corpus.mention import Mention
from corpus.orgnames import EN_HEADS, kind_of

MAX_EN_WORDS = 16  # longest English organisation name accepted (words)
_EN_JOIN = (
    r"(?:\s+(?:of|for|in|on)\s+the\s+|\s+(?:of|for|and|the|de|&|in|on)\s+|\s+&\s+|"
    r"\s+\([A-Z][\w]+\)\s+|\s+|-)"
)
_EN_NAME = re.compile(rf"{EN_WORD}(?:{_EN_JOIN}{EN_WORD})*(?:\s*\([A-Z][\w ]{{0,20}}\))?")
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
# Words that never sit inside a loosely written name (verbs, pronouns, articles, clauses).
_EN_LOOSE_STOP = {"the", "a", "an", "is", "are", "was", "were", "has", "have", "had", "will",
                  "said", "says", "signed", "visited", "held", "it", "its", "this", "that",
                  "which", "who", "their", "our", "we", "they", "to", "at", "in", "on", "by",
                  "with", "from", "as", "than", "between", "among", "also"}  # fmt: skip
_EN_LOWER_OF = re.compile(r"\s+of\s+(?:[a-z]+\s+){0,3}?[a-z]+(?=\s*(?:[,;.)]|$)|\s+and\s+[A-Z])")
# Words that place an office in a government ("District", "Municipal", "Party Committee").
_JURISDICTION = re.compile(
    r"\b(?:District|City|Municipal|Provincial|Province|County|State|National|Committee|"
    r"Government|Ministry|Council)\b"
)
# Head words of a unit inside a school or company when no jurisdiction names them.
_UNIT_HEADS = ("office", "department")
# A workshop, conference or meeting "on" or "for" something is a meeting held, not a body
# (a Luban Workshop is): no name in such a title is an organisation ("Workshops for
# In-company Trainers", "Third Working Group Conference on X").
_EN_EVENT_TITLE = re.compile(
    r"\b(?:Workshops?|Conferences?|Symposi(?:um|a)|Seminars?|Meetings?)\s+(?:on|for)\s", re.I
)
# A name in a loose translation, with lower-case words inside, anchored at a clause start
# and ended by a legal form or a head word: "Hangzhou Xizi intelligent parking Co., Ltd.".
_EN_LOOSE = re.compile(
    r"(?:^|[;:]\s*|,\s+|\b(?:and|with|by|between|of|at|from)\s+)"
    r"([A-Z][\w'-]*(?:\s+[a-zA-Z][\w'-]*){0,5}?\s+"
    r"(?:Co\.,?\s*Ltd|Co\.|company|association|society|university|college|group))\b",
    re.I,
)


def headed_names(sentence: str) -> list[Mention]:
    """Capitalised names that end in a head word, each with the short name in
    brackets after it."""
    out = []
    for match in _EN_NAME.finditer(sentence):
        text = match.group(0)
        start = match.start()
        words = text.split()
        while words and (opener(words[0]) or words[0].islower()):  # "Students of X"
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
            if len(piece.split()) < 2 or generic_en(piece) or internal_office(piece):
                continue
            legal = LEGAL_TAIL.match(sentence, piece_start + len(piece))
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


def internal_office(name: str) -> bool:
    """True for an office or department named without a jurisdiction ("Employment Office",
    "Student Affairs Department"): a unit inside a school or company, not a government body.
    A place spelt in pinyin opens a government's office ("Liuzhou Foreign Affairs Office")."""
    last = name.split()[-1].lower()
    if last not in _UNIT_HEADS or _JURISDICTION.search(name):
        return False
    first = name.split()[0]
    return not pinyin_word(first) or first.lower() in english_words()


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
            or (ACRONYM.fullmatch(left) and kind_of(right) is not None)
        ):
            parts.append((start + pos, left))
            pos = match.end()
    parts.append((start + pos, text[pos:]))
    return parts


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
        and not generic_en(right)  # "X School of Y Vocational and Technical College": one name
    )


def loose_names(sentence: str) -> list[Mention]:
    """Loosely translated names with lower-case words inside, closed by a legal form
    or a head word ("Hangzhou Xizi intelligent parking Co., Ltd.")."""
    out = []
    for match in _overlapping(_EN_LOOSE, sentence):
        name = match.group(1)
        words = name.split()
        if not words[0][:1].isupper() or words[0] in STOP_START:
            continue
        if any(w.lower() in _EN_LOOSE_STOP for w in words):
            continue
        if any(w.lower() in ("and", "&")
               and (words[k - 1].lower() in EN_HEADS or ACRONYM.fullmatch(words[k - 1]))
               for k, w in enumerate(words) if k):  # fmt: skip
            continue  # "X Polytechnic and Y Co., Ltd.", "LVTC and Y Co., Ltd.": two names
        if generic_en(name) or re.match(r"\s+[A-Z]", sentence[match.end(1) :]):
            continue  # a generic phrase, or a name that goes on in capitals
        start = match.start(1)
        title = _lead(name)
        if title:
            start += title.end()
        legal = LEGAL_TAIL.match(sentence, match.end(1))
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
