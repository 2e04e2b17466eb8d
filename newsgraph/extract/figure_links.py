"""How the figures of a sentence relate: the draft figure both stages share,
units shared by comparison and ranges ("8.1 billion dlrs from 6.5 billion",
"10 to 15 centimetres"), part-whole links ("six out of seven", "71 of 123
drones", "Of 123 drones ... 71 ... 40 more", "14 of them", "including 10
children") and the ``inconsistent-figures`` flag when parts exceed their whole.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..records import Figure, Flag
from .numbers import Quantity

__all__ = ["Draft", "governor", "verb_phrase", "inherit_units", "link_parts", "inconsistencies", "ELLIPSIS", "INCLUDING"]

ELLIPSIS = frozenset({"more", "others", "other", "additional", "further"})


@dataclass
class Draft:
    """A figure being built: the quantity, its tokens, and what is learnt of it."""

    q: Quantity
    start: int
    end: int
    first: Token  # the number's first and last tokens
    last: Token
    begin: Token  # the figure's first token (qualifier, currency)
    unit: str | None
    noun: Token | None = None
    elliptic: bool = False
    category: str | None = None
    measures: str | None = None
    whole: int | None = None  # index into the drafts
    confidence: float = 0.8


def governor(token: Token) -> Token | None:
    """The verb (or predicative adjective) a number or its noun depends on."""
    t = token
    for _ in range(4):
        if t.head is t:
            return t if t.pos_ in ("VERB", "AUX", "ADJ") else None
        t = t.head
        if t.pos_ == "AUX" and t.dep_ not in ("aux", "auxpass"):
            # a copula: "40 villagers are dead" -> dead
            return next((c for c in t.children if c.dep_ == "acomp"), t)
        if t.pos_ == "VERB":
            return t
        if t.pos_ == "ADJ" and t.lower_ not in ELLIPSIS and t.dep_ in ("ROOT", "acomp", "conj", "ccomp"):
            return t
    return None


def verb_phrase(verb: Token) -> str:
    prt = [c for c in verb.children if c.dep_ == "prt"]
    return verb.text + (" " + prt[0].text if prt else "")


# ------------------------------------------------------------------ links

_OF_PRONOUN = re.compile(r"\s+of\s+(?:them|those|whom|these)\b", re.IGNORECASE)
INCLUDING = frozenset({"including", "among"})
_OF_BETWEEN = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|a\s+total\s+of\s+)?$", re.IGNORECASE)


_RANGE_BETWEEN = re.compile(r"\s*(?:to|and|or|-|\u2013)\s*", re.IGNORECASE)


def _between(doc: Doc, a: Draft, b: Draft) -> str:
    return doc[a.last.i + 1 : b.first.i].text if b.first.i > a.last.i else ""


_SAME_UNIT_BEFORE = {"currency": frozenset({"from", "vs", "versus", "to", "and", "or", "against", "with"}), "percent": frozenset({"from", "vs", "versus", "and", "or"})}


def inherit_units(doc: Doc, drafts: list[Draft]) -> None:
    """"8.1 billion dlrs in February from 6.5 billion", "Net 15.5 mln dlrs vs
    12.3 mln": a bare number compared with a money or percent figure of the
    same sentence is in the same unit."""
    for n, d in enumerate(drafts):
        if d.unit is None and d.noun is None and not d.elliptic and n + 1 < len(drafts):
            nxt = drafts[n + 1]  # a range: "10 to 15 centimetres", "between 5 and 8 kWh"
            if nxt.unit is not None and _RANGE_BETWEEN.fullmatch(_between(doc, d, nxt)):
                d.unit = nxt.unit
                continue
        if d.unit is not None or d.noun is not None or d.elliptic or n == 0 or d.begin.i == 0:
            continue
        prev = drafts[n - 1]
        word = doc[d.begin.i - 1].lower_.rstrip(".")
        kind = prev.q.unit_kind
        if kind in _SAME_UNIT_BEFORE and word in _SAME_UNIT_BEFORE[kind] and prev.first.sent.start == d.first.sent.start:
            if kind == "percent" or d.q.scaled == prev.q.scaled:
                d.unit = prev.unit


def link_parts(doc: Doc, text: str, drafts: list[Draft]) -> None:
    """"six out of seven", "71 of 123 drones": the first is a part of the
    second. "Of 123 drones, the military shot 71 ... against 40 more": the
    unitless numbers of the sentence are parts of the whole that opens it.
    "N more" takes the unit (and the whole) of the figure before it."""
    by_sent: dict[int, list[int]] = {}
    for n, d in enumerate(drafts):
        by_sent.setdefault(d.first.sent.start, []).append(n)
    for idx in by_sent.values():
        opener: int | None = None
        for pos, n in enumerate(idx):
            d = drafts[n]
            if pos > 0 and _part_of_previous(doc, text, d, drafts, idx[:pos]):
                continue
            nxt = drafts[idx[pos + 1]] if pos + 1 < len(idx) else None
            if nxt is not None and d.unit is None and _OF_BETWEEN.fullmatch(text[d.q.num_end : nxt.start]) is not None:
                d.whole, d.unit = idx[pos + 1], nxt.unit
                d.measures = d.measures or nxt.measures
                continue
            prev = doc[d.begin.i - 1] if d.begin.i > 0 else None
            if prev is not None and prev.lower_ == "of" and (prev.i == prev.sent.start or doc[prev.i - 1].is_punct and prev.i - 1 == prev.sent.start):
                opener = n
                continue
            if d.elliptic or (d.unit is None and opener is not None):
                before = [drafts[m] for m in idx[:pos] if drafts[m].unit is not None]
                ref_n = opener if opener is not None and d.unit is None and not d.elliptic else (drafts.index(before[-1]) if before else None)
                if ref_n is None:
                    continue
                ref = drafts[ref_n]
                d.unit = d.unit or ref.unit
                if d.noun is None and d.category is None:
                    d.category = ref.category if d.elliptic and ref.category and governor(d.last) is governor(ref.noun or ref.last) else d.category
                if ref_n == opener:
                    d.whole = opener
                elif ref.whole is not None:
                    d.whole = ref.whole
                if d.elliptic and ref.noun is not None:
                    gov = governor(d.last)
                    verb = f" {verb_phrase(gov)}" if gov is not None and gov.pos_ == "VERB" else ""
                    d.measures = f"{ref.noun.text}{verb}"
                elif d.measures is None and ref.measures:
                    d.measures = ref.measures


def _part_of_previous(doc: Doc, text: str, d: Draft, drafts: list[Draft], before: list[int]) -> bool:
    """"60 people were wounded, 14 of them critically"; "killed 27 people,
    including 10 children": a part of the figure before it."""
    whole: int | None = None
    if d.noun is None and _OF_PRONOUN.match(text, d.q.num_end):
        whole = next((m for m in reversed(before) if drafts[m].unit is not None), None)
    else:
        head = (d.noun or d.last).head
        if head.lower_ in INCLUDING and head.i < d.first.i:
            whole = next((m for m in reversed(before) if (drafts[m].noun or drafts[m].last).i == head.head.i), None)
    if whole is None:
        return False
    ref = drafts[whole]
    d.whole, d.unit = whole, d.unit or ref.unit
    d.category = d.category or ref.category
    return True


def inconsistencies(drafts: list[Draft], figures: list[Figure]) -> list[Flag]:
    flags = []
    for w, whole in enumerate(drafts):
        parts = [n for n, d in enumerate(drafts) if d.whole == w and (d.unit == whole.unit or d.unit is None)]
        if not parts:
            continue
        total = sum(drafts[n].q.value for n in parts)
        if total > whole.q.value:
            start = min([whole.start] + [drafts[n].start for n in parts])
            end = max([whole.end] + [drafts[n].end for n in parts])
            detail = f"parts {' + '.join(str(figures[n].value) for n in parts)} exceed the whole {figures[w].value} ({figures[w].id})"
            flags.append(Flag("inconsistent-figures", (start, end), detail))
    return flags
