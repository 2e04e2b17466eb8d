"""Statements: one quote reported in several articles.

Two quotes are the same statement when their speakers are the same corpus
entity (the store decides that) and their words match: the same words in
about the same order (``rapidfuzz``'s token sort ratio), or the shorter one a
fragment of the longer (partial ratio: "We will not leave," quoted from the
full sentence). Quote marks, case, punctuation and spacing do not count.

A later statement *denies* an earlier one when its cue is a denial or a
rejection (``lexicons/data/denial_cues.tsv``: "denied", "rejected",
"dismissed" ...) and its content carries the earlier one's words
("X denied that troops had crossed the border" against "troops crossed the
border").
"""
from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from ..lexicons import denial_cues

__all__ = ["normalise_quote", "same_statement", "denies", "SAME_WORDS", "FRAGMENT", "MIN_WORDS", "DENIAL_OVERLAP"]

#: token sort ratio (0..100) at or above which two quotes say the same words
SAME_WORDS = 88
#: partial ratio at or above which the shorter quote is a fragment of the longer
FRAGMENT = 92
#: quotes shorter than this (in words) are never matched: "no comment" is said by everyone
MIN_WORDS = 5
#: token set ratio of a denial's content against the statement it denies
DENIAL_OVERLAP = 70
_NON_WORD = re.compile(r"[^\w]+")


def normalise_quote(text: str) -> str:
    """Lower-case words separated by single spaces: what a match compares."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip()


def same_statement(a: str, b: str) -> bool:
    """Do the two quote texts report the same words?"""
    na, nb = normalise_quote(a), normalise_quote(b)
    short, long = sorted((na, nb), key=len)
    if len(short.split()) < MIN_WORDS:
        return False
    if fuzz.token_sort_ratio(na, nb) >= SAME_WORDS:
        return True
    # a fragment: at least half as long as the longer, or a full clause of it
    return len(short.split()) >= 8 and fuzz.partial_ratio(short, long) >= FRAGMENT


def denies(cue: str | None, content: str, earlier: str) -> bool:
    """Is a quote with ``cue`` and ``content`` a denial of ``earlier``?"""
    if not cue or cue.lower().strip() not in denial_cues():
        return False
    nc, ne = normalise_quote(content), normalise_quote(earlier)
    if len(ne.split()) < MIN_WORDS or len(nc.split()) < 3:
        return False
    return fuzz.token_set_ratio(nc, ne) >= DENIAL_OVERLAP
