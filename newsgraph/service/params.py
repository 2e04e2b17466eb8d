"""Query parameters shared by the JSON API and the web views: one definition,
so both validate alike and answer a bad value with a clear 422, never a 500."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Query

from ..lexicons.events import PLOVER_TYPES
from ..store.filters import ACTS, EventFilter, QuoteFilter

__all__ = ["MAX_PAGE", "MAX_OFFSET", "Page", "page", "DateRange", "date_range", "NAME", "TEXT", "name_query", "type_query",
           "country_query", "event_type", "ListOptions", "list_options", "format_query", "EVENT_TYPES", "event_filter",
           "quote_filter"]

#: the event types a filter may name (PLOVER's)
EVENT_TYPES = PLOVER_TYPES

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


def event_type(type: str | None = Query(None, max_length=32, description=f"Event type: one of {', '.join(PLOVER_TYPES)}.")) -> str | None:
    """An event type filter; one no event can have is a 422 (not a page of no rows)."""
    if type and type.upper() not in PLOVER_TYPES:
        raise HTTPException(422, f"type: {type[:32]!r} is not an event type; one of {', '.join(PLOVER_TYPES)}")
    return type or None


def format_query():
    return Query(None, pattern="^(csv|json)$", description="csv or json: every row of the filtered list, streamed as a download "
                                                          "(not only the page); Accept: text/csv does the same as csv.")


@dataclass(frozen=True)
class ListOptions:
    """How a list is ordered and cut, whatever it lists."""

    sort: str | None
    min_confidence: float | None


def list_options(sort: str | None = Query(None, max_length=24, pattern=r"^-?[a-z_]*$",
                                          description="Column to sort by; prefix - for descending (-published)."),
                 min_confidence: str | None = Query(None, max_length=12, pattern=r"^(0?\.\d+|[01](\.\d*)?)?$",
                                                    description="Only rows with at least this confidence, 0 to 1 "
                                                                "(quotes, events; an article's quality score).")) -> ListOptions:
    """An empty field (a submitted form) is no option."""
    value = float(min_confidence) if min_confidence else None
    if value is not None and value > 1:
        raise HTTPException(422, f"min_confidence: {min_confidence!r} is over 1")
    return ListOptions(sort or None, value)


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


def event_filter(type: str | None = Depends(event_type), actor: str | None = name_query(), target: str | None = name_query(),
                 country: str | None = country_query(), place: str | None = name_query("Where it happened (place name)."),
                 dates: DateRange = Depends(date_range), opts: ListOptions = Depends(list_options)) -> EventFilter:
    """Which events a request asks for (the JSON API and the pages alike)."""
    return EventFilter(type=type, actor=actor, target=target, country=country, place=place, since=dates.since, until=dates.until,
                       min_confidence=opts.min_confidence)


def quote_filter(speaker: str | None = name_query("Any alias or spelling of the speaker."),
                 search: str | None = Query(None, max_length=TEXT, description="Words in the quote (full-text query syntax as for articles)."),
                 act: str = Query("statement", pattern="^(" + "|".join(ACTS) + ")$",
                                  description="Who said what (statement, the default), or beliefs, intentions, findings, all."),
                 dates: DateRange = Depends(date_range), opts: ListOptions = Depends(list_options)) -> QuoteFilter:
    """Which quotes a request asks for (the JSON API and the pages alike)."""
    return QuoteFilter(speaker=speaker, search=search, act=act, since=dates.since, until=dates.until, min_confidence=opts.min_confidence)
