"""Incidents: events of different articles that describe one real-world event.

Two event mentions are one incident when nothing about them disagrees and at
least two of their participants and place agree:

* the same PLOVER type, neither negated;
* their days agree: within ``DATED_DAYS`` when both carry a resolved date,
  else within ``UNDATED_DAYS`` (the day falls back to publication);
* the actors agree (the same corpus entity; for groups and states, the same
  country: "Russia" and "Russian forces") or one is unknown; two known actors
  of different countries, two different people, or different entities with
  no country in common disagree — two attacks on one city on one day by
  different actors stay two incidents;
* the targets likewise;
* the places agree (the same GeoNames place, or within ``NEAR_KM``) or one is
  unknown; two known places farther apart disagree;
* when both events carry their own resolved date, two of actor, target and
  place must agree; when a day is only the publication day, actor and target
  both must (a place and a person recur in many events of one news week);
* said acts (``VERBAL_TYPES``: an accusation, an endorsement, a request)
  recur between the same two parties every day of a campaign: they must have
  the same actor and target and days at most ``VERBAL_DAYS`` apart.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

__all__ = ["EventFacts", "same_incident", "DATED_DAYS", "UNDATED_DAYS", "VERBAL_DAYS", "VERBAL_TYPES", "NEAR_KM", "MIN_AGREEMENTS"]

DATED_DAYS = 1
UNDATED_DAYS = 3
VERBAL_DAYS = 1
#: PLOVER's verbal categories (the codebook's said, not done, interactions)
VERBAL_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
NEAR_KM = 50.0
#: of actor, target and place, how many must positively agree
MIN_AGREEMENTS = 2


@dataclass(frozen=True)
class EventFacts:
    type: str
    day: str | None  # ISO day: the event's date, else the article's publication day
    dated: bool  # the day is the event's own resolved date
    actor: int | None = None  # corpus entity id
    actor_country: str | None = None
    target: int | None = None
    target_country: str | None = None
    actor_person: bool = False  # the actor's corpus entity is a PERSON: only that person is the same actor
    target_person: bool = False
    place: int | None = None  # GeoNames id
    lat: float | None = None
    lon: float | None = None
    negated: bool = False


def same_incident(a: EventFacts, b: EventFacts) -> bool:
    if a.type != b.type or a.negated or b.negated:
        return False
    if not _days_agree(a, b):
        return False
    actor = _party(a.actor, a.actor_country, a.actor_person, b.actor, b.actor_country, b.actor_person)
    target = _party(a.target, a.target_country, a.target_person, b.target, b.target_country, b.target_person)
    verdicts = [actor, target, _place(a, b)]
    if any(v is False for v in verdicts):
        return False
    if a.type in VERBAL_TYPES:
        return bool(actor and target) and _gap(a, b) <= VERBAL_DAYS
    if not (a.dated and b.dated):
        return bool(actor and target)
    return sum(1 for v in verdicts if v) >= MIN_AGREEMENTS


def _days_agree(a: EventFacts, b: EventFacts) -> bool:
    if a.day is None or b.day is None:
        return False
    return _gap(a, b) <= (DATED_DAYS if a.dated and b.dated else UNDATED_DAYS)


def _gap(a: EventFacts, b: EventFacts) -> int:
    return abs((dt.date.fromisoformat(a.day) - dt.date.fromisoformat(b.day)).days)


def _party(ea: int | None, ca: str | None, pa: bool, eb: int | None, cb: str | None, pb: bool) -> bool | None:
    """True: agree; False: disagree; None: cannot tell (one unknown)."""
    if ea is not None and ea == eb:
        return True
    if (pa or pb) and ea is not None and eb is not None:
        return False  # two people: the same country does not make them one actor
    if ca and cb:
        return ca == cb
    if ea is not None and eb is not None:
        return False  # two different entities, no country to reconcile them
    return None


def _place(a: EventFacts, b: EventFacts) -> bool | None:
    if a.place is not None and a.place == b.place:
        return True
    if None not in (a.lat, a.lon, b.lat, b.lon):
        return _km(a.lat, a.lon, b.lat, b.lon) <= NEAR_KM
    if a.place is not None and b.place is not None:
        return False
    return None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
