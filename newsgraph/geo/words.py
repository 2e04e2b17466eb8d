"""Words around place names: region nouns ("the Kursk region") and the test for
names that are also common English words ("Reading", "Split", "Mobile")."""
from __future__ import annotations

import functools
from importlib import resources

from wordfreq import zipf_frequency

__all__ = ["region_words", "is_common_word", "COMMON_ZIPF"]

#: a lower-cased word at least this frequent (Zipf scale) is an everyday word
COMMON_ZIPF = 4.5


@functools.lru_cache(maxsize=1)
def region_words() -> frozenset[str]:
    text = resources.files(__package__).joinpath("data", "region_words.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t")[0].strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return frozenset(rows[1:])


@functools.lru_cache(maxsize=65536)
def is_common_word(text: str) -> bool:
    """A one-word name whose lower-case form is an everyday English word."""
    if " " in text or not text.isalpha():
        return False
    return zipf_frequency(text.lower(), "en") >= COMMON_ZIPF
