"""Confidence of quotes, figures and events: how an item was found (the
extractor's own ``confidence``) times what the noise around it takes away.

    confidence = found * Π (1 - PENALTIES[flag.kind]  for each flag overlapping the item)
                       * (1 - ARTICLE_SHARE * (1 - article score))

An item whose extractor gave no confidence (``None``) starts at 1.0. Pure
functions over records in original-text coordinates (flags and items both
mapped back), so they can run after ``_remap``.
"""
from __future__ import annotations

import dataclasses
from typing import Iterable, TypeVar

from ..records import Flag, Record

__all__ = ["PENALTIES", "ARTICLE_SHARE", "adjust_confidence", "with_confidence", "filter_confidence"]

#: the share of an item's confidence a noise flag overlapping it takes away
PENALTIES = {"garbled": 0.5, "repetition": 0.25, "foreign": 0.15, "hyphen-spacing": 0.1, "encoding": 0.1, "invisible": 0.0}
#: how much of the confidence the article's overall quality score can take away
ARTICLE_SHARE = 0.25
#: the record kinds that carry a confidence
SCORED = ("quotes", "figures", "events")

T = TypeVar("T")


def adjust_confidence(items: Iterable[T], flags: Iterable[Flag], article_score: float | None = 1.0) -> tuple[T, ...]:
    """``items`` with their confidence lowered by the noise flags overlapping
    any of their spans (``span``, ``cue_span``, ``trigger_span`` ...)."""
    flags = tuple(flags)
    article = 1.0 - ARTICLE_SHARE * (1.0 - (1.0 if article_score is None else article_score))
    out = []
    for item in items:
        spans = _spans(item)
        factor = article
        for flag in flags:
            if any(flag.span[0] < end and start < flag.span[1] for start, end in spans):
                factor *= 1.0 - PENALTIES.get(flag.kind, 0.2)
        found = 1.0 if item.confidence is None else item.confidence
        adjusted = round(found * factor, 3)
        out.append(item if adjusted == item.confidence else dataclasses.replace(item, confidence=adjusted))
    return tuple(out)


def with_confidence(record: Record) -> Record:
    """``record`` with every quote, figure and event confidence adjusted."""
    flags, score = record.quality.flags, record.quality.score
    return dataclasses.replace(record, **{kind: adjust_confidence(getattr(record, kind), flags, score) for kind in SCORED})


def filter_confidence(record: Record, minimum: float) -> Record:
    """``record`` without the quotes, figures and events below ``minimum``
    (items with no confidence are kept). Ids of dropped items may still be
    referenced by others (an event's ``reported_by``)."""
    keep = lambda item: item.confidence is None or item.confidence >= minimum  # noqa: E731
    return dataclasses.replace(record, **{kind: tuple(filter(keep, getattr(record, kind))) for kind in SCORED})


def _spans(item) -> list[tuple[int, int]]:
    return [
        value
        for f in dataclasses.fields(item)
        if (f.name == "span" or f.name.endswith("_span")) and (value := getattr(item, f.name)) is not None
    ]
