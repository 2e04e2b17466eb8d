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
    #: currency | percent | area | length | mass | volume
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
