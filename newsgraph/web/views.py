"""The web views: server-rendered pages over the same handlers as the JSON
API. Every value reaches the page through Jinja's autoescaping; the record an
article view needs in the browser travels as a JSON data block (``tojson``),
read by ``static/app.js``; no inline script, no style attribute."""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path as FsPath
from typing import Any

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..service import handlers
from ..service.deps import AppState, read_conn, state
from ..service.download import download, wanted
from ..service.params import (NAME, TEXT, DateRange, ListOptions, Page, country_query, date_range, event_filter, event_type,
                              format_query, list_options, name_query, page, quote_filter, type_query)
from ..errors import ArticleError
from ..ingest import make_article
from ..store.filters import EventFilter, QuoteFilter
from . import charts
from .highlight import marks, segments

__all__ = ["router", "render_error", "templates"]

_HERE = FsPath(__file__).resolve().parent
templates = Jinja2Templates(env=Environment(loader=FileSystemLoader(_HERE / "templates"),
                                            autoescape=select_autoescape(default=True, default_for_string=True)))
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

#: events drawn on a chart or map (the table pages through all of them)
CHART_ROWS = 2000
#: the sortable columns of each list page: header label -> sort key (queries.SORTS)
SORTABLE = {"articles": {"Published": "published"}, "quotes": {"Speaker": "speaker", "Published": "published"},
            "events": {"Date": "date", "Type": "type", "Confidence": "confidence"}, "entities": {"Name": "name", "Articles": "articles", "Mentions": "mentions"},
            "places": {"Place": "name", "Articles": "articles", "Events": "events"}}


def _page(request: Request, name: str, code: int = 200, **context: Any):
    return templates.TemplateResponse(request, name, {"nav": name.split(".")[0], **context}, status_code=code)


def render_error(request: Request, status: int, message: str):
    return _page(request, "error.html", status, status=status, message=message)


def _blank(value: str | None) -> str | None:
    return value or None


@router.get("/")
def home(request: Request, conn: sqlite3.Connection = Depends(read_conn)):
    first = Page(8, 0)
    return _page(request, "home.html", stats=handlers.stats(conn),
                 articles=handlers.article_list(conn, first, DateRange(None, None))["rows"],
                 entities=handlers.entity_list(conn, Page(12, 0))["rows"],
                 quotes=handlers.quote_list(conn, Page(5, 0), QuoteFilter())["rows"])


def _list(request: Request, name: str, result: dict[str, Any], **context: Any):
    return _page(request, f"{name}.html", **result, sortable=SORTABLE.get(name, {}), **context)


@router.get("/articles")
def articles(request: Request, search: str | None = Query(None, max_length=TEXT), source: str | None = name_query(),
             pg: Page = Depends(page), dates: DateRange = Depends(date_range), opts: ListOptions = Depends(list_options),
             format: str | None = format_query(), conn: sqlite3.Connection = Depends(read_conn), st: AppState = Depends(state)):
    filters = {"search": _blank(search), "source": _blank(source)}
    if fmt := wanted(request, format):
        return download(st.db_path, handlers.article_listing(conn, dates, opts, **filters), fmt, "search" if search else "articles")
    return _list(request, "articles", handlers.article_list(conn, pg, dates, opts, **filters))


def article_context(record: dict[str, Any]) -> dict[str, Any]:
    """What the article template needs: segments to highlight and the side lists."""
    text = record["article"]["text"]
    by_type: dict[str, list[dict]] = defaultdict(list)
    for e in record.get("entities", ()):
        by_type[e.get("type") or "OTHER"].append(e)
    flags = [{"ref": f"flag{n}", **f} for n, f in enumerate((record.get("quality") or {}).get("flags", ()), 1)]
    return {"record": record, "article": record["article"], "segments": segments(text, marks(record)),
            "entity_groups": sorted(by_type.items(), key=lambda kv: (-len(kv[1]), kv[0])), "flags": flags,
            "excerpt": lambda span, n=90: _excerpt(text, span, n)}


def _excerpt(text: str, span: Any, n: int) -> str:
    if not span:
        return ""
    s = text[span[0]:span[1]]
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


@router.get("/articles/{ref:path}")
def article(request: Request, ref: str = Path(..., max_length=4000),
            span: str | None = Query(None, pattern=r"^\d{1,9}-\d{1,9}$", description="Select the record with this span (app.js)."), conn: sqlite3.Connection = Depends(read_conn)):
    record = handlers.article(conn, ref)
    if record is None:
        raise HTTPException(404, f"no article {ref!r}")
    return _page(request, "article.html", stored=True, **article_context(record))


@router.get("/quotes")
def quotes(request: Request, filt: QuoteFilter = Depends(quote_filter), pg: Page = Depends(page), opts: ListOptions = Depends(list_options),
           format: str | None = format_query(), conn: sqlite3.Connection = Depends(read_conn), st: AppState = Depends(state)):
    if fmt := wanted(request, format):
        return download(st.db_path, handlers.quote_listing(conn, filt, opts), fmt, "quotes")
    return _list(request, "quotes", handlers.quote_list(conn, pg, filt, opts))


@router.get("/entities")
def entities(request: Request, type: str | None = type_query(), pg: Page = Depends(page), opts: ListOptions = Depends(list_options),
             format: str | None = format_query(), conn: sqlite3.Connection = Depends(read_conn), st: AppState = Depends(state)):
    if fmt := wanted(request, format):
        return download(st.db_path, handlers.entity_listing(conn, opts, type=_blank(type)), fmt, "entities")
    return _list(request, "entities", handlers.entity_list(conn, pg, opts, type=_blank(type)))


# across articles: stories, statements, incidents
@router.get("/stories")
def stories(request: Request, min_articles: int = Query(2, ge=1, le=1000), pg: Page = Depends(page),
            conn: sqlite3.Connection = Depends(read_conn)):
    return _list(request, "stories", handlers.story_list(conn, pg, min_articles=min_articles))


@router.get("/statements")
def statements(request: Request, speaker: str | None = name_query(), min_reports: int = Query(2, ge=1, le=1000), pg: Page = Depends(page),
               conn: sqlite3.Connection = Depends(read_conn)):
    return _list(request, "statements", handlers.statement_list(conn, pg, speaker=_blank(speaker), min_reports=min_reports))


@router.get("/incidents")
def incidents(request: Request, type: str | None = Depends(event_type), min_articles: int = Query(2, ge=1, le=1000), pg: Page = Depends(page),
              dates: DateRange = Depends(date_range), conn: sqlite3.Connection = Depends(read_conn)):
    result = handlers.incident_list(conn, pg, dates, type=type.upper() if type else None, min_articles=min_articles)
    rows = result["rows"]
    totals = {"articles": len({m["article"] for i in rows for m in i["mentions"]}), "sources": sum(i["n_sources"] for i in rows)}
    return _list(request, "incidents", result, totals=totals, chart=charts.timeline([{"date": i["day"], "type": i["type"]} for i in rows]))


@router.get("/entities/{name:path}")
def entity(request: Request, name: str = Path(..., max_length=NAME), conn: sqlite3.Connection = Depends(read_conn)):
    profile = handlers.entity_profile(conn, name)
    if profile is None:
        raise HTTPException(404, f"no entity matches {name!r}")
    roles = [{**r, "role": role} for role in ("actor", "target") for r in profile[f"events_as_{role}"]]
    repeated = handlers.statement_list(conn, Page(10, 0), speaker=profile["name"])["rows"]
    return _page(request, "entity.html", p=profile, statements=repeated, chart=charts.timeline(roles, group_key="role"))


@router.get("/events")
def events(request: Request, filt: EventFilter = Depends(event_filter), pg: Page = Depends(page), opts: ListOptions = Depends(list_options),
           format: str | None = format_query(), conn: sqlite3.Connection = Depends(read_conn), st: AppState = Depends(state)):
    if fmt := wanted(request, format):
        return download(st.db_path, handlers.event_listing(conn, filt, opts), fmt, "events")
    result = handlers.event_list(conn, pg, filt, opts)
    points = handlers.event_points(conn, filt, limit=CHART_ROWS)
    return _list(request, "events", result, chart=charts.timeline(points), charted=len(points), chart_rows=CHART_ROWS,
                 map=charts.world_map({"lat": r["lat"], "lon": r["lon"], "name": r["place"]} for r in points))


@router.get("/places")
def places(request: Request, country: str | None = country_query(), pg: Page = Depends(page), opts: ListOptions = Depends(list_options),
           format: str | None = format_query(), conn: sqlite3.Connection = Depends(read_conn), st: AppState = Depends(state)):
    if fmt := wanted(request, format):
        return download(st.db_path, handlers.place_listing(conn, opts, country=_blank(country)), fmt, "places")
    result = handlers.place_list(conn, pg, opts, country=_blank(country))
    return _list(request, "places", result, map=charts.world_map(result["rows"], weight_key="articles"))


@router.get("/try")
def try_form(request: Request):
    return _page(request, "try.html", text="", title="", published="")


@router.post("/try")
def try_extract(request: Request, text: str = Form(..., max_length=4_000_000), title: str = Form("", max_length=2000),
                published: str = Form("", max_length=32), st: AppState = Depends(state)):
    try:
        when = date_range(since=published, until=None).since
        item = make_article("try-it", text, st.settings, title=title or None, published=when)
        result = st.run_pipeline([item])[0]
    except HTTPException as exc:
        result = exc.detail
    except ArticleError as exc:
        result = exc
    if not hasattr(result, "to_dict"):
        return _page(request, "try.html", 422, text=text, title=title, published=published, error=str(result))
    return _page(request, "article.html", stored=False, nav="try", **article_context(result.to_dict()))


@router.get("/docs")
def docs(request: Request):
    spec = request.app.openapi()
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "where": p["in"], "required": p.get("required", False),
                       "type": _schema_type(p.get("schema", {})), "description": p.get("description", "")}
                      for p in op.get("parameters", [])]
            operations.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""), "params": params,
                               "body": "requestBody" in op})
    return _page(request, "docs.html", operations=operations, version=spec.get("info", {}).get("version", ""))


def _schema_type(schema: dict) -> str:
    if "anyOf" in schema:
        return " | ".join(_schema_type(s) for s in schema["anyOf"])
    return schema.get("type", "")
