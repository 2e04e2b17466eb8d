"""The contract's JSON back to ``Record`` dataclasses (for stored records)."""
from __future__ import annotations

from typing import Any, Mapping

from ..records import Actor, Article, DateRef, Entity, Event, Figure, Flag, Location, Quality, Quote, Record

__all__ = ["record_from_dict"]

_ARTICLE_KEYS = ("id", "text", "title", "url", "source", "published", "language")


def _sp(value) -> tuple[int, int] | None:
    return (value[0], value[1]) if value else None


def _actor(d: Mapping[str, Any] | None) -> Actor | None:
    return Actor(text=d.get("text") or "", entity=d.get("entity"), country=d.get("country")) if d else None


def record_from_dict(d: Mapping[str, Any]) -> Record:
    a = d["article"]
    article = Article(**{k: a.get(k) for k in _ARTICLE_KEYS}, meta={k: v for k, v in a.items() if k not in _ARTICLE_KEYS})
    return Record(
        article=article,
        entities=tuple(Entity(e["id"], e["type"], e["name"], tuple(e.get("aliases", ())), tuple(e.get("titles", ())),
                              e.get("country"), tuple(_sp(m) for m in e.get("mentions", ()))) for e in d.get("entities", ())),
        quotes=tuple(Quote(q["id"], q.get("kind") or "direct", _sp(q["span"]), q.get("speaker"), q.get("speaker_name"),
                           _sp(q.get("source_span")), q.get("cue"), _sp(q.get("cue_span")), q.get("confidence") or 0.0,
                           act=q.get("act") or "statement")
                     for q in d.get("quotes", ())),
        figures=tuple(Figure(f["id"], _sp(f["span"]), f.get("text") or "", f.get("value"), f.get("unit"), f.get("qualifier"),
                             f.get("measures"), f.get("category"), f.get("confidence")) for f in d.get("figures", ())),
        events=tuple(Event(v["id"], v.get("type") or "", v.get("cameo"), _sp(v["span"]), _sp(v.get("trigger_span")), v.get("mode"),
                           _actor(v.get("actor")), _actor(v.get("target")), v.get("location"), v.get("date"), bool(v.get("negated")),
                           v.get("reported_by"), tuple(v.get("figures", ())), v.get("confidence")) for v in d.get("events", ())),
        locations=tuple(Location(loc["id"], loc.get("name") or "", loc.get("country"), loc.get("feature"), loc.get("lat"), loc.get("lon"),
                                 loc.get("geonameid"), tuple(loc.get("aliases", ())), tuple(_sp(m) for m in loc.get("mentions", ())))
                        for loc in d.get("locations", ())),
        dates=tuple(DateRef(_sp(x["span"]), x.get("text") or "", x.get("value"), x.get("granularity")) for x in d.get("dates", ())),
        quality=Quality((d.get("quality") or {}).get("score"),
                        tuple(Flag(f["kind"], _sp(f["span"]), f.get("detail")) for f in (d.get("quality") or {}).get("flags", ()))),
    )
