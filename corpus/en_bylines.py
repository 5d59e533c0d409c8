"""English news outlets credited for a text (bylines, datelines, credit lines): named in it,
never parties."""

from __future__ import annotations

import re

from corpus.en_words import EN_WORD, MIN_NAME_WORDS, MONTH, STOP_START
from corpus.mention import Mention

# The last word of a newspaper's or news site's name.
_EN_OUTLET = r"(?:Times|Daily|News|Post|Herald|Journal|Gazette|Tribune|Network)"
# A news agency or site credited in a byline: "(Xinhua) -", "Source: X", domains.
_EN_MEDIA = re.compile(
    r"\(([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)\)\s*[-–—]|\bSource:\s*([A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})|"
    r"\b([a-z][\w-]*\.(?:com|net|org)(?:\.cn)?)\b|"
    # a newspaper in a dateline field: "Harbour Times, 2020-01-02", "By X | Harbour Daily | 2020"
    rf"(?:^|\|\s*)((?:{EN_WORD}\s+){{0,3}}{_EN_OUTLET})(?=\s*(?:,|\|)\s*\d{{4}}|\s*\||:\s)|"
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
    rf"\btold\s+((?:{EN_WORD}\s+){{0,3}}{_EN_OUTLET})\b"
)


def media_bylines(sentence: str) -> list[Mention]:
    """News agencies, sites and newspapers credited in a byline or a dateline."""
    out = []
    for pattern in (_EN_MEDIA,):
        for match in pattern.finditer(sentence):
            group = next(g for g in range(1, (pattern.groups or 0) + 1) if match.group(g))
            name = match.group(group)
            if name.split()[0] not in STOP_START:
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
_CREDITED = re.compile(rf"{EN_WORD}(?:(?:\s+(?:and|of|the)\s+|\s+|-){EN_WORD})*")


def credited_sources(sentence: str) -> list[Mention]:
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
        if MONTH.match(name) or len(name) < 3 or name.split()[0] in STOP_START:
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
