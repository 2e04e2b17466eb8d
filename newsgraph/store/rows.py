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
from typing import Any, Mapping

from ..storable import storable_record
from . import columns
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
               ("cue_end", "int64"), ("confidence", "float64"), ("act", "string")],
    "figures": [("id", "string"), ("article_id", "string"), ("local_id", "string"), ("start", "int64"), ("end", "int64"),
                ("text", "string"), ("value", "float64"), ("unit", "string"), ("qualifier", "string"), ("measures", "string"),
                ("category", "string"), ("confidence", "float64"), ("kind", "string"), ("low", "float64"), ("high", "float64")],
    "events": [("id", "string"), ("article_id", "string"), ("local_id", "string"), ("type", "string"), ("cameo", "string"),
               ("mode", "string"), ("start", "int64"), ("end", "int64"), ("trigger_start", "int64"), ("trigger_end", "int64"),
               ("actor_text", "string"), ("actor_id", "string"), ("actor_country", "string"), ("target_text", "string"),
               ("target_id", "string"), ("target_country", "string"), ("location_id", "string"), ("date", "string"),
               ("negated", "bool_"), ("modality", "string"), ("reported_by", "string"), ("figures", "string"),
               ("confidence", "float64"), ("day", "string"), ("day_end", "string")],
    "locations": [("id", "string"), ("article_id", "string"), ("local_id", "string"), ("name", "string"), ("country", "string"),
                  ("feature", "string"), ("lat", "float64"), ("lon", "float64"), ("geonameid", "int64"), ("aliases", "string"),
                  ("mentions", "string"), ("roles", "string"), ("literal", "bool_")],
    "dates": [("id", "string"), ("article_id", "string"), ("start", "int64"), ("end", "int64"), ("text", "string"),
              ("value", "string"), ("granularity", "string"), ("start_day", "string"), ("end_day", "string")],
    "flags": [("id", "string"), ("article_id", "string"), ("kind", "string"), ("start", "int64"), ("end", "int64"),
              ("detail", "string")],
}
KINDS = tuple(SCHEMAS)


def article_id(key: str) -> str:
    return "a" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def day_of(published: str | None) -> str:
    """The partition of an article: its publication day, or ``none``."""
    day = (published or "")[:10]
    return day if len(day) == 10 and day[4] == "-" and day[7] == "-" else "none"


def record_rows(record: Mapping[str, Any], version: str) -> dict[str, list[dict[str, Any]]]:
    """The rows of one record, per kind (every kind present, maybe empty):
    the columns of ``columns.py`` with string ids."""
    record = storable_record(record)
    art = record["article"]
    key = article_key(art.get("url"), art["text"])
    aid = article_id(key)
    text, published = art["text"], art.get("published")

    def rid(local: str | None) -> str | None:
        return f"{aid}/{local}" if local else None

    out: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    out["articles"].append({"id": aid, "key": key, **columns.article_columns(record, version)})
    for e in record.get("entities", ()):
        out["entities"].append({"id": rid(e["id"]), "article_id": aid, **columns.entity_columns(e)})
        out["mentions"].extend({"entity_id": rid(e["id"]), "article_id": aid, "start": m[0], "end": m[1]} for m in e.get("mentions", ()))
    for q in record.get("quotes", ()):
        out["quotes"].append({"id": rid(q["id"]), "article_id": aid, **columns.quote_columns(q, text), "speaker_id": rid(q.get("speaker"))})
    for f in record.get("figures", ()):
        out["figures"].append({"id": rid(f["id"]), "article_id": aid, **columns.figure_columns(f)})
    for v in record.get("events", ()):
        row = {"id": rid(v["id"]), "article_id": aid, **columns.event_columns(v, published),
               "actor_id": rid((v.get("actor") or {}).get("entity")), "target_id": rid((v.get("target") or {}).get("entity")),
               "location_id": rid(v.get("location")), "reported_by": rid(v.get("reported_by")),
               "figures": columns.as_json([rid(x) for x in v.get("figures", [])])}
        row["negated"] = bool(row["negated"])
        out["events"].append(row)
    for loc in record.get("locations", ()):
        row = {"id": rid(loc["id"]), "article_id": aid, **columns.location_columns(loc)}
        row["literal"] = bool(row["literal"])
        out["locations"].append(row)
    for n, d in enumerate(record.get("dates", ()), 1):
        out["dates"].append({"id": f"{aid}/d{n}", "article_id": aid, **columns.date_columns(d)})
    for n, fl in enumerate((record.get("quality") or {}).get("flags", ()), 1):
        out["flags"].append({"id": f"{aid}/f{n}", "article_id": aid, **columns.flag_columns(fl)})
    return out


def arrow_schema(kind: str):
    """The ``pyarrow.Schema`` of a kind (failures: origin, reason, source)."""
    import pyarrow as pa

    columns = SCHEMAS.get(kind) or [("origin", "string"), ("reason", "string"), ("source", "string")]
    return pa.schema([(name, getattr(pa, type_)()) for name, type_ in columns])
