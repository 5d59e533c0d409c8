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


def reflow(page: str) -> str:
    """`page` with its layout-wrapped lines joined (Chinese without a space, others with one)."""
    lines = page.split("\n")
    widths = sorted(len(line.strip()) for line in lines if line.strip())
    if len(widths) < MIN_LINES:
        return page
    full = widths[int(FULL_LINE_QUANTILE * (len(widths) - 1))]
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
        wrapped = len(line.strip()) >= WRAPPED_SHARE * full and not _ENDS.search(last)
    return "\n".join(out)
