"""How the figures of a sentence relate: the draft figure both stages share,
ranges as one figure ("between 30 and 40 people", "10 to 15 centimetres",
"between 5 and 10 million dollars"), durations of several units as one ("8
minutes and 46 seconds"), units shared by coordination and comparison ("8.1
billion dlrs from 6.5 billion", "3.39 billion against 2.74 billion dlrs"),
part-whole links ("six out of seven", "71 of 123
drones", "Of 123 drones ... 71 ... 40 more", "14 of them", "including 10
children") and the ``inconsistent-figures`` flag when parts exceed their whole.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..lexicons.quantities import change_verbs, duration_seconds, shared_unit_words
from ..records import Figure, Flag
from .numbers import Quantity

__all__ = ["Draft", "governor", "verb_phrase", "merge_ranges", "merge_durations", "inherit_units", "link_parts", "inconsistencies",
           "ELLIPSIS", "INCLUDING"]

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
    kind: str | None = None  # set when the quantity's unit does not say it (an age from "aged 62")
    high: float | None = None  # a range's upper end; ``q.value`` is then its lower end


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
_RANGE = re.compile(r"\s*(?:to|or|-|\u2013)\s*", re.IGNORECASE)
_BETWEEN_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(between)\s+$", re.IGNORECASE)
_FROM = re.compile(r"(?<!ranging )(?<!range )\bfrom\s+$", re.IGNORECASE)  # "rose from 10 to 15", not "ranging from 15 to 37"
_DURATION_AND = re.compile(r"\s*(?:,|and|,\s*and)?\s*", re.IGNORECASE)


def _between(doc: Doc, a: Draft, b: Draft) -> str:
    return doc[a.last.i + 1 : b.first.i].text if b.first.i > a.last.i else ""


def _same_sentence(a: Draft, b: Draft) -> bool:
    return a.first.sent.start == b.first.sent.start


def merge_ranges(text: str, drafts: list[Draft]) -> list[Draft]:
    """"between 30 and 40 people", "10 to 15 centimetres", "two or three
    days", "between 5 and 10 million dollars": one figure whose value is the
    low end, with ``high``; the low end takes the unit and the scale of the
    high end when it has none. "from 10 to 15" is a change, not a range
    (but "ranging from 15 to 37 years" is one)."""
    out: list[Draft] = []
    n = 0
    while n < len(drafts):
        d = drafts[n]
        nxt = drafts[n + 1] if n + 1 < len(drafts) else None
        merged = _range(text, d, nxt) if nxt is not None else None
        out.append(merged or d)
        n += 2 if merged is not None else 1
    return out


def _range(text: str, low: Draft, high: Draft) -> Draft | None:
    if low.noun is not None or low.elliptic or low.high is not None or high.high is not None or not _same_sentence(low, high):
        return None
    if low.unit is not None and low.unit != high.unit:
        return None
    gap = text[low.end : high.start]
    before = text[max(0, low.start - 16) : low.start]
    between = _BETWEEN.search(before)
    if between is not None:
        if _BETWEEN_AND.fullmatch(gap) is None:
            return None
    elif _RANGE.fullmatch(gap) is None or _FROM.search(before) or (high.unit is None and high.noun is None):
        return None
    elif gap.strip().lower() == "to" and (gov := governor(low.last)) is not None and gov.lemma_.lower() in change_verbs():
        return None  # "lost more than $2 to $43.25": a change and a level
    value = low.q.value
    if high.q.scaled and not low.q.scaled:
        value *= high.q.scale  # "between 5 and 10 million dollars"
    if low.unit is None:
        value *= high.q.factor  # "10 to 15 miles"
    if not value < high.q.value:
        return None
    start = low.start - (len(before) - between.start(1)) if between is not None else low.start
    q = dataclasses.replace(high.q, start=start, num_start=low.q.num_start, value=_plain(value), qualifier=low.q.qualifier or high.q.qualifier)
    return dataclasses.replace(high, q=q, start=start, first=low.first, begin=low.begin, high=high.q.value)


def _plain(value: float) -> float | int:
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value


def merge_durations(text: str, drafts: list[Draft]) -> list[Draft]:
    """"8 minutes and 46 seconds", "two hours, 15 minutes": one duration, in
    its smallest unit."""
    seconds = duration_seconds()
    out: list[Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if (
            prev is not None and prev.q.unit_kind == d.q.unit_kind == "duration" and prev.high is None and d.high is None
            and _same_sentence(prev, d) and _DURATION_AND.fullmatch(text[prev.end : d.start])
            and seconds.get(prev.unit or "", 0) > seconds.get(d.unit or "", 0) > 0
        ):
            value = (prev.q.value * seconds[prev.unit] + d.q.value * seconds[d.unit]) / seconds[d.unit]
            q = dataclasses.replace(d.q, start=prev.start, num_start=prev.q.num_start, value=_plain(value), qualifier=prev.q.qualifier)
            out[-1] = dataclasses.replace(d, q=q, start=prev.start, first=prev.first, begin=prev.begin, measures=prev.measures or d.measures)
            continue
        out.append(d)
    return out


def _sharing_word(doc: Doc, d: Draft, nxt: Draft) -> str:
    """The words between two figures, when short: "against", "compared with"."""
    words = _between(doc, d, nxt).lower().rstrip(".")
    return words if len(words) < 20 else ""


def inherit_units(doc: Doc, drafts: list[Draft]) -> None:
    """"8.1 billion dlrs in February from 6.5 billion", "Net 15.5 mln dlrs vs
    12.3 mln", "revenues of 3.39 billion against 2.74 billion dlrs": a bare
    number compared or coordinated with a money or percent figure of the same
    sentence is in the same unit (``shared_unit_words.tsv`` says which words
    share which way)."""
    words = shared_unit_words()
    for n, d in enumerate(drafts):
        if d.unit is not None or d.noun is not None or d.elliptic:
            continue
        nxt = drafts[n + 1] if n + 1 < len(drafts) else None
        if nxt is not None and nxt.unit is not None and _same_sentence(d, nxt):
            if _RANGE_BETWEEN.fullmatch(_between(doc, d, nxt)):  # "between 5 and 8 kWh", "5 and 8 kWh"
                d.unit = nxt.unit
                continue
            w = words.get(_sharing_word(doc, d, nxt))
            if w is not None and w.direction in ("back", "both") and nxt.q.unit_kind in w.kinds:
                if nxt.q.unit_kind == "percent" or d.q.scaled == nxt.q.scaled:
                    d.unit = nxt.unit
                    continue
        if n == 0 or d.begin.i == 0:
            continue
        prev = drafts[n - 1]
        before = doc[max(prev.last.i + 1, d.begin.i - 2) : d.begin.i].text.lower().rstrip(".")
        w = words.get(before) or words.get(doc[d.begin.i - 1].lower_.rstrip("."))
        kind = prev.q.unit_kind
        if w is not None and w.direction in ("forward", "both") and kind in w.kinds and _same_sentence(prev, d):
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
