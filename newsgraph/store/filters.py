"""Which quotes and which events: one filter object each, built once by the
CLI, the API and the web pages and read by the queries — instead of the same
nine keyword parameters at every level.

    >>> EventFilter(type="protest", country="UKR", since="2025-03-01")   # doctest: +SKIP
    >>> QuoteFilter(speaker="Zelensky", act="all")                        # doctest: +SKIP

Names (speaker, actor, target) match any alias or spelling of a corpus entity,
else the text as written. Dates compare days: an event dated by its week or
month is in range when its days overlap the range.
"""
from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass
from typing import Any

from ..lexicons import ACTS as _RECORD_ACTS
from .matching import match_query, resolve

__all__ = ["EventFilter", "QuoteFilter", "ACTS"]

#: what a quote filter's ``act`` may say ("all": every attribution)
ACTS = (*_RECORD_ACTS, "all")


def _given(filt: Any) -> dict[str, Any]:
    """The fields that filter something (for the echo of a list's filters)."""
    return {f.name: v for f in dataclasses.fields(filt) if (v := getattr(filt, f.name)) not in (None, "")}


def _blank_to_none(filt: Any) -> None:
    for f in dataclasses.fields(filt):
        if getattr(filt, f.name) == "":
            object.__setattr__(filt, f.name, None)  # an empty form field filters nothing


def published_between(column: str, since: str | None, until: str | None, where: list[str], args: list[Any]) -> None:
    """Conditions keeping a publication time (``column``) from ``since`` to the end of the day ``until``."""
    if since:
        where.append(f"{column} >= ?")
        args.append(since)
    if until:
        where.append(f"substr({column}, 1, 10) <= ?")
        args.append(until[:10])


def _name(conn: sqlite3.Connection, corpus_column: str, text_column: str, name: str, where: list[str], args: list[Any]) -> None:
    ids = resolve(conn, name)
    marks = ",".join("?" * len(ids))
    where.append(f"({corpus_column} IN ({marks}) OR {text_column} = ? COLLATE NOCASE)" if ids else f"{text_column} = ? COLLATE NOCASE")
    args += [*ids, name]


@dataclass(frozen=True)
class EventFilter:
    type: str | None = None
    actor: str | None = None
    target: str | None = None
    country: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    min_confidence: float | None = None

    def __post_init__(self) -> None:
        _blank_to_none(self)

    def given(self) -> dict[str, Any]:
        return _given(self)

    def where(self, conn: sqlite3.Connection) -> tuple[list[str], list[Any]]:
        """SQL conditions over ``events v`` and their arguments."""
        where: list[str] = []
        args: list[Any] = []
        if self.type:
            where.append("v.type = ?")
            args.append(self.type.upper())
        for role, name in (("actor", self.actor), ("target", self.target)):
            if name:
                _name(conn, f"v.{role}_corpus", f"v.{role}_text", name, where, args)
        if self.country:
            where.append("(v.actor_country = ? OR v.target_country = ?)")
            args += [self.country.upper(), self.country.upper()]
        if self.place:
            where.append("v.location_id IN (SELECT id FROM locations WHERE name = ? COLLATE NOCASE)")
            args.append(self.place)
        # an event's date covers days (a week, a month): it is in range when the days overlap
        if self.since:
            where.append("COALESCE(v.day_end, v.day) >= ?")
            args.append(self.since[:10])
        if self.until:
            where.append("v.day <= ?")
            args.append(self.until[:10])
        if self.min_confidence is not None:
            where.append("v.confidence >= ?")
            args.append(self.min_confidence)
        return where, args


@dataclass(frozen=True)
class QuoteFilter:
    speaker: str | None = None
    search: str | None = None
    since: str | None = None
    until: str | None = None
    #: "who said what" by default; belief, intention, finding, or None / "all" for every attribution
    act: str | None = "statement"
    min_confidence: float | None = None

    def __post_init__(self) -> None:
        _blank_to_none(self)
        if self.act is not None and self.act not in ACTS:
            raise ValueError(f"act: {self.act!r} is not one of {', '.join(ACTS)}")

    def given(self) -> dict[str, Any]:
        return _given(self)

    def where(self, conn: sqlite3.Connection, bound: int) -> tuple[list[str], list[Any]]:
        """SQL conditions over ``quotes q JOIN articles a``. ``bound``: a
        search alone ranks only that many of the most recently stored matches
        (0: all of them)."""
        where: list[str] = []
        args: list[Any] = []
        if self.act and self.act != "all":
            where.append("q.act = ?")
            args.append(self.act)
        if self.speaker:
            _name(conn, "q.speaker_corpus", "q.speaker_name", self.speaker, where, args)
        if self.search:
            # alone, a common word matches a large share of all quotes: sort only the most recently stored matches
            limit = "" if self.speaker or self.since or self.until or not bound else f" ORDER BY rowid DESC LIMIT {int(bound)}"
            where.append(f"q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?{limit})")
            args.append(match_query(conn, self.search))
        if self.min_confidence is not None:
            where.append("q.confidence >= ?")
            args.append(self.min_confidence)
        published_between("a.published", self.since, self.until, where, args)
        return where, args
