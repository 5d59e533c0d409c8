"""The words of English organisation names: a capitalised word, sentence openers, titles,
generic words, pinyin, months; and whether a bare name (no head word) may be a brand."""

from __future__ import annotations

import re

from corpus.orgnames import EN_HEADS, PROVINCES, kind_of

# A capitalised word; "No. 1" / "No.1" too (Tengchong No.1 Vocational School).
EN_WORD = r"(?:No\.\s?\d+\b|[A-Z][\w'’\-]*(?:\.[A-Z])?)"
STOP_START = {"The", "A", "An", "On", "In", "At", "By", "For", "From", "With", "Its",
                  "His", "Her", "Their", "This", "That", "These", "Those", "Both", "After",
                  "Afterwards", "Since", "During", "According", "As", "And", "Of", "Under",
                  "Students", "Graduates", "Responding", "When", "While", "Last", "Next",
                  "Every", "Each", "Some", "Many", "Several", "All", "Through", "Over"}  # fmt: skip
# A name in capitals ("LVTC and SGMW Automobile Co. Ltd"): a name of its own before "and".
ACRONYM = re.compile(r"[A-Z]{2,}")
MIN_NAME_WORDS = 2  # a name after "X of" has this many words at least (Qinghai University)
TITLE_WORDS = {"President", "Vice", "Deputy", "Secretary", "General", "Chairman", "Director",
                   "Dean", "Manager", "Professor", "Mayor", "Minister", "Governor", "Dr", "Dr.",
                   "Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Prof", "Prof."}  # fmt: skip
_EN_GENERIC = {"party", "standing", "political", "central", "research", "technology",
               "professional", "industry", "development", "national", "international", "new",
               "vocational", "technical", "education", "educational", "economic",
               "science",
               # grades of schools: "National Model Higher Vocational College" is a class
               "model", "higher", "high-quality", "specialized", "specialised", "outstanding",
               "exemplary", "demonstration", "key", "backbone"}  # fmt: skip
# One pinyin syllable (a bare word made of them is a Chinese place or person, not a brand).
# (Only a, o, e and the finals opening with them stand without an initial: 'ideal' is no
# pinyin, 'anhui' is.)
_PINYIN = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])(?:iang|iong|uang|ang|eng|ing|ong|uai|ian|iao|uan|"
    r"van|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)|"
    r"(?:ang|eng|ai|ei|ao|ou|an|en|er|a|o|e)"
)
PROVINCE_NAMES = set(PROVINCES.values())
LEGAL_TAIL = re.compile(r"\.?,?\s*(?:Ltd|Limited|Inc|LLC)\b")
# Months and weekdays: they open a sentence ("On Monday …") and never start a name.
MONTH = re.compile(
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
MAX_BARE_WORDS = 3  # longest bare name (no head word) taken beside a recognised one (words)
EN_BARE = rf"{EN_WORD}(?:(?:\s+|-){EN_WORD}){{0,{MAX_BARE_WORDS - 1}}}"


def brand_like(name: str) -> bool:
    """A bare name that may be a company: not a sentence opener or a title, not spelt in
    pinyin (a Chinese person or place)."""
    words = name.split()
    word = name.lower().replace("-", "").replace(" ", "")
    if words[0] in STOP_START or len(word) < 3 or TITLE_WORDS.intersection(words):
        return False
    return _PINYIN.sub("", word) != ""


def unopened_bare(start: int, name: str) -> tuple[int, str]:
    """A bare name without the sentence openers in front of it ("On Monday Helix Robotics"
    -> "Helix Robotics"); '' when nothing else is left."""
    while (lead := re.match(r"(\S+)\s+", name)) and opener(lead.group(1)):
        start, name = start + lead.end(), name[lead.end() :]
    return (start, "") if opener(name) else (start, name)


def opener(word: str) -> bool:
    """True for a word that opens a sentence and never a name (The, On, Monday)."""
    return word in STOP_START or bool(MONTH.fullmatch(word))


def pinyin_word(word: str) -> bool:
    """True for a capitalised word spelt wholly in pinyin syllables (a Chinese place)."""
    flat = word.lower().replace("-", "")
    return word[:1].isupper() and len(flat) > 2 and _PINYIN.sub("", flat) == ""


def generic_en(name: str) -> bool:
    """True for a name made only of head and generic words ("Party Committee"); a ministry
    named by its field ("Ministry of Education") is a name."""
    words = [w.lower().strip(".,") for w in name.split() if w[:1].isupper()]
    if len(name.split()) > 2 and name.split()[1] == "of" and kind_of(words[0]) == "government":
        return False
    return all(w in EN_HEADS or w in _EN_GENERIC for w in words)
