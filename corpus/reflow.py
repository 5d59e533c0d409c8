"""Lines a PDF's page layout wrapped, joined back into paragraphs.

A PDF's text comes out one printed line per line: a sentence runs over several ("…总体形成，需"
/ "求导向的…"), which cuts it in two for every later step. A line as wide as the page's full
lines that does not end a sentence was wrapped by the layout, so it is joined to the next;
a short line (a heading, a paragraph's last line) and a line ending a sentence stay.
"""

from __future__ import annotations

import re

FULL_LINE_QUANTILE = 0.75  # the page's full-line width: this quantile of its line lengths
WRAPPED_SHARE = 0.85  # a line at least this share of the full width was wrapped by the layout
MIN_LINES = 4  # pages with fewer lines have no measurable full width
_ENDS = re.compile(r"[.!?。！？；;:：\"”』」)）]$")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# A line that leaves one of these open was wrapped.
_PAIRS = (("《", "》"), ("“", "”"), ("（", "）"), ("(", ")"), ("「", "」"), ("【", "】"))
# A page number printed as a line of its own ("— 1 —", "第 3 页", "Page 4 of 9"), and a bare
# number as the page's first or last line: not text.
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|page\s*\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4})\s*$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")


def full_width(pages: list[str]) -> int | None:
    """The width of a full printed line over all of a document's `pages` (one layout), or
    None when too few lines to tell."""
    widths = sorted(
        len(line.strip())
        for page in pages
        for line in _without_page_numbers(page.split("\n"))
        if line.strip()
    )
    if len(widths) < MIN_LINES:
        return None
    return widths[int(FULL_LINE_QUANTILE * (len(widths) - 1))]


def reflow(page: str, full: int | None = None) -> str:
    """`page` with its layout-wrapped lines joined (Chinese without a space, others with one).

    `full` is the document's full-line width (`full_width` of all its pages: a page's last
    few lines cannot tell it); by default the page's own.
    """
    lines = _without_page_numbers(page.split("\n"))
    if full is None:
        full = full_width([page])
    if full is None:
        return "\n".join(lines)
    out: list[str] = []
    wrapped = False
    for line in lines:
        if wrapped and line.strip():
            previous, current = out[-1].rstrip(), line.strip()
            joint = "" if _CJK.match(current) or _CJK.match(previous[-1]) else " "
            if previous.endswith("-") and current[:1].islower():
                joint = ""  # a word hyphenated at the line's end
            out[-1] = previous + joint + current
        else:
            out.append(line)
        last = out[-1].strip()
        wide = len(line.strip()) >= WRAPPED_SHARE * full
        wrapped = (wide or _leaves_open(last)) and not _ENDS.search(last)
    return "\n".join(out)


def _leaves_open(text: str) -> bool:
    """Whether `text` opens a bracket or quotation it does not close (《山西省产 / 教融合…》)."""
    return any(text.count(left) > text.count(right) for left, right in _PAIRS)


def _without_page_numbers(lines: list[str]) -> list[str]:
    """`lines` without the page's printed number."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    ends = {filled[0], filled[-1]} if filled else set()
    return [
        line
        for i, line in enumerate(lines)
        if not _PAGE_NUMBER.match(line) and not (i in ends and _BARE_NUMBER.match(line))
    ]
