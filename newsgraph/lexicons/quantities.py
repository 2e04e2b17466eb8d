"""Language knowledge about quantities: number words, qualifiers, units,
casualty words, counted nouns and identifier words, from the TSV files in
``data/``. Each loader is cached (read once per process).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from . import read_tsv

__all__ = [
    "NumberWord",
    "number_words",
    "qualifiers",
    "Unit",
    "units",
    "casualty_words",
    "counted_nouns",
    "identifier_words",
    "populated_places",
    "duration_seconds",
    "age_cues",
    "vote_words",
    "change_verbs",
    "SharedUnitWord",
    "shared_unit_words",
    "FIGURE_KINDS",
    "figure_kind",
]


@dataclass(frozen=True)
class NumberWord:
    word: str
    value: float
    #: unit | teen | tens | hundred | scale | dozen | fraction | approx
    kind: str


@functools.lru_cache(maxsize=1)
def number_words() -> dict[str, NumberWord]:
    """lower-cased word -> NumberWord ("million" -> 1e6, scale)."""
    return {r["word"].lower(): NumberWord(r["word"].lower(), float(r["value"]), r["kind"]) for r in read_tsv("number_words.tsv")}


@functools.lru_cache(maxsize=1)
def qualifiers() -> dict[str, str]:
    """lower-cased phrase -> normalised qualifier ("around" -> "approximately")."""
    return {r["phrase"].lower(): r["qualifier"] for r in read_tsv("qualifiers.tsv")}


@dataclass(frozen=True)
class Unit:
    form: str
    unit: str
    factor: float
    #: currency | percent | area | length | mass | volume | energy | power | duration | age
    kind: str
    #: before | after | both
    position: str


@functools.lru_cache(maxsize=1)
def units() -> tuple[Unit, ...]:
    """Every written unit form, longest first (so "square miles" wins over "miles")."""
    rows = [Unit(r["form"], r["unit"], float(r["factor"]), r["kind"], r["position"]) for r in read_tsv("units.tsv")]
    return tuple(sorted(rows, key=lambda u: -len(u.form)))


@functools.lru_cache(maxsize=1)
def casualty_words() -> dict[str, str]:
    """lemma -> category ("wound" -> "injured")."""
    return {r["lemma"].lower(): r["category"] for r in read_tsv("casualty_words.tsv")}


@functools.lru_cache(maxsize=1)
def counted_nouns() -> dict[str, str]:
    """lemma -> shared unit ("civilian" -> "people")."""
    return {r["lemma"].lower(): r["unit"] for r in read_tsv("counted_nouns.tsv")}


@functools.lru_cache(maxsize=1)
def identifier_words() -> frozenset[str]:
    """Words after which a number is a name, not a count ("Article 5")."""
    return frozenset(r["word"].lower() for r in read_tsv("identifier_words.tsv"))


@functools.lru_cache(maxsize=1)
def populated_places() -> frozenset[str]:
    """Nouns whose bare number is a population ("a city of three million")."""
    return frozenset(r["lemma"].lower() for r in read_tsv("populated_places.tsv"))


@functools.lru_cache(maxsize=1)
def duration_seconds() -> dict[str, float]:
    """duration unit -> its length in seconds ("minute" -> 60)."""
    return {r["unit"]: float(r["seconds"]) for r in read_tsv("durations.tsv")}


@functools.lru_cache(maxsize=1)
def age_cues() -> frozenset[str]:
    """Words right before a number that make it an age ("aged 62")."""
    return frozenset(r["word"].lower() for r in read_tsv("age_cues.tsv"))


@functools.lru_cache(maxsize=1)
def vote_words() -> frozenset[str]:
    """Lemmas that make "543-21" a vote tally."""
    return frozenset(r["lemma"].lower() for r in read_tsv("vote_words.tsv"))


@functools.lru_cache(maxsize=1)
def change_verbs() -> frozenset[str]:
    """Lemmas of verbs of change: "lost $2 to $43.25" is not a range."""
    return frozenset(r["lemma"].lower() for r in read_tsv("change_verbs.tsv"))


@dataclass(frozen=True)
class SharedUnitWord:
    word: str
    #: back (carried to the number before) | forward (to the number after) | both
    direction: str
    kinds: frozenset[str]


@functools.lru_cache(maxsize=1)
def shared_unit_words() -> dict[str, SharedUnitWord]:
    """lower-cased word(s) between two numbers -> which way a unit is shared."""
    return {
        r["word"].lower(): SharedUnitWord(r["word"].lower(), r["direction"], frozenset(k for k in r["kinds"].split("|") if k))
        for r in read_tsv("shared_unit_words.tsv")
    }


#: a figure's kind in the contract (v1.1)
FIGURE_KINDS = ("count", "money", "percent", "duration", "age", "measure")
_KIND_OF_UNIT_KIND = {"currency": "money", "percent": "percent", "duration": "duration", "age": "age"}


@functools.lru_cache(maxsize=1)
def _unit_kinds() -> dict[str, str]:
    """normalised unit -> unit kind ("USD" -> currency, "hour" -> duration);
    a unit that is both a duration and an age ("year") is a duration."""
    out = {u.unit: u.kind for u in units() if u.kind != "age"}
    for u in units():
        out.setdefault(u.unit, u.kind)
    return out


def figure_kind(unit: str | None, unit_kind: str | None = None) -> str:
    """The contract kind of a figure from its unit kind when known ("age" for
    "a 13-year-old"), else from its normalised unit: money, percent,
    duration, age, measure (area, length, mass, volume, energy, power), or
    count (people, the counted noun, no unit). Also what a stored figure
    without a kind gets (migration 0011)."""
    kind = unit_kind or (_unit_kinds().get(unit) if unit else None)
    if kind is None:
        return "count"
    return _KIND_OF_UNIT_KIND.get(kind, "measure")
