"""Lists and tables in text: a piece that announces a list or is an item or row of one
goes on into the piece after it."""

from __future__ import annotations

import re

# A sentence ending in a colon announces what follows it ("具体包括：", "The plan has three
# parts:"), one ending in a semicolon is an item of a list that goes on: the sentences after
# it, up to MAX_ITEMS and the answer's word room, complete it.
_GOES_ON = re.compile(r"[:：;；]\s*$")
# A row of a table ("中职学校 | 10所"): the rows after it go on with it.
TABLE_ROW = re.compile(r"\S\s*\|\s*\S")
# An item of a bulleted or numbered list ("- 海南省教育厅", "2. ", "（三）"): the next item goes on.
_BULLET = re.compile(r"\s*(?:[-*•·]\s|\d{1,2}[.)、]\s?|[（(][一二三四五六七八九十\d]{1,3}[)）])")


def goes_on(piece: str, following: str) -> bool:
    """Whether `following` goes on from `piece`: the list it announces or is an item of, or
    the next row of its table."""
    shape = _bullet_shape(piece)
    return bool(
        _GOES_ON.search(piece)
        or (TABLE_ROW.search(piece) and TABLE_ROW.search(following))
        or (shape is not None and shape == _bullet_shape(following))
    )


def _bullet_shape(piece: str) -> str | None:
    """The kind of list item `piece` is ("-", "#.", "（#）"), or None when it is none."""
    bullet = _BULLET.match(piece)
    return re.sub(r"[一二三四五六七八九十\d]+", "#", bullet.group().strip()) if bullet else None
