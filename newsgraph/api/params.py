"""Query parameters shared by the JSON API and the web views: one definition,
so both validate alike and answer a bad value with a clear 422, never a 500."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fastapi import HTTPException, Query

__all__ = ["MAX_PAGE", "MAX_OFFSET", "Page", "page", "DateRange", "date_range", "NAME", "TEXT", "name_query", "type_query", "country_query"]

#: the most rows one request returns, whatever ``limit`` asks for
MAX_PAGE = 200
#: deep paging is a scan; past this, narrow the filters instead
MAX_OFFSET = 100_000
#: bounds on free-text parameters (names, search words)
NAME = 200
TEXT = 500


def name_query(description: str = "Any alias or spelling of the name."):
    """A fresh ``Query`` per parameter (FastAPI must not share one between two)."""
    return Query(None, max_length=NAME, description=description)


def type_query():
    return Query(None, max_length=32, pattern=r"^[A-Za-z_]*$", description="Record type (PERSON, ASSAULT, ...).")


def country_query():
    return Query(None, pattern=r"^([A-Za-z]{3})?$", description="ISO 3166-1 alpha-3.")


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int

    def window(self, rows: list) -> tuple[list, int | None]:
        """Rows fetched with ``limit + 1``: the page, and the next offset (or None)."""
        more = len(rows) > self.limit
        return rows[: self.limit], (self.offset + self.limit if more else None)


def page(limit: int = Query(50, ge=1, le=MAX_PAGE, description=f"Rows per page (at most {MAX_PAGE})."),
         offset: int = Query(0, ge=0, le=MAX_OFFSET, description="Rows to skip.")) -> Page:
    return Page(limit, offset)


@dataclass(frozen=True)
class DateRange:
    since: str | None
    until: str | None


def _iso(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    try:
        (dt.datetime if "T" in value else dt.date).fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not an ISO date (YYYY-MM-DD) or datetime") from None
    return value


def date_range(since: str | None = Query(None, max_length=32, description="On or after this ISO date."),
               until: str | None = Query(None, max_length=32, description="On or before this ISO date.")) -> DateRange:
    return DateRange(_iso("since", since), _iso("until", until))
