"""Date values as the first and last day they cover: what filters and sorting
compare. A day is itself; an ISO week (``2025-W08``) runs Monday to Sunday;
a month (``2025-02``) and a year (``2025``) from their first to their last
day. As text, ISO days sort and compare correctly; weeks and months do not
(``"2025-W08" > "2025-03-01"``), so nothing compares the raw values.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

__all__ = ["day_range"]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def day_range(value: str | None) -> tuple[str, str] | None:
    """``(first day, last day)`` of a date value, ISO days; None when the
    value is not a date (``"2025-W08"`` -> ``("2025-02-17", "2025-02-23")``)."""
    if not value:
        return None
    value = value.strip()
    try:
        if m := _DAY.match(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            return day, day
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
        if m := _MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1).isoformat(), dt.date(year, month, last).isoformat()
        if m := _YEAR.match(value):
            return f"{m[1]}-01-01", f"{m[1]}-12-31"
    except ValueError:
        return None
    return None
