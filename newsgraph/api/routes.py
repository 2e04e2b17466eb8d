"""The JSON API under ``/api``: the same handlers as the web views."""
from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..errors import ArticleError
from ..ingest import article_from_mapping
from ..version import extractor_version
from ..store.db import connect
from ..store.filters import EventFilter, QuoteFilter
from ..store.writer import Writer
from ..service import handlers
from ..service.deps import AppState, read_conn, require_token, state
from ..service.download import download, wanted
from ..service.params import (NAME, TEXT, DateRange, ListOptions, Page, country_query, date_range, event_filter, event_type,
                              format_query, list_options, name_query, page, quote_filter, type_query)

__all__ = ["router", "ArticleIn", "MAX_BATCH"]

router = APIRouter(prefix="/api")

#: articles one POST /api/articles may carry
MAX_BATCH = 100


class ArticleIn(BaseModel):
    """One article, as a JSON Lines input line: ``text`` or ``html``, plus metadata."""

    model_config = ConfigDict(extra="allow")
    id: str | None = Field(None, max_length=NAME)
    text: str | None = None
    html: str | None = None
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=4000)
    source: str | None = Field(None, max_length=NAME)
    published: str | None = Field(None, max_length=32, description="ISO date or datetime.")
    language: str | None = Field(None, max_length=16)

    @field_validator("published")
    @classmethod
    def _iso(cls, value: str | None) -> str | None:
        if value:
            (dt.datetime if "T" in value else dt.date).fromisoformat(value)  # ValueError -> 422
        return value

    def mapping(self) -> dict[str, Any]:
        if self.text is None and self.html is None:
            raise HTTPException(422, "an article needs 'text' or 'html'")
        return self.model_dump(exclude_none=True)


def _articles(items: list[ArticleIn], st: AppState) -> list:
    out = []
    for n, item in enumerate(items, 1):
        try:
            out.append(article_from_mapping(item.mapping(), st.settings, default_id=str(n)))
        except ArticleError as exc:
            out.append(exc)
    return out


@router.get("/stats", summary="Row counts")
def stats(conn: sqlite3.Connection = Depends(read_conn)) -> dict[str, int]:
    return handlers.stats(conn)


@router.get("/articles", summary="Articles, newest first (or best first with search)")
def articles(request: Request, search: str | None = Query(None, max_length=TEXT, description="Full-text query: words (all required), "
             '"a phrase", prefix*, OR, NOT, ( ).'), source: str | None = name_query("The source, as stored."),
             pg: Page = Depends(page), dates: DateRange = Depends(date_range), opts: ListOptions = Depends(list_options),
             format: str | None = format_query(), conn: sqlite3.Connection = Depends(read_conn), st: AppState = Depends(state)):
    if fmt := wanted(request, format):
        return download(st.db_path, handlers.article_listing(conn, dates, opts, search=search, source=source), fmt, "articles")
    return handlers.article_list(conn, pg, dates, opts, search=search, source=source)


@router.get("/articles/{ref:path}", summary="One article's full record (the contract's JSON)")
def article(ref: str = Path(..., max_length=4000), conn: sqlite3.Connection = Depends(read_conn)):
    record = handlers.article(conn, ref)
    if record is None:
        raise HTTPException(404, f"no article {ref!r}")
    return record


@router.post("/articles", summary="Ingest articles (needs the server's token)", status_code=201,
             dependencies=[Depends(require_token)])
def ingest(body: ArticleIn | list[ArticleIn] = Body(...), st: AppState = Depends(state)):
    items = body if isinstance(body, list) else [body]
    if not items or len(items) > MAX_BATCH:
        raise HTTPException(422, f"send 1 to {MAX_BATCH} articles per request")
    results = st.run_pipeline(_articles(items, st))
    records = [r.to_dict() for r in results if not isinstance(r, ArticleError)]
    failed = [{"id": r.article_id, "error": str(r)} for r in results if isinstance(r, ArticleError)]
    conn = connect(st.db_path)
    try:
        new, dup = Writer(conn, extractor_version(st.settings)).write(records, [(f["id"], f["error"]) for f in failed])
    finally:
        conn.close()
    body = {"new": new, "duplicate": dup, "failed": failed, "articles": [r["article"]["id"] for r in records]}
    return JSONResponse(body, status_code=201 if new else (422 if failed and not records else 200))


@router.post("/extract", summary="Extract one article; nothing is stored")
def extract(body: ArticleIn, st: AppState = Depends(state)) -> dict[str, Any]:
    result = st.run_pipeline(_articles([body], st))[0]
    if isinstance(result, ArticleError):
        raise HTTPException(422, str(result))
    return result.to_dict()


@router.get("/quotes", summary="Quotes, newest first")
def quotes(request: Request, filt: QuoteFilter = Depends(quote_filter), pg: Page = Depends(page), opts: ListOptions = Depends(list_options),
           format: str | None = format_query(), conn: sqlite3.Connection = Depends(read_conn), st: AppState = Depends(state)):
    if fmt := wanted(request, format):
        return download(st.db_path, handlers.quote_listing(conn, filt, opts), fmt, "quotes")
    return handlers.quote_list(conn, pg, filt, opts)


@router.get("/events", summary="Events, newest first")
def events(request: Request, filt: EventFilter = Depends(event_filter), pg: Page = Depends(page), opts: ListOptions = Depends(list_options),
           format: str | None = format_query(), conn: sqlite3.Connection = Depends(read_conn), st: AppState = Depends(state)):
    if fmt := wanted(request, format):
        return download(st.db_path, handlers.event_listing(conn, filt, opts), fmt, "events")
    return handlers.event_list(conn, pg, filt, opts)


@router.get("/entities", summary="Corpus entities in the most articles")
def entities(request: Request, type: str | None = type_query(), pg: Page = Depends(page), opts: ListOptions = Depends(list_options),
             format: str | None = format_query(), conn: sqlite3.Connection = Depends(read_conn), st: AppState = Depends(state)):
    if fmt := wanted(request, format):
        return download(st.db_path, handlers.entity_listing(conn, opts, type=type), fmt, "entities")
    return handlers.entity_list(conn, pg, opts, type=type)


@router.get("/entities/{name:path}", summary="An entity's profile: aliases, titles, articles, quotes, events, co-mentions")
def entity(name: str = Path(..., max_length=NAME), conn: sqlite3.Connection = Depends(read_conn)):
    profile = handlers.entity_profile(conn, name)
    if profile is None:
        raise HTTPException(404, f"no entity matches {name!r}")
    return profile


@router.get("/places", summary="Resolved places, most-mentioned first")
def places(request: Request, country: str | None = country_query(), pg: Page = Depends(page), opts: ListOptions = Depends(list_options),
           format: str | None = format_query(), conn: sqlite3.Connection = Depends(read_conn), st: AppState = Depends(state)):
    if fmt := wanted(request, format):
        return download(st.db_path, handlers.place_listing(conn, opts, country=country), fmt, "places")
    return handlers.place_list(conn, pg, opts, country=country)


@router.get("/stories", summary="Stories: wire copies, re-publications and updates of one report")
def stories(min_articles: int = Query(2, ge=1, le=1000), pg: Page = Depends(page), conn: sqlite3.Connection = Depends(read_conn)):
    return handlers.story_list(conn, pg, min_articles=min_articles)


@router.get("/statements", summary="One quote reported by several articles: who said it first, every report, denials")
def statements(speaker: str | None = name_query("Any alias or spelling of the speaker."), min_reports: int = Query(2, ge=1, le=1000),
               pg: Page = Depends(page), conn: sqlite3.Connection = Depends(read_conn)):
    return handlers.statement_list(conn, pg, speaker=speaker, min_reports=min_reports)


@router.get("/incidents", summary="One real-world event told by several articles: every report, counts of sources")
def incidents(type: str | None = Depends(event_type), min_articles: int = Query(2, ge=1, le=1000), pg: Page = Depends(page),
              dates: DateRange = Depends(date_range), conn: sqlite3.Connection = Depends(read_conn)):
    return handlers.incident_list(conn, pg, dates, type=type.upper() if type else None, min_articles=min_articles)


@router.get("/search", summary="Full-text search over articles")
def search(request: Request, q: str = Query(..., min_length=1, max_length=TEXT, description='Words (all required), "a phrase", '
           "prefix*, OR, NOT, ( ): FTS5's syntax through a parser that never fails."), pg: Page = Depends(page),
           opts: ListOptions = Depends(list_options), format: str | None = format_query(), conn: sqlite3.Connection = Depends(read_conn),
           st: AppState = Depends(state)):
    if fmt := wanted(request, format):
        return download(st.db_path, handlers.search_listing(conn, q, opts), fmt, "search")
    return handlers.search(conn, q, pg, opts)
