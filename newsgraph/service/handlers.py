"""What each page and API route answers, as plain dicts: thin calls into
``newsgraph.store.queries`` (the functions the CLI uses). The JSON routes
return these dicts; the web views render them (Datasette style).

Each list has two halves: ``*_listing`` builds the filtered query (a
``queries.Listing``), which a page reads a window of and a download streams
whole; ``*_list`` answers a page of it with its (bounded) total."""
from __future__ import annotations

import sqlite3
from typing import Any

from fastapi import HTTPException

from ..store import corpus_queries, queries
from ..store.filters import EventFilter, QuoteFilter
from ..store.queries import Listing
from .params import DateRange, ListOptions, Page

__all__ = ["stats", "article_list", "article", "quote_list", "event_list", "entity_list", "entity_profile", "place_list", "search",
           "article_listing", "quote_listing", "event_listing", "entity_listing", "place_listing", "search_listing",
           "story_list", "statement_list", "incident_list"]

_TABLES = ("articles", "corpus_entities", "quotes", "events", "locations")
NO_OPTIONS = ListOptions(None, None)


def stats(conn: sqlite3.Connection) -> dict[str, int]:
    """Row counts of the main tables (names fixed here, never from a request)."""
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in _TABLES}


def _sorted(build, *args: Any, **kwargs: Any) -> Listing:
    """A listing, a sort it does not know being the caller's 422."""
    try:
        return build(*args, **kwargs)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None


def _paged(rows: list[dict], page: Page, filters: dict[str, Any], total: tuple[int, bool] | None = None) -> dict[str, Any]:
    rows, nxt = page.window(rows)
    out = {"filters": {k: v for k, v in filters.items() if v not in (None, "")}, "limit": page.limit,
           "offset": page.offset, "next_offset": nxt, "rows": rows}
    if total is not None:
        out["total"], out["total_exact"] = total
    return out


def _options(opts: ListOptions) -> dict[str, Any]:
    return {"sort": opts.sort, "min_confidence": opts.min_confidence}


# articles and full-text search
def article_listing(conn: sqlite3.Connection, dates: DateRange, opts: ListOptions = NO_OPTIONS, *, search: str | None = None,
                    source: str | None = None) -> Listing:
    if search:
        return queries.search_listing(conn, search, min_confidence=opts.min_confidence)
    return _sorted(queries.article_listing, conn, source=source, since=dates.since, until=dates.until,
                   min_confidence=opts.min_confidence, sort=opts.sort)


def article_list(conn: sqlite3.Connection, page: Page, dates: DateRange, opts: ListOptions = NO_OPTIONS, *,
                 search: str | None = None, source: str | None = None) -> dict[str, Any]:
    listing = article_listing(conn, dates, opts, search=search, source=source)
    if search:
        rows = queries.search(conn, search, limit=page.limit + 1, offset=page.offset, min_confidence=opts.min_confidence)
    else:
        rows = queries.articles(conn, source=source, since=dates.since, until=dates.until, min_confidence=opts.min_confidence,
                                sort=opts.sort, limit=page.limit + 1, offset=page.offset)
    return _paged(rows, page, {"search": search, "source": source, "since": dates.since, "until": dates.until,
                               **_options(opts)}, listing.count(conn))


def search_listing(conn: sqlite3.Connection, q: str, opts: ListOptions = NO_OPTIONS) -> Listing:
    return queries.search_listing(conn, q, min_confidence=opts.min_confidence)


def search(conn: sqlite3.Connection, q: str, page: Page, opts: ListOptions = NO_OPTIONS) -> dict[str, Any]:
    rows = queries.search(conn, q, limit=page.limit + 1, offset=page.offset, min_confidence=opts.min_confidence)
    return _paged(rows, page, {"q": q, "min_confidence": opts.min_confidence}, search_listing(conn, q, opts).count(conn))


def article(conn: sqlite3.Connection, ref: str) -> dict[str, Any] | None:
    return queries.show(conn, ref)


# quotes
def quote_listing(conn: sqlite3.Connection, filt: QuoteFilter, opts: ListOptions = NO_OPTIONS, *, bound: int = 0) -> Listing:
    """``bound``: a search alone ranks only that many of the newest matches (0: all of them, for a download)."""
    return _sorted(queries.quote_listing, conn, filt, sort=opts.sort, bound=bound)


def quote_list(conn: sqlite3.Connection, page: Page, filt: QuoteFilter, opts: ListOptions = NO_OPTIONS) -> dict[str, Any]:
    listing = quote_listing(conn, filt, opts, bound=max(queries.SEARCH_CANDIDATES, page.limit + page.offset + 1))
    return _paged(listing.page(conn, page.limit + 1, page.offset), page, {**filt.given(), "sort": opts.sort}, listing.count(conn))


# events
def event_listing(conn: sqlite3.Connection, filt: EventFilter, opts: ListOptions = NO_OPTIONS, *, detail: bool = True) -> Listing:
    return _sorted(queries.event_listing, conn, filt, detail=detail, sort=opts.sort)


def event_list(conn: sqlite3.Connection, page: Page, filt: EventFilter, opts: ListOptions = NO_OPTIONS) -> dict[str, Any]:
    listing = event_listing(conn, filt, opts)
    return _paged(listing.page(conn, page.limit + 1, page.offset), page, {**filt.given(), "sort": opts.sort}, listing.count(conn))


def event_points(conn: sqlite3.Connection, filt: EventFilter, *, limit: int = 2000) -> list[dict[str, Any]]:
    return queries.event_points(conn, filt, limit=limit)


# entities and places
def entity_listing(conn: sqlite3.Connection, opts: ListOptions = NO_OPTIONS, *, type: str | None = None) -> Listing:
    return _sorted(queries.entity_listing, conn, type=type, sort=opts.sort)


def entity_list(conn: sqlite3.Connection, page: Page, opts: ListOptions = NO_OPTIONS, *, type: str | None = None) -> dict[str, Any]:
    listing = entity_listing(conn, opts, type=type)
    return _paged(listing.page(conn, page.limit + 1, page.offset), page, {"type": type, "sort": opts.sort}, listing.count(conn))


def entity_profile(conn: sqlite3.Connection, name: str, *, limit: int = 50) -> dict[str, Any] | None:
    return queries.entity(conn, name, limit=limit)


def place_listing(conn: sqlite3.Connection, opts: ListOptions = NO_OPTIONS, *, country: str | None = None) -> Listing:
    return _sorted(queries.place_listing, conn, country=country, sort=opts.sort)


def place_list(conn: sqlite3.Connection, page: Page, opts: ListOptions = NO_OPTIONS, *, country: str | None = None) -> dict[str, Any]:
    listing = place_listing(conn, opts, country=country)
    return _paged(listing.page(conn, page.limit + 1, page.offset), page, {"country": country, "sort": opts.sort}, listing.count(conn))


def story_list(conn: sqlite3.Connection, page: Page, *, min_articles: int = 2) -> dict[str, Any]:
    rows = corpus_queries.stories(conn, min_articles=min_articles, limit=page.limit + 1, offset=page.offset)
    return _paged(rows, page, {"min_articles": min_articles})


def statement_list(conn: sqlite3.Connection, page: Page, *, speaker: str | None = None, min_reports: int = 2) -> dict[str, Any]:
    rows = corpus_queries.statements(conn, speaker=speaker, min_reports=min_reports, limit=page.limit + 1, offset=page.offset)
    return _paged(rows, page, {"speaker": speaker, "min_reports": min_reports})


def incident_list(conn: sqlite3.Connection, page: Page, dates: DateRange, *, type: str | None = None,
                  min_articles: int = 2) -> dict[str, Any]:
    rows = corpus_queries.incidents(conn, type=type, since=dates.since, until=dates.until, min_articles=min_articles,
                                    limit=page.limit + 1, offset=page.offset)
    return _paged(rows, page, {"type": type, "since": dates.since, "until": dates.until, "min_articles": min_articles})
