"""The contract's JSON back to ``Record`` dataclasses (stored records, the
``show`` command, Parquet loads).

One rule for every record kind, by keyword from the dataclass's own fields,
so a field added to a record can never shift the others (as a positional
constructor once did when ``Event.modality`` arrived): spans become tuples,
lists become tuples, actors and flags become their dataclasses; keys the
record does not hold (derived ones, such as a date's ``start``) are ignored,
and a field the dict lacks takes its default.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Mapping

from ..records import Actor, Article, DateRef, Entity, Event, Figure, Flag, Location, Quality, Quote, Record

__all__ = ["record_from_dict", "build"]

_ARTICLE_KEYS = tuple(f.name for f in dataclasses.fields(Article) if f.name != "meta")
#: required fields a stored dict may lack, and what they then are
_FALLBACK = {"text": "", "type": "", "kind": "direct", "name": "", "cameo": None, "value": None, "country": None,
             "feature": None, "lat": None, "lon": None, "granularity": None, "span": None}
_NESTED = {"actor": Actor, "target": Actor}


def _value(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name == "span" or name.endswith("_span"):
        return (value[0], value[1]) if value else None
    if name == "mentions":
        return tuple((m[0], m[1]) for m in value)
    if name in _NESTED:
        return build(_NESTED[name], value) if value else None
    if isinstance(value, list):
        return tuple(value)
    return value


def build(cls: type, d: Mapping[str, Any]) -> Any:
    """``cls`` (a record dataclass) from its contract dict, by keyword."""
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in d:
            kwargs[f.name] = _value(f.name, d[f.name])
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            kwargs[f.name] = _FALLBACK.get(f.name)
    if cls is Quote:
        kwargs["kind"] = kwargs.get("kind") or "direct"
        kwargs["act"] = kwargs.get("act") or "statement"
        kwargs["confidence"] = kwargs.get("confidence") or 0.0
    if cls is Event:
        kwargs["negated"] = bool(kwargs.get("negated"))
        kwargs["type"] = kwargs.get("type") or ""
    return cls(**kwargs)


def record_from_dict(d: Mapping[str, Any]) -> Record:
    a = d["article"]
    article = Article(**{k: a.get(k) for k in _ARTICLE_KEYS}, meta={k: v for k, v in a.items() if k not in _ARTICLE_KEYS})
    quality = d.get("quality") or {}
    return Record(
        article=article,
        entities=tuple(build(Entity, e) for e in d.get("entities", ())),
        quotes=tuple(build(Quote, q) for q in d.get("quotes", ())),
        figures=tuple(build(Figure, f) for f in d.get("figures", ())),
        events=tuple(build(Event, v) for v in d.get("events", ())),
        locations=tuple(build(Location, loc) for loc in d.get("locations", ())),
        dates=tuple(build(DateRef, x) for x in d.get("dates", ())),
        quality=Quality(quality.get("score"), tuple(build(Flag, f) for f in quality.get("flags", ()))),
    )
