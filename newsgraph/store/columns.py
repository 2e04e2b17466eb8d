"""The one map from a record (the contract's JSON) to stored columns.

Each function gives one record item's content columns, named as in the
SQLite tables and the Parquet files alike; the writer (``writer.py``) adds its
integer ids and corpus links, the Parquet rows (``rows.py``) their string ids.
A column added here reaches both, and ``tests/store/test_rows.py`` fails
when the SQLite tables and the Parquet schemas stop agreeing.
"""
from __future__ import annotations

import json
from typing import Any, Mapping

from ..days import day_range
from ..lexicons.quantities import figure_kind

__all__ = ["span", "as_json", "record_json", "article_columns", "entity_columns", "quote_columns", "figure_columns",
           "location_columns", "event_columns", "date_columns", "flag_columns", "location_roles", "event_days", "ARTICLE_FIELDS"]

#: the article's own fields; any other key of ``record["article"]`` is kept in ``meta``
ARTICLE_FIELDS = frozenset({"id", "title", "url", "source", "published", "language", "text"})

Row = dict[str, Any]


def span(s) -> tuple[int | None, int | None]:
    return (s[0], s[1]) if s else (None, None)


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def record_json(record: Mapping[str, Any]) -> str:
    """The full record without the article text (stored once, beside it)."""
    slim = dict(record)
    slim["article"] = {k: v for k, v in record["article"].items() if k != "text"}
    return as_json(slim)


def article_columns(record: Mapping[str, Any], version: str) -> Row:
    art = record["article"]
    return {"ref": art["id"], "url": art.get("url"), "title": art.get("title"), "source": art.get("source"),
            "published": art.get("published"), "language": art.get("language"), "text": art["text"],
            "meta": as_json({k: v for k, v in art.items() if k not in ARTICLE_FIELDS}),
            "quality": (record.get("quality") or {}).get("score"), "extractor_version": version, "record": record_json(record)}


def entity_columns(e: Mapping[str, Any]) -> Row:
    return {"local_id": e["id"], "type": e["type"], "name": e["name"], "country": e.get("country"),
            "aliases": as_json(e.get("aliases", [])), "titles": as_json(e.get("titles", []))}


def quote_columns(q: Mapping[str, Any], text: str) -> Row:
    s, e = span(q.get("span"))
    ss, se = span(q.get("source_span"))
    cs, ce = span(q.get("cue_span"))
    return {"local_id": q["id"], "kind": q.get("kind"), "start": s, "end": e, "text": text[s:e] if s is not None else None,
            "speaker_name": q.get("speaker_name"), "source_start": ss, "source_end": se, "cue": q.get("cue"), "cue_start": cs,
            "cue_end": ce, "confidence": q.get("confidence"), "act": q.get("act") or "statement"}


def figure_columns(f: Mapping[str, Any]) -> Row:
    s, e = span(f.get("span"))
    return {"local_id": f["id"], "start": s, "end": e, "text": f.get("text"), "value": f.get("value"), "unit": f.get("unit"),
            "qualifier": f.get("qualifier"), "measures": f.get("measures"), "category": f.get("category"),
            "confidence": f.get("confidence"), "kind": f.get("kind") or figure_kind(f.get("unit")), "low": f.get("low"),
            "high": f.get("high")}


def location_roles(loc: Mapping[str, Any]) -> list[str]:
    """One role per mention; a record without them (contract v1) is all literal."""
    roles = loc.get("roles")
    return list(roles) if roles else ["literal"] * len(loc.get("mentions") or ())


def location_columns(loc: Mapping[str, Any]) -> Row:
    roles = location_roles(loc)
    return {"local_id": loc["id"], "name": loc.get("name"), "country": loc.get("country"), "feature": loc.get("feature"),
            "lat": loc.get("lat"), "lon": loc.get("lon"), "geonameid": loc.get("geonameid"), "aliases": as_json(loc.get("aliases", [])),
            "mentions": as_json(loc.get("mentions", [])), "roles": as_json(roles), "literal": int("literal" in roles)}


def event_days(date: str | None, published: str | None) -> tuple[str | None, str | None]:
    """The first and last ISO day of an event: its date's, else the day it was published."""
    return day_range(date) or day_range((published or "")[:10]) or (None, None)


def event_columns(v: Mapping[str, Any], published: str | None) -> Row:
    """An event's own columns; its links (actor, target, place, reporting
    quote, figures) are ids, which each store writes its own way."""
    s, e = span(v.get("span"))
    ts, te = span(v.get("trigger_span"))
    actor, target = v.get("actor") or {}, v.get("target") or {}
    day, day_end = event_days(v.get("date"), published)
    return {"local_id": v["id"], "type": v.get("type"), "cameo": v.get("cameo"), "mode": v.get("mode"), "start": s, "end": e,
            "trigger_start": ts, "trigger_end": te, "actor_text": actor.get("text"), "actor_country": actor.get("country"),
            "target_text": target.get("text"), "target_country": target.get("country"), "date": v.get("date"),
            "negated": int(bool(v.get("negated"))), "modality": v.get("modality"), "confidence": v.get("confidence"),
            "day": day, "day_end": day_end}


def date_columns(d: Mapping[str, Any]) -> Row:
    s, e = span(d.get("span"))
    first, last = day_range(d.get("value")) or (None, None)
    return {"start": s, "end": e, "text": d.get("text"), "value": d.get("value"), "granularity": d.get("granularity"),
            "start_day": first, "end_day": last}


def flag_columns(fl: Mapping[str, Any]) -> Row:
    s, e = span(fl.get("span"))
    return {"kind": fl["kind"], "start": s, "end": e, "detail": fl.get("detail")}
