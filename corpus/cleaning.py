"""Remove web boilerplate from document text while keeping the article itself."""

from __future__ import annotations

import re
import unicodedata

# Whole lines that are page furniture, not article text.
_BOILERPLATE_LINES = [
    r"share to\s*:?.*",
    r"分享到\s*[:：]?.*",
    r"more\s*>>\s*related pictures",
    r"related pictures",
    r"(more\s*>>\s*)?相关图片",
    r"one\s+two\s+three\s+four",
    r"copyright\s*(©|\(c\))?.*",
    r"(版权所有|©).*",
    r"your location\s*:.*",
    r"(当前位置|您的位置)\s*[:：].*",
    r"[•·]?\s*detail",
    r"news",
    r"more\s*>>",
    r"release time\s*:.*views\s*:\s*\d+",
    r"(发布时间|时间)\s*[:：].*(作者|浏览|来源)\s*[:：]?.*",
    r"\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}(:\d{2})?\s*\d*",
    r"<!--.*?-->",
    r"(<\s*/?\s*p\s*>\s*)+",
    r".*\blet me say something\b.*source:.*|\d{4}-\d{2}-\d{2}.*source:.*editor in charge:.*",
]
_BOILERPLATE = re.compile(r"^\s*(?:" + "|".join(_BOILERPLATE_LINES) + r")\s*$", re.IGNORECASE)

# Press-release keyword stuffing: a line made of these words repeated.
_PRESS_WORDS = re.compile(
    r"\b(press|release|releases|overseas|media|advertorials?|platform|invite|conference)\b",
    re.IGNORECASE,
)
_INLINE_JUNK = re.compile(r"<\s*/\s*p\s*>|<!--.*?-->")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_ECHO_TAIL = 60  # characters a title echo may carry after the title (" - Site Name")


def _is_keyword_list(line: str) -> bool:
    words = re.findall(r"[A-Za-z]+", line)
    if len(words) < 8:
        return False
    hits = len(_PRESS_WORDS.findall(line))
    return hits / len(words) > 0.7


def _title_variants(title: str) -> list[str]:
    parts = [p.strip() for p in title.split(" / ")]
    return [p.casefold() for p in parts if p]


def _is_title_echo(line: str, titles: list[str]) -> bool:
    """A repeat of the title, possibly cut short or followed by a site name."""
    folded = line.casefold().strip()
    if len(folded) < 12:
        return False
    # A line that starts with the title is an echo only when little follows (a site name);
    # an article whose first sentence begins with the title's words is article text.
    return any(
        t.startswith(folded) or (folded.startswith(t) and len(folded) - len(t) <= _ECHO_TAIL)
        for t in titles
    )


def normalize_text(text: str) -> str:
    """Unicode-normalize, drop control characters and unify line endings."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


def clean_text(text: str, title: str = "") -> str:
    """Return `text` without boilerplate lines, title echoes and stray markup.

    Paragraph breaks are kept as blank lines; spaces inside lines are collapsed.
    """
    titles = _title_variants(title)
    kept: list[str] = []
    head = True  # title echoes are only dropped near the top
    for raw in normalize_text(text).split("\n"):
        line = _SPACES.sub(" ", _INLINE_JUNK.sub("", raw)).strip()
        line = _MD_HEADING.sub("", line)
        if not line:
            if kept and kept[-1] != "":
                kept.append("")
            continue
        if _BOILERPLATE.match(line) or _is_keyword_list(line):
            continue
        if head and titles and _is_title_echo(line, titles):
            continue
        if len(kept) > 6:
            head = False
        kept.append(line)
    return "\n".join(kept).strip()
