"""Words around place names: region nouns ("the Kursk region") and the test for
names that are also common English words ("Reading", "Split", "Mobile")."""
from __future__ import annotations

import functools
from importlib import resources

from wordfreq import zipf_frequency

__all__ = ["region_words", "area_demonyms", "modifier_heads", "metonymy_verbs", "is_common_word", "COMMON_ZIPF"]

#: a lower-cased word at least this frequent (Zipf scale) is an everyday word
COMMON_ZIPF = 4.5


def _rows(name: str) -> list[list[str]]:
    """A data file's rows (cells stripped), without comments and the header."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    rows = [[c.strip() for c in line.split("\t")] for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return rows[1:]


@functools.lru_cache(maxsize=1)
def region_words() -> frozenset[str]:
    return frozenset(r[0] for r in _rows("region_words.tsv"))


@functools.lru_cache(maxsize=1)
def area_demonyms() -> dict[str, tuple[str, str]]:
    """Adjective or name of an area that is not a country (lower case) ->
    (gazetteer name, feature): "european" -> ("Europe", "continent")."""
    return {r[0].lower(): (r[1], r[2]) for r in _rows("area_demonyms.tsv")}


@functools.lru_cache(maxsize=1)
def modifier_heads() -> frozenset[str]:
    """Words after a demonym that make it the country's inside a name ("the Turkish Embassy")."""
    return frozenset(r[0] for r in _rows("modifier_heads.tsv"))


@functools.lru_cache(maxsize=1)
def metonymy_verbs() -> frozenset[str]:
    """Verbs whose place subject stands for its government ("Moscow rejected")."""
    return frozenset(r[0] for r in _rows("metonymy_verbs.tsv"))


@functools.lru_cache(maxsize=65536)
def is_common_word(text: str) -> bool:
    """A one-word name whose lower-case form is an everyday English word."""
    if " " in text or not text.isalpha():
        return False
    return zipf_frequency(text.lower(), "en") >= COMMON_ZIPF
