"""The records newsgraph produces, as frozen dataclasses.

Every span is a ``(start, end)`` pair of code-point offsets into
``Article.text``, the text exactly as it was read. ``Record.to_dict()`` gives
the JSON of ``CONTRACT.md`` (v1); record kinds an article has none of are empty
lists, never missing.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from .days import day_range

Span = tuple[int, int]

__all__ = [
    "Span",
    "Article",
    "Entity",
    "Quote",
    "Figure",
    "Event",
    "Actor",
    "Location",
    "DateRef",
    "Flag",
    "Quality",
    "Record",
]


def _span(s: Span | None) -> list[int] | None:
    return [s[0], s[1]] if s is not None else None


@dataclass(frozen=True)
class Article:
    """One article as read: ``text`` is never altered after reading."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": self.published,
            "language": self.language,
            "text": self.text,
        }
        for key, value in self.meta.items():
            out.setdefault(key, value)
        return out


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    country: str | None = None
    mentions: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "aliases": list(self.aliases),
            "titles": list(self.titles),
            "country": self.country,
            "mentions": [_span(m) for m in self.mentions],
        }


@dataclass(frozen=True)
class Quote:
    id: str
    kind: str  # direct | indirect | mixed
    span: Span
    speaker: str | None = None
    speaker_name: str | None = None
    source_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None
    confidence: float = 0.0
    #: statement | belief | intention | finding (contract v1.1); "who said
    #: what" is the statements
    act: str = "statement"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "span": _span(self.span),
            "speaker": self.speaker,
            "speaker_name": self.speaker_name,
            "source_span": _span(self.source_span),
            "cue": self.cue,
            "cue_span": _span(self.cue_span),
            "act": self.act,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class Figure:
    id: str
    span: Span
    text: str
    value: float | int | None
    unit: str | None = None
    qualifier: str | None = None
    measures: str | None = None
    category: str | None = None
    confidence: float | None = None
    #: id of the figure this one is a part of ("71 of 123 drones": f2 -> f1), or None
    whole: str | None = None
    #: v1.1: count | money | percent | duration | age | measure
    kind: str | None = None
    #: v1.1: a range ("3-4 mortars", "between 30 and 40 people"): its ends; ``value`` is ``low``
    low: float | int | None = None
    high: float | int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "span": _span(self.span),
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "measures": self.measures,
            "category": self.category,
            "confidence": None if self.confidence is None else round(self.confidence, 3),
            "whole": self.whole,
            "kind": self.kind,
            "low": self.low,
            "high": self.high,
        }


@dataclass(frozen=True)
class Actor:
    """The actor or target of an event: an entity, or a group phrase."""

    text: str
    entity: str | None = None
    country: str | None = None
    name: str | None = None  # the entity's name, or the country's for a group phrase
    sector: str | None = None  # government | military | police | rebels | civilians | ...
    span: Span | None = None  # the phrase in the text

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "text": self.text, "country": self.country,
                "name": self.name, "sector": self.sector, "span": _span(self.span)}


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    cameo: str | None
    span: Span
    trigger_span: Span | None = None
    mode: str | None = None
    actor: Actor | None = None
    target: Actor | None = None
    location: str | None = None
    date: str | None = None
    negated: bool = False
    modality: str | None = None  # None (asserted) | intended | expected | future | possible
    reported_by: str | None = None
    figures: tuple[str, ...] = ()
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "cameo": self.cameo,
            "mode": self.mode,
            "span": _span(self.span),
            "trigger_span": _span(self.trigger_span),
            "actor": self.actor.to_dict() if self.actor else None,
            "target": self.target.to_dict() if self.target else None,
            "location": self.location,
            "date": self.date,
            "negated": self.negated,
            "modality": self.modality,
            "reported_by": self.reported_by,
            "figures": list(self.figures),
            "confidence": None if self.confidence is None else round(self.confidence, 3),
        }


@dataclass(frozen=True)
class Location:
    id: str
    name: str
    country: str | None
    feature: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    #: one per mention: literal | modifier ("Russian troops") | metonymic ("Moscow said"); empty = all literal
    roles: tuple[str, ...] = ()

    @property
    def literal_mentions(self) -> tuple[Span, ...]:
        """The mentions that name the place as a place."""
        if not self.roles:
            return self.mentions
        return tuple(m for m, r in zip(self.mentions, self.roles) if r == "literal")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "country": self.country,
            "feature": self.feature,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "aliases": list(self.aliases),
            "mentions": [_span(m) for m in self.mentions],
            "roles": list(self.roles) if self.roles else ["literal"] * len(self.mentions),
        }


@dataclass(frozen=True)
class DateRef:
    span: Span
    text: str
    value: str | None
    granularity: str | None

    def to_dict(self) -> dict[str, Any]:
        days = day_range(self.value)
        return {"span": _span(self.span), "text": self.text, "value": self.value, "granularity": self.granularity,
                "start": days[0] if days else None, "end": days[1] if days else None}  # contract v1.1


@dataclass(frozen=True)
class Flag:
    kind: str
    span: Span
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "span": _span(self.span)}
        if self.detail is not None:
            out["detail"] = self.detail
        return out


@dataclass(frozen=True)
class Quality:
    score: float | None = None
    flags: tuple[Flag, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "flags": [f.to_dict() for f in self.flags]}


@dataclass(frozen=True)
class Record:
    """Everything newsgraph extracted from one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    events: tuple[Event, ...] = ()
    locations: tuple[Location, ...] = ()
    dates: tuple[DateRef, ...] = ()
    quality: Quality = Quality()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"article": self.article.to_dict()}
        for f in fields(self):
            if f.name in ("article", "quality"):
                continue
            out[f.name] = [item.to_dict() for item in getattr(self, f.name)]
        out["quality"] = self.quality.to_dict()
        return out

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def text_of(self, span: Span) -> str:
        return self.article.text[span[0] : span[1]]
