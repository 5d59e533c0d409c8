"""What a CC-CEDICT definition renders: a short translation, or the name it gives a company,
brand or place."""

from __future__ import annotations

import re

MAX_DEFINITION_WORDS = 3  # longer CC-CEDICT definitions are explanations, not translations
_PARENTHESES = re.compile(r"\([^)]*\)|（[^）]*）")
_SKIP_DEFINITION = re.compile(
    r"^(?:CL:|variant of|old variant|surname|abbr\.|see |used in|also written|Taiwan pr\.)",
    re.IGNORECASE,
)
# A definition naming a company or brand: its name, then a comma or a company word.
_BRAND = re.compile(
    r"^((?:[A-Z][A-Za-z0-9&-]*|[A-Z]{2,})(?: [A-Z][A-Za-z0-9&-]*)?)"
    r"(?:,| (?:Company|Corporation|Group|Auto|Motors|Co|Inc|Ltd)\b)"
)
# A definition naming a place: its name, or two spellings of it ("Kashgar or Qeshqer city
# and prefecture", "Hohhot prefecture-level city"), then a comma or a place word. Pinyin finds
# most places; these are the names it does not spell (喀什 is Kashi in pinyin).
_UPPER_WORD = r"[A-ZÀ-Þ][\w'’-]*"
_PLACE = re.compile(
    rf"^({_UPPER_WORD}(?: {_UPPER_WORD}){{0,2}})(?: or ({_UPPER_WORD}))?"
    r"(?:,| (?:city|county|prefecture|prefecture-level|district|province|town|township|region"
    r"|autonomous|capital|river|lake|mountains?|port|island|municipality|banner|league)\b)"
)


def names_in(definition: str) -> list[str]:
    """The names a definition gives a company, brand or place (`_BRAND`, `_PLACE`)."""
    text = re.sub(r"\s+", " ", _PARENTHESES.sub(" ", definition)).strip()
    brand = _BRAND.match(text)
    if brand:
        return [brand.group(1)]
    place = _PLACE.match(text)
    return [n for n in place.groups() if n] if place else []


def clean_definition(definition: str) -> str:
    """A definition as a short translation ("" for an explanation, a measure word or a
    cross-reference)."""
    text = _PARENTHESES.sub(" ", definition).strip()
    if not text or _SKIP_DEFINITION.match(text) or "[" in text or "|" in text:
        return ""
    text = re.sub(r"^to\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+", " ", text).strip(" .,;?!")
    words = text.split()
    return text if 0 < len(words) <= MAX_DEFINITION_WORDS else ""
