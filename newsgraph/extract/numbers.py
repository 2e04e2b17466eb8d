"""Numbers as written in news, read from text: "123", "112,000", "$1.13bn",
"£600m", "2.5 mln dlrs", "three million", "a dozen", "half a million",
"tens of thousands", "two-thirds of", "more than half", "two-and-a-half
million", "3-4" and "543-21" (two numbers: a range or a tally), with the
qualifier before them ("more than") and the unit around them (currency,
percent, area, length, mass, volume, energy, power, duration, age),
normalised.

``find_quantities(text)`` is one pass of one compiled regex over the text plus
anchored look-ups around each hit; it knows nothing of syntax. ``figures``
decides, with the parse, which quantities are figures and what they count.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..lexicons.quantities import NumberWord, Unit, number_words, qualifiers, units
from .patterns import alternation

__all__ = ["Quantity", "find_quantities", "words_value", "veto_spans"]

_SHORT_SCALES = ("k", "m", "b")  # only glued to digits: "600m", "5k"
_PLURAL_APPROX_QUALIFIER = "at least"
#: "tens of thousands" = at least 20 thousands
_APPROX_BASE = {"tens": 20.0, "hundreds": 200.0, "dozens": 24.0}
#: the second number of "3-4", "543-21" (not "9/11", "1-2-3", "3-4.5.6")
_PAIR = re.compile(r"[-\u2013](\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d/:\-\u2013]|[.,]\d)")
_OF = re.compile(r"\s+of\b", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A number with what is written around it; offsets into the text."""

    start: int  # the figure: qualifier, currency, number, scale, unit
    end: int
    num_start: int  # the number itself
    num_end: int
    value: float
    unit: str | None = None
    unit_kind: str | None = None  # currency | percent | area | length | mass | volume | energy | power | duration | age
    qualifier: str | None = None
    form: str = "digits"  # digits | words | approx | fraction
    scaled: bool = False  # a scale word or symbol was part of it ("million", "bn")
    scale: float = 1.0  # what the scale multiplied by ("million": 1e6)
    factor: float = 1.0  # what the unit multiplied by ("miles": 1.609344 to km)
    #: "3-4", "543-21": the second number (scaled and in the unit as the first);
    #: a range when above ``value``, else a tally or a score (``figures`` decides)
    second: float | None = None


def _alternation(words) -> str:
    """The words as one regex, longest first, factored as a trie (``patterns``)."""
    return alternation(words)


@dataclass(frozen=True)
class _Patterns:
    core: re.Pattern
    scale: re.Pattern
    glued_scale: re.Pattern
    unit_after: re.Pattern
    unit_before: re.Pattern
    qualifier: re.Pattern
    veto: re.Pattern
    after_units: dict[str, Unit]
    before_units: dict[str, Unit]


@functools.lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    nw = number_words()
    count_words = [w for w, n in nw.items() if n.kind in ("unit", "teen", "tens", "hundred", "dozen") or (n.kind == "scale" and len(w) > 3)]
    word = rf"(?:{_alternation(count_words)})\b"
    big = _alternation([w for w, n in nw.items() if n.kind in ("hundred", "dozen") or (n.kind == "scale" and len(w) > 3)])
    fractions = _alternation([w for w, n in nw.items() if n.kind == "fraction"]).replace(r"\-", r"[\s-]")
    approx_plural = _alternation([w for w, n in nw.items() if n.kind == "approx" and w != "scores"])
    long_scales = _alternation([w for w, n in nw.items() if n.kind == "scale" and w not in _SHORT_SCALES])
    scale_words = _alternation([w for w, n in nw.items() if n.kind == "scale" and len(w) > 3])
    # "two-and-a-half-million", "two and a half years"
    and_a_half = rf"(?:[\s-]+and[\s-]+a[\s-]+half\b(?:[\s-]+(?:{scale_words})\b)?)?"
    core = re.compile(
        # every alternative starts a word: one cheap test rejects positions inside words
        r"(?<!\w)(?:"
        # "half of", and "more than half" (a qualifier is then needed: ``_read``), not "half a million", "half an hour"
        rf"(?P<fraction>\b(?:(?:a|one)[\s-]+)?(?:{fractions})(?:(?=\s+of\b)|(?![\w-])(?!\s+an?\b)(?!\s+(?:{long_scales})\b)))"
        rf"|(?P<ratio>\b(?:one|1)\s+in\s+(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{word}))"
        rf"|(?P<approx>\b(?:(?:tens|hundreds|dozens)\s+of\s+(?:thousands|millions|billions)|{approx_plural}|scores(?=\s+of\b))\b)"
        # thousands grouped by commas, or by (thin, no-break) spaces: "5 500 kWh"
        r"|(?P<digits>(?<![\w.,/:\-\u2212])(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,.])|\d+)(?:\.\d+)?(?!\d))"
        rf"|(?P<words>\b(?:(?:half\s+a|a)\s+(?=(?:{big})\b))?{word}(?:(?:\s*-\s*|\s+and\s+|\s+){word})*{and_a_half}))",
        re.IGNORECASE,
    )
    after = {u.form.lower(): u for u in units() if u.position in ("after", "both")}
    before = {u.form.lower(): u for u in units() if u.position in ("before", "both")}
    quals = _alternation(qualifiers())
    veto = re.compile(
        r"(?=[\d+(])"  # every alternative starts so: a cheap test at each position
        r"(?:\+\d[\d ()-]{6,}\d|\(\d{2,5}\)\s?\d[\d -]{4,}\d|\b\d{3}-\d{3}-\d{4}\b|\b0\d{2,4} \d{3,4} ?\d{3,4}\b"  # phone numbers
        r"|\bv?\d+\.\d+\.\d+\b"  # versions
        r"|\b\d{1,2}[:.]\d{2}\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|UTC\b|h\b)|\b\d{1,2}:\d{2}\b"  # clock times
        r"|\b\d{1,2}\s*(?:a\.m\.|p\.m\.|am\b|pm\b)"
        r"|\b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\b"  # numeric dates
        r"|\b\d{3,4}\s*(?:GMT|UTC|CET|EST)\b)",
        re.IGNORECASE,
    )
    return _Patterns(
        core=core,
        scale=re.compile(rf"\s*-?\s*(?P<s>{long_scales})\b", re.IGNORECASE),
        glued_scale=re.compile(r"(?P<s>k|m|b)(?![\w])", re.IGNORECASE),
        unit_after=re.compile(rf"(?:\s*|-)(?P<u>{_alternation(after)})(?![\w])", re.IGNORECASE),
        unit_before=re.compile(rf"(?<![\w])(?P<u>{_alternation(before)})\s?$", re.IGNORECASE),
        qualifier=re.compile(rf"(?<![\w])(?P<q>{quals})\s+$", re.IGNORECASE),
        veto=veto,
        after_units=after,
        before_units=before,
    )


def veto_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges that hold numbers which are never figures: phone
    numbers, versions, clock times, numeric dates."""
    return [m.span() for m in _patterns().veto.finditer(text)]


def words_value(phrase: str) -> tuple[float, int] | None:
    """Value of a number written in words and how many words it used:
    "three million" -> (3e6, 2); "one hundred and twenty" -> (120, 4);
    "twenty-five" -> (25, 2); "two-and-a-half-million" -> (2.5e6, 5). Stops
    before the first word that cannot continue the number ("two three" reads
    "two")."""
    nw = number_words()
    parts = [p for p in re.split(r"[\s-]+", phrase.lower()) if p]
    total, current, last, used, skip = 0.0, 0.0, None, 0, 0
    for n, part in enumerate(parts):
        if skip:
            skip -= 1
            continue
        if part in ("a", "half") and n == 0:
            continue
        if part == "a" and parts[0] == "half":
            continue
        if part == "and" and parts[n + 1 : n + 3] == ["a", "half"] and last in ("unit", "teen", "tens"):
            current += 0.5  # "two and a half", "two-and-a-half-million"
            last, used, skip = "half", n + 3, 2
            continue
        if last == "half" and nw.get(part, NumberWord("", 0, "")).kind != "scale":
            break
        if part == "and":
            if last not in ("hundred", "scale") or n + 1 >= len(parts) or parts[n + 1] not in nw:
                break
            continue
        info: NumberWord | None = nw.get(part)
        if info is None:
            break
        if info.kind in ("unit", "teen"):
            if last in ("unit", "teen") or (last == "tens" and info.kind == "teen") or (last == "tens" and current % 10):
                break
            current += info.value
        elif info.kind == "tens":
            if last in ("unit", "teen", "tens"):
                break
            current += info.value
        elif info.kind == "hundred":
            if last == "hundred" or (used == 0 and parts[0] not in ("a", "one")):
                break
            current = (current or 1) * 100
        elif info.kind == "dozen":
            current = (current or 1) * 12
        elif info.kind == "scale":
            if used == 0 and parts[0] not in ("a", "half"):
                return None  # "its first million customers", "per thousand"
            total += (current or 1) * info.value
            current = 0
        else:
            break
        last, used = info.kind, n + 1
    if used == 0:
        return None
    value = total + current
    if parts[0] == "half":
        value /= 2
    return value, used


def _plain(value: float) -> float | int:
    value = float(f"{value:.6g}") if abs(value) < 1e15 else value
    return int(value) if float(value).is_integer() else value


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` with its scale, unit, currency and qualifier,
    in text order. Numbers inside phone numbers, versions, clock times and
    numeric dates, and numbers glued to letters ("1st", "5G", "1990s"), are left
    out; years and identifiers need the syntax and are left to ``figures``."""
    p = _patterns()
    vetoed = veto_spans(text)
    out: list[Quantity] = []
    pos = 0
    while True:
        m = p.core.search(text, pos)
        if m is None:
            return out
        pos = m.end()
        if any(a <= m.start() < b for a, b in vetoed):
            continue
        q = _read(text, m, p)
        if q is not None:
            out.append(q)
            pos = max(pos, q.end)


def _read(text: str, m: re.Match, p: _Patterns) -> Quantity | None:
    form = m.lastgroup or "digits"
    num_start, end = m.start(), m.end()
    scaled, scale, second = False, 1.0, None
    qualifier = None
    if form == "digits":
        value = float(re.sub(r"[,\s\u00a0\u202f\u2009]", "", m.group()))
        pair = _PAIR.match(text, end)
        if pair is not None:  # "3-4 mortars", "voted 543-21"
            second = float(pair.group(1).replace(",", ""))
            if 1800 <= value <= 2100 and (1800 <= second <= 2100 or len(pair.group(1)) == 2):
                return None  # years: "2014-2022", "1990-91"
            end = pair.end()
        g = p.glued_scale.match(text, end)
        s = p.scale.match(text, end) if g is None else None
        if g is not None or s is not None:
            mm = g or s
            scale = number_words()[mm.group("s").lower()].value
            end, scaled = mm.end(), True
    elif form == "words":
        parsed = words_value(m.group())
        if parsed is None:
            return None
        value, used = parsed
        # keep only the words the value used ("two three" -> "two")
        words = list(re.finditer(r"[^\s-]+", m.group()))[:used]
        end = num_start + words[-1].end()
        scales = [number_words()[w.group().lower()].value for w in words if number_words().get(w.group().lower(), NumberWord("", 0, "")).kind == "scale"]
        scaled, scale = bool(scales), (scales[-1] if scales else 1.0)
    elif form == "approx":
        parts = m.group().lower().split()
        value = _APPROX_BASE.get(parts[0], 0.0) or number_words()[parts[0]].value
        if len(parts) > 1:  # "tens of thousands": 20 x 1,000
            value *= number_words()[parts[-1].rstrip("s")].value
        qualifier = _PLURAL_APPROX_QUALIFIER
    elif form == "ratio":  # "one in five": 20 percent
        last_word = m.group().split()[-1]
        digits = last_word.replace(",", "")
        parsed = (float(digits), 1) if digits.isdigit() else words_value(last_word)
        if not parsed or not parsed[0]:
            return None
        value = 100 / parsed[0]
    else:  # fraction of something, as a percentage
        key = re.sub(r"^(?:a|one)[\s-]+", "", m.group().lower())
        key = re.sub(r"\s+", "-", key)
        value = number_words()[key].value * 100
    value *= scale if form == "digits" else 1.0
    second = None if second is None else second * scale
    num_end = end
    if form == "digits" and len(m.group()) >= 9 and m.group().isdigit():
        return None  # an identifier: a tweet, an account or a case number
    if form == "digits" and re.match(r"[/:\-\u2013]\d", text[end : end + 2]):
        return None  # "9/11", "24/7", "3:1", "1-2-3"
    if form == "digits" and end < len(text) and (text[end].isalpha() and p.unit_after.match(text, end) is None):
        return None  # "1st", "5G", "1990s", "3D"
    unit = unit_kind = None
    factor = 1.0
    start = num_start
    if form in ("digits", "words") and re.match(r"-[A-Za-z]", text[end : end + 2]) and p.unit_after.match(text, end) is None:
        joined = number_words().get(re.match(r"-([A-Za-z]+)", text[end:]).group(1).lower())
        if joined is None or joined.kind not in ("unit", "teen", "tens", "hundred", "scale"):
            return None
    if form in ("fraction", "ratio"):
        unit, unit_kind = "percent", "percent"
    else:
        u = p.unit_after.match(text, end)
        if u is not None and p.after_units[u.group("u").lower()].kind == "duration" and (
            re.match(r"-[A-Za-z]", text[u.end() : u.end() + 2]) or p.unit_before.search(text, max(0, num_start - 6), num_start)
        ):
            u = None  # "$639m year-earlier", "year-on-year": not a duration
        if u is not None:
            info = p.after_units[u.group("u").lower()]
            if info.form.lower() == "pounds" and re.match(r"\s+of\b", text[u.end() :]):
                info = Unit("pounds", "kg", 0.45359237, "mass", "after")
            unit, unit_kind, end = info.unit, info.kind, u.end()
            value *= info.factor
            second = None if second is None else second * info.factor
            factor = info.factor
        b = p.unit_before.search(text, max(0, num_start - 6), num_start)
        if b is not None:
            info = p.before_units[b.group("u").lower()]
            if info.kind == "currency" and unit_kind in (None, "currency"):
                unit, unit_kind, start = info.unit, info.kind, b.start()
    qm = p.qualifier.search(text, max(0, start - 25), start)
    if qm is not None:
        qualifier, start = qualifiers()[qm.group("q").lower()], qm.start()
    if form == "fraction" and qualifier is None and _OF.match(text, end) is None:
        return None  # "half" alone is a fraction only after a qualifier: "more than half"
    return Quantity(start, end, num_start, num_end, _plain(value), unit, unit_kind, qualifier, form, scaled, scale, factor,
                    None if second is None else _plain(second))
