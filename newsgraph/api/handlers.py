"""What each page and API route answers, as plain dicts: thin calls into
``newsgraph.store.queries`` (the functions the CLI uses). The JSON routes
return these dicts; the web views render them (Datasette style)."""
from __future__ import annotations

import sqlite3
from typing import Any

from ..store import corpus_queries, queries
from .params import DateRange, Page

__all__ = ["stats", "article_list", "article", "quote_list", "event_list", "entity_list", "entity_profile", "place_list", "search",
           "story_list", "statement_list", "incident_list"]

_TABLES = ("articles", "corpus_entities", "quotes", "events", "locations")


def stats(conn: sqlite3.Connection) -> dict[str, int]:
    """Row counts of the main tables (names fixed here, never from a request)."""
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in _TABLES}


def _paged(rows: list[dict], page: Page, filters: dict[str, Any]) -> dict[str, Any]:
    rows, nxt = page.window(rows)
    return {"filters": {k: v for k, v in filters.items() if v not in (None, "")}, "limit": page.limit,
            "offset": page.offset, "next_offset": nxt, "rows": rows}


def article_list(conn: sqlite3.Connection, page: Page, dates: DateRange, *, search: str | None = None,
                 source: str | None = None) -> dict[str, Any]:
    if search:
        rows = queries.search(conn, search, limit=page.limit + 1, offset=page.offset)
    else:
        rows = queries.articles(conn, source=source, since=dates.since, until=dates.until, limit=page.limit + 1, offset=page.offset)
    return _paged(rows, page, {"search": search, "source": source, "since": dates.since, "until": dates.until})


def article(conn: sqlite3.Connection, ref: str) -> dict[str, Any] | None:
    return queries.show(conn, ref)


def search(conn: sqlite3.Connection, q: str, page: Page) -> dict[str, Any]:
    return _paged(queries.search(conn, q, limit=page.limit + 1, offset=page.offset), page, {"q": q})


def quote_list(conn: sqlite3.Connection, page: Page, dates: DateRange, *, speaker: str | None = None,
               search: str | None = None, act: str = "statement") -> dict[str, Any]:
    rows = queries.quotes(conn, speaker=speaker, search=search, since=dates.since, until=dates.until,
                          limit=page.limit + 1, offset=page.offset, act=act)
    return _paged(rows, page, {"speaker": speaker, "search": search, "since": dates.since, "until": dates.until, "act": act})


def event_list(conn: sqlite3.Connection, page: Page, dates: DateRange, **filters: str | None) -> dict[str, Any]:
    rows = queries.events(conn, **filters, since=dates.since, until=dates.until, limit=page.limit + 1,
                          offset=page.offset, detail=True)
    return _paged(rows, page, {**filters, "since": dates.since, "until": dates.until})


def entity_list(conn: sqlite3.Connection, page: Page, *, type: str | None = None) -> dict[str, Any]:
    rows = queries.entities(conn, type=type, top=page.limit + 1, offset=page.offset)
    return _paged(rows, page, {"type": type})


def entity_profile(conn: sqlite3.Connection, name: str, *, limit: int = 50) -> dict[str, Any] | None:
    return queries.entity(conn, name, limit=limit)


def place_list(conn: sqlite3.Connection, page: Page, *, country: str | None = None) -> dict[str, Any]:
    rows = queries.places(conn, country=country, limit=page.limit + 1, offset=page.offset)
    return _paged(rows, page, {"country": country})


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
