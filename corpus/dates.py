"""Dates as comparable numbers, for filtering documents by date."""

from __future__ import annotations

import re


def date_number(date: str, upper: bool = False) -> int:
    """`2022-04-20` -> 20220420 so dates compare as numbers; 0 when there is no year.

    Missing month or day count as 0, or as the end of the period when `upper` is set.
    """
    parts = re.findall(r"\d+", date)
    if not parts or len(parts[0]) != 4:
        return 0
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else (12 if upper else 0)
    day = int(parts[2]) if len(parts) > 2 else (31 if upper else 0)
    return year * 10000 + month * 100 + day
