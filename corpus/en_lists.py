"""English enumerations of a class of organisations and appositions: "companies including
A, B and C", "the alliance brings together A and B", "the e-commerce platform JD"."""

from __future__ import annotations

import re

from corpus.en_words import ACRONYM, EN_WORD, PROVINCE_NAMES, TITLE_WORDS, brand_like
from corpus.mention import Mention
from corpus.orgnames import kind_of

# (a class word ending a hyphenated one is no class: "in-company trainers")
_EN_APPOSITION = re.compile(
    r"(?<!-)\b(?:company|firm|conglomerate|carmaker|automaker|manufacturer|giant|maker|"
    r"platform|retailer|supplier|provider|operator|producer|developer|brand|"
    r"enterprises|companies|firms|partners)\s+(?:,\s*)?(?:including\s+|such as\s+|like\s+)?"
    rf"({EN_WORD}(?:(?:\s+|-){EN_WORD}){{0,3}})"
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


def appositions(sentence: str) -> list[Mention]:
    """Names after a class noun in apposition: "the e-commerce platform JD"."""
    out = []
    for match in _EN_APPOSITION.finditer(sentence):
        name = match.group(1)
        acronym = bool(ACRONYM.fullmatch(name))  # "the e-commerce platform JD"
        if not kind_of(name) and not brand_like(name) and not acronym:
            continue
        out.append(Mention(name, match.start(1), match.end(1), kind_of(name) or "enterprise"))
    return out


def class_lists(sentence: str) -> list[Mention]:
    """The items of "companies including A, B and C" and "brings together A and B",
    of the class's kind."""
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
                if not re.fullmatch(rf"{EN_WORD}(?:(?:\s+|-|\s+&\s+){EN_WORD}){{0,5}}", part):
                    continue
                offset = sentence.find(part, body_start)
                titled = re.match(r",\s*(?:[A-Z]\w+\s+){0,2}(?:" + "|".join(TITLE_WORDS) + ")",
                                  sentence[offset + len(part) :])  # fmt: skip
                if titled or TITLE_WORDS.intersection(part.split()):
                    continue  # a person: "Yu Qifeng, Vice President of …"
                if not kind_of(part) and len(part.split()) > 1 and not brand_like(part):
                    continue  # a two-word pinyin name is a person, not a company
                if part in PROVINCE_NAMES:
                    continue  # "…, Shanghai" is where, not who
                out.append(Mention(part, offset, offset + len(part), kind_of(part) or kind))
    return out
