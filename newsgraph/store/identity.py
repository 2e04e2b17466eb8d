"""Cross-article identities: which corpus entity a per-article entity is.

A per-article entity (type, name, titles, country) is linked to a corpus
entity by a match key, then checked for compatibility:

* PERSON: the key is the *skeleton* of the surname (ASCII-folded, lower-case,
  ``y`` read as ``i``, doubled letters collapsed), so "Zelenskyy", "Zelensky"
  and "Zelenskiy" share one key. Two persons are compatible when their given
  names agree (or one has none), their countries agree (or one is unknown) and,
  when both carry titles, they share a title word. Two "Miller"s with
  different countries or offices stay apart.
* other types: the skeleton of the whole name without a leading "the",
  also looked up among the aliases seen so far ("UN" and "United Nations").

Pure functions over plain values; the writer does the SQL.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

__all__ = ["skeleton", "person_parts", "match_key", "title_words", "Candidate", "compatible", "choose"]

_NON_LETTERS = re.compile(r"[^a-z0-9]+")
_DOUBLES = re.compile(r"(.)\1+")
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "jr", "sr", "ii", "iii"}
# words of a title that do not say which office it is
_TITLE_STOP = {"the", "of", "and", "for", "a", "an", "former", "then", "new", "acting", "deputy", "vice", "chief", "head"}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def skeleton(text: str) -> str:
    """A spelling-tolerant key: 'Zelenskyy' -> 'zelenski'."""
    s = _NON_LETTERS.sub("", _fold(text).replace("y", "i"))
    return _DOUBLES.sub(r"\1", s)


def person_parts(name: str) -> tuple[str | None, str]:
    """``(given-name skeleton or None, surname skeleton)`` of a person's name."""
    words = [w for w in re.split(r"[\s.]+", name) if w and _fold(w).strip("'") not in _HONORIFICS]
    if not words:
        return None, skeleton(name)
    surname = skeleton(words[-1])
    given = skeleton(words[0]) if len(words) > 1 else None
    return (given or None), surname


def match_key(type_: str, name: str) -> str:
    if type_ == "PERSON":
        return person_parts(name)[1]
    name = re.sub(r"^(the)\s+", "", name.strip(), flags=re.I)
    return skeleton(name)


def title_words(titles: Iterable[str], lexicon: Mapping[str, Any]) -> set[str]:
    """The office words of titles, those the title lexicon knows and that are
    not generic ("boss"): 'US defense minister' -> {'defense', 'minister'}."""
    words = set()
    for title in titles:
        for w in _NON_LETTERS.split(_fold(title)):
            entry = lexicon.get(w)
            if entry is not None and entry.role != "generic" and w not in _TITLE_STOP:
                words.add(w)
    return words


@dataclass(frozen=True)
class Candidate:
    id: int
    given: str | None
    country: str | None
    titles: frozenset[str]
    n_articles: int


def compatible(given: str | None, country: str | None, titles: set[str], cand: Candidate) -> bool:
    if given and cand.given and not (given == cand.given or _initial_match(given, cand.given)):
        return False
    if country and cand.country and country != cand.country:
        return False
    if titles and cand.titles and not (titles & cand.titles):
        return False
    return True


def _initial_match(a: str, b: str) -> bool:
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def choose(given: str | None, country: str | None, titles: set[str], candidates: Sequence[Candidate]) -> Candidate | None:
    """The best compatible candidate: the same given name first, then agreeing
    country and titles, then the most articles; ties go to the oldest."""
    fits = [c for c in candidates if compatible(given, country, titles, c)]
    if not fits:
        return None

    def rank(c: Candidate):
        return (
            bool(given and c.given == given),
            bool(country and c.country == country),
            len(titles & c.titles),
            c.n_articles,
            -c.id,
        )

    return max(fits, key=rank)
