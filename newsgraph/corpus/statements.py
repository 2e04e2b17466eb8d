"""Statements: one quote reported in several articles.

Two quotes are the same statement when their speakers are the same corpus
entity (the store decides that) and their words match: the same words in
about the same order (``rapidfuzz``'s token sort ratio), or the shorter one a
fragment of the longer (partial ratio: "We will not leave," quoted from the
full sentence). Quote marks, case, punctuation and spacing do not count.

A later statement *denies* an earlier one when its cue is a denial or a
rejection (``lexicons/data/denial_cues.tsv``: "denied", "rejected",
"dismissed" ...) and its content carries the earlier one's words
(most content words shared each way: "X denied that troops had crossed the
border near Eastvale this week" against "troops crossed the border near
Eastvale this week"), and it states a claim, not a thing ("rejected the
offer" denies nobody).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from ..lexicons import denial_cues

__all__ = ["normalise_quote", "same_statement", "denies", "SAME_WORDS", "FRAGMENT", "MIN_WORDS", "DENIAL_OVERLAP", "DENIAL_MIN_WORDS"]

#: token sort ratio (0..100) at or above which two quotes say the same words
SAME_WORDS = 88
#: partial ratio at or above which the shorter quote is a fragment of the longer
FRAGMENT = 92
#: quotes shorter than this (in words) are never matched: "no comment" is said by everyone
MIN_WORDS = 5
#: share of content words a denial and the statement it denies must have in common, each way
DENIAL_OVERLAP = 0.6
#: content words a denial must say at least: a claim, not a thing
DENIAL_MIN_WORDS = 5
_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=8192)
def normalise_quote(text: str) -> str:
    """Lower-case words separated by single spaces: what a match compares
    (cached: the writer compares one stored quote with many new ones)."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip()


def same_statement(a: str, b: str) -> bool:
    """Do the two quote texts report the same words?"""
    na, nb = normalise_quote(a), normalise_quote(b)
    short, long = sorted((na, nb), key=len)
    words = short.count(" ") + 1
    if words < MIN_WORDS:
        return False
    # the ratio is at most 200·len(short)/(len(short)+len(long)): skip it when that cannot reach SAME_WORDS
    if 200 * len(short) >= SAME_WORDS * (len(short) + len(long)) and fuzz.token_sort_ratio(na, nb) >= SAME_WORDS:
        return True
    # a fragment: at least half as long as the longer, or a full clause of it
    return words >= 8 and fuzz.partial_ratio(short, long) >= FRAGMENT


def denies(cue: str | None, content: str, earlier: str) -> bool:
    """Is a quote with ``cue`` and ``content`` a denial of ``earlier``? The
    denial must say a claim, not name a thing ("rejected the offer"): at least
    ``DENIAL_MIN_WORDS`` content words, most of them the earlier statement's,
    and most of the earlier statement's words in it."""
    if not cue or cue.lower().strip() not in denial_cues():
        return False
    said, claimed = _content_words(content), _content_words(earlier)
    if len(said) < DENIAL_MIN_WORDS or len(claimed) < DENIAL_MIN_WORDS:
        return False
    shared = len(said & claimed)
    return shared / len(said) >= DENIAL_OVERLAP and shared / len(claimed) >= DENIAL_OVERLAP


@lru_cache(maxsize=8192)
def _content_words(text: str) -> frozenset[str]:
    return frozenset({w for w in normalise_quote(text).split() if len(w) > 2 and w.isalpha() and w not in _FUNCTION_WORDS})


_FUNCTION_WORDS = frozenset(
    "the and that this these those was were had has have been with from for not are its his her their they them than then "
    "there which who whom what when where would could should will can may might must did does said says also about into over "
    "any all our out very just only such".split()
)
