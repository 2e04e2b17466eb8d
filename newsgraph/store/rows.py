"""A record (the contract's JSON) as flat rows, one list per record kind, with
deterministic ids: the columns of the SQLite tables, for columnar outputs.

    article id   "a" + sha1(article key)[:20]        (key: URL, else text hash)
    record ids   article id + "/" + the record's local id ("e1", "q2", "v3", ...)
    dates, flags article id + "/d<n>" or "/f<n>" (their index in the record)

The same article always gets the same ids, so a batch written again (a
retried task, a rerun) rewrites the same rows. ``day`` (the publication date,
``YYYY-MM-DD``, or ``none``) is the partition key and not a column.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any, Mapping

from ..lexicons.quantities import figure_kind
from ..storable import storable, storable_record
from .db import article_key

__all__ = ["KINDS", "SCHEMAS", "article_id", "day_of", "record_rows", "arrow_schema"]

#: kind -> (column, Arrow type name); the order of the columns in the files
SCHEMAS: dict[str, list[tuple[str, str]]] = {
    "articles": [("id", "string"), ("key", "string"), ("ref", "string"), ("url", "string"), ("title", "string"),
                 ("source", "string"), ("published", "string"), ("language", "string"), ("text", "string"),
                 ("meta", "string"), ("quality", "float64"), ("extractor_version", "string"), ("record", "string")],
    "entities": [("id", "string"), ("article_id", "string"), ("local_id", "string"), ("type", "string"), ("name", "string"),
                 ("country", "string"), ("aliases", "string"), ("titles", "string")],
    "mentions": [("entity_id", "string"), ("article_id", "string"), ("start", "int64"), ("end", "int64")],
    "quotes": [("id", "string"), ("article_id", "string"), ("local_id", "string"), ("kind", "string"), ("start", "int64"),
               ("end", "int64"), ("text", "string"), ("speaker_id", "string"), ("speaker_name", "string"),
               ("source_start", "int64"), ("source_end", "int64"), ("cue", "string"), ("cue_start", "int64"),
               ("cue_end", "int64"), ("confidence", "float64")],
    "figures": [("id", "string"), ("article_id", "string"), ("local_id", "string"), ("start", "int64"), ("end", "int64"),
                ("text", "string"), ("value", "float64"), ("unit", "string"), ("qualifier", "string"), ("measures", "string"),
                ("category", "string"), ("confidence", "float64"), ("kind", "string"), ("low", "float64"), ("high", "float64")],
    "events": [("id", "string"), ("article_id", "string"), ("local_id", "string"), ("type", "string"), ("cameo", "string"),
               ("mode", "string"), ("start", "int64"), ("end", "int64"), ("trigger_start", "int64"), ("trigger_end", "int64"),
               ("actor_text", "string"), ("actor_id", "string"), ("actor_country", "string"), ("target_text", "string"),
               ("target_id", "string"), ("target_country", "string"), ("location_id", "string"), ("date", "string"),
               ("negated", "bool_"), ("modality", "string"), ("reported_by", "string"), ("figures", "string"),
               ("confidence", "float64")],
    "locations": [("id", "string"), ("article_id", "string"), ("local_id", "string"), ("name", "string"), ("country", "string"),
                  ("feature", "string"), ("lat", "float64"), ("lon", "float64"), ("geonameid", "int64"), ("aliases", "string"),
                  ("mentions", "string"), ("roles", "string")],
    "dates": [("id", "string"), ("article_id", "string"), ("start", "int64"), ("end", "int64"), ("text", "string"),
              ("value", "string"), ("granularity", "string")],
    "flags": [("id", "string"), ("article_id", "string"), ("kind", "string"), ("start", "int64"), ("end", "int64"),
              ("detail", "string")],
}
KINDS = tuple(SCHEMAS)
_ARTICLE_KEYS = {"id", "title", "url", "source", "published", "language", "text"}


def article_id(key: str) -> str:
    return "a" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def day_of(published: str | None) -> str:
    """The partition of an article: its publication day, or ``none``."""
    day = (published or "")[:10]
    return day if len(day) == 10 and day[4] == "-" and day[7] == "-" else "none"


def _span(s) -> tuple[int | None, int | None]:
    return (s[0], s[1]) if s else (None, None)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def record_rows(record: Mapping[str, Any], version: str) -> dict[str, list[dict[str, Any]]]:
    """The rows of one record, per kind (every kind present, maybe empty)."""
    record = storable_record(record)
    art = record["article"]
    key = article_key(art.get("url"), art["text"])
    aid = article_id(key)
    text = art["text"]

    def rid(local: str | None) -> str | None:
        return f"{aid}/{local}" if local else None

    slim = dict(record)
    slim["article"] = {k: v for k, v in art.items() if k != "text"}
    out: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    out["articles"].append({
        "id": aid, "key": key, "ref": art["id"], "url": art.get("url"), "title": art.get("title"), "source": art.get("source"),
        "published": art.get("published"), "language": art.get("language"), "text": text,
        "meta": _json({k: v for k, v in art.items() if k not in _ARTICLE_KEYS}),
        "quality": (record.get("quality") or {}).get("score"), "extractor_version": version, "record": _json(slim)})
    for e in record.get("entities", ()):
        out["entities"].append({"id": rid(e["id"]), "article_id": aid, "local_id": e["id"], "type": e["type"], "name": e["name"],
                                "country": e.get("country"), "aliases": _json(e.get("aliases", [])), "titles": _json(e.get("titles", []))})
        out["mentions"].extend({"entity_id": rid(e["id"]), "article_id": aid, "start": m[0], "end": m[1]} for m in e.get("mentions", ()))
    for q in record.get("quotes", ()):
        s, e_ = _span(q.get("span"))
        ss, se = _span(q.get("source_span"))
        cs, ce = _span(q.get("cue_span"))
        out["quotes"].append({"id": rid(q["id"]), "article_id": aid, "local_id": q["id"], "kind": q.get("kind"), "start": s, "end": e_,
                              "text": text[s:e_] if s is not None else None, "speaker_id": rid(q.get("speaker")),
                              "speaker_name": q.get("speaker_name"), "source_start": ss, "source_end": se, "cue": q.get("cue"),
                              "cue_start": cs, "cue_end": ce, "confidence": q.get("confidence")})
    for f in record.get("figures", ()):
        s, e_ = _span(f.get("span"))
        out["figures"].append({"id": rid(f["id"]), "article_id": aid, "local_id": f["id"], "start": s, "end": e_, "text": f.get("text"),
                               "value": f.get("value"), "unit": f.get("unit"), "qualifier": f.get("qualifier"),
                               "measures": f.get("measures"), "category": f.get("category"), "confidence": f.get("confidence"),
                               "kind": f.get("kind") or figure_kind(f.get("unit")), "low": f.get("low"), "high": f.get("high")})
    for v in record.get("events", ()):
        s, e_ = _span(v.get("span"))
        ts, te = _span(v.get("trigger_span"))
        actor, target = v.get("actor") or {}, v.get("target") or {}
        out["events"].append({"id": rid(v["id"]), "article_id": aid, "local_id": v["id"], "type": v.get("type"), "cameo": v.get("cameo"),
                              "mode": v.get("mode"), "start": s, "end": e_, "trigger_start": ts, "trigger_end": te,
                              "actor_text": actor.get("text"), "actor_id": rid(actor.get("entity")), "actor_country": actor.get("country"),
                              "target_text": target.get("text"), "target_id": rid(target.get("entity")),
                              "target_country": target.get("country"), "location_id": rid(v.get("location")), "date": v.get("date"),
                              "negated": bool(v.get("negated")), "modality": v.get("modality"), "reported_by": rid(v.get("reported_by")),
                              "figures": _json([rid(x) for x in v.get("figures", [])]), "confidence": v.get("confidence")})
    for loc in record.get("locations", ()):
        out["locations"].append({"id": rid(loc["id"]), "article_id": aid, "local_id": loc["id"], "name": loc.get("name"),
                                 "country": loc.get("country"), "feature": loc.get("feature"), "lat": loc.get("lat"), "lon": loc.get("lon"),
                                 "geonameid": loc.get("geonameid"), "aliases": _json(loc.get("aliases", [])),
                                 "mentions": _json(loc.get("mentions", [])),
                                 "roles": _json(loc.get("roles") or ["literal"] * len(loc.get("mentions") or ()))})
    for n, d in enumerate(record.get("dates", ()), 1):
        out["dates"].append({"id": f"{aid}/d{n}", "article_id": aid, **dict(zip(("start", "end"), _span(d.get("span")))),
                             "text": d.get("text"), "value": d.get("value"), "granularity": d.get("granularity")})
    for n, fl in enumerate((record.get("quality") or {}).get("flags", ()), 1):
        out["flags"].append({"id": f"{aid}/f{n}", "article_id": aid, "kind": fl["kind"],
                             **dict(zip(("start", "end"), _span(fl.get("span")))), "detail": fl.get("detail")})
    return out


def arrow_schema(kind: str):
    """The ``pyarrow.Schema`` of a kind (failures: origin, reason, source)."""
    import pyarrow as pa

    columns = SCHEMAS.get(kind) or [("origin", "string"), ("reason", "string"), ("source", "string")]
    return pa.schema([(name, getattr(pa, type_)()) for name, type_ in columns])
