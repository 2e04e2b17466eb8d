"""Dates: every temporal expression with an ISO value and a granularity,
resolved against the article's publication date.

    absolute   "2025-02-12", "12 February 2025", "February 12, 2025",
               "February 2022", "in 2014", "since 2014"
    relative   "on Wednesday", "last Friday", "yesterday", "later this week",
               "last year", "three days ago", "in March"

Values: ``2025-02-12`` (day), ``2025-W07`` (week, ISO), ``2025-02`` (month),
``2025`` (year). Absolute dates resolve without a publication date; relative
ones then keep ``value=None``. A bare weekday or month is read in the
direction of its verb's tense: "said on Wednesday" is the last Wednesday on or
before publication, "will meet on Friday" the next Friday; with no tense, the
one in the week (or year) of publication.

``date_for_span`` gives later stages (events, quotes) the date that goes with
a span. Pure functions; spans in doc coordinates.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import Sequence

from spacy.tokens import Doc, Token

from .doc_cache import doc_text
from ..records import DateRef
from ..lexicons.quantities import number_words
from .numbers import words_value
from .patterns import alternation

__all__ = ["extract_dates", "date_for_span", "parse_published"]

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
_YEAR_PREPS = "in|since|before|after|by|until|till|from|to|through|during|of|early|late|mid-|between|and|spring|summer|autumn|fall|winter|year"
_MONTH_PREPS = "in|since|last|next|early|late|mid-|until|till|by|from|through|during|of|this|before|after"


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    month = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
    day = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    return re.compile(
        r"(?P<iso>\b(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})\b)"
        rf"|(?P<dmy>\b(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm>{month})\.?(?:,?\s+(?P<dy>\d{{4}}))?\b)"
        rf"|(?P<mdy>\b(?P<mm>{month})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<my>\d{{4}}))?\b)"
        rf"|(?P<monthyear>\b(?P<mym>{month})\.?,?\s+(?P<myy>\d{{4}})\b)"
        rf"|(?P<weekday>\b(?:(?P<wmod>(?i:last|next|this|past|coming))\s+)?(?P<wd>{day})(?:\s+(?i:morning|afternoon|evening|night))?\b)"
        r"|(?P<relday>\b(?i:today|yesterday|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))\b)"
        r"|(?P<period>\b(?:(?i:later|earlier)\s+)?(?:(?i:the\s+(?:beginning|start|end|middle)\s+of)\s+)?"
        r"(?P<pmod>(?i:this|last|next|past|coming))\s+(?P<unit>(?i:week|weekend|month|year))\b)"
        r"|(?P<ago>(?<![\w-])(?P<an>\d+|(?i:[a-z]+(?:-[a-z]+)?))\s+(?P<au>(?i:day|week|month|year))s?\s+(?i:ago)\b)"
        rf"|(?:\b(?i:{_MONTH_PREPS})\s*(?P<month>{month})\b(?!\s+\d))"
        rf"|(?:\b(?i:{_YEAR_PREPS})\s+(?P<year>1[89]\d\d|20\d\d)\b(?![,.]?\d|\s*(?:%|-|–)))"
    )


@functools.lru_cache(maxsize=1)
def _starts() -> re.Pattern:
    """Where a temporal expression can start: a digit or one of its first words."""
    words = set(_MONTHS) | set(_WEEKDAYS) | {"a", "an"}
    words |= {w for w, n in number_words().items() if n.kind in ("unit", "teen", "tens")}
    words |= {"today", "yesterday", "tomorrow", "tonight", "last", "this", "next", "past", "coming", "later", "earlier", "the", "mid"}
    words |= set(_YEAR_PREPS.replace("-", "").split("|")) | set(_MONTH_PREPS.replace("-", "").split("|"))
    return re.compile(rf"(?<!\w)(?:\d|(?:{alternation(words)})\b)", re.IGNORECASE)


def parse_published(published: str | None) -> dt.date | None:
    """The publication date of an ISO date or datetime string, or None."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def extract_dates(doc: Doc, published: str | None = None, text: str | None = None) -> list[DateRef]:
    """Temporal expressions in ``doc`` in text order, resolved against
    ``published``. ``text`` is ``doc.text`` when the caller has it (spaCy
    rebuilds it on each access)."""
    pub = parse_published(published)
    text = doc_text(doc) if text is None else text
    pattern = _pattern()
    out: list[DateRef] = []
    covered = 0
    # try the full pattern only where an expression can start (a digit, a month
    # or weekday name, a trigger word): far cheaper than at every position
    for start in _starts().finditer(text):
        if start.start() < covered:
            continue
        m = pattern.match(text, start.start())
        if m is None:
            continue
        covered = m.end()
        found = _resolve(doc, m, pub)
        if found is not None:
            (start, end), value, granularity = found
            out.append(DateRef((start, end), text[start:end], value, granularity))
    taken = [d.span for d in out]
    for ent in doc.ents:  # bare years the NER reads as dates: "2024 was the year ..."
        if ent.label_ == "DATE":
            for t in ent:
                if t.like_num and len(t.text) == 4 and t.text.isdigit() and 1900 <= int(t.text) <= 2099:
                    span = (t.idx, t.idx + 4)
                    if not any(s < span[1] and span[0] < e for s, e in taken) and not _counts_something(t):
                        out.append(DateRef(span, t.text, t.text, "year"))
    return sorted(out, key=lambda d: d.span)


def _counts_something(t: Token) -> bool:
    nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
    return nxt is not None and nxt.tag_ == "NNS"


def _tense(doc: Doc, start: int) -> int:
    """-1 past, +1 future, 0 unknown, from the verb governing the token at ``start``."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return 0
    t = span[0]
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.head is t:
            break
        t = t.head
    if t.pos_ not in ("VERB", "AUX"):
        return 0
    kids = list(t.children)
    if any(c.lower_ in ("will", "shall", "'ll", "wo") for c in kids) or (t.tag_ == "VB" and any(c.lower_ == "to" for c in kids)):
        return 1
    if t.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" and c.dep_ in ("aux", "auxpass") for c in kids):
        return -1
    return 0


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(d: dt.date, months: int) -> dt.date:
    total = d.year * 12 + d.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def _day(y: int, mo: int, d: int) -> str | None:
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def _resolve(doc: Doc, m: re.Match, pub: dt.date | None):
    kind = m.lastgroup  # the outermost named group of the alternative that matched
    g = m.group
    if kind == "iso":
        value = _day(int(g("iy")), int(g("im")), int(g("id")))
        return (m.span(), value, "day") if value else None
    if kind in ("dmy", "mdy"):
        day, mon, year = (g("dd"), g("dm"), g("dy")) if kind == "dmy" else (g("md"), g("mm"), g("my"))
        mo, d = _MONTHS[mon.lower().rstrip(".")], int(day)
        if year is None:
            if pub is None:
                return m.span(), None, "day"
            y = _year_for(pub, (mo, d), (pub.month, pub.day), _tense(doc, m.start()))
            return m.span(), _day(y, mo, d), "day"
        value = _day(int(year), mo, d)
        return (m.span(), value, "day") if value else None
    if kind == "monthyear":
        return m.span(), f"{int(g('myy')):04d}-{_MONTHS[g('mym').lower()]:02d}", "month"
    if kind == "month":
        mo = _MONTHS[g("month").lower()]
        span = m.span("month")
        if pub is None:
            return span, None, "month"
        y = _year_for(pub, (mo,), (pub.month,), _tense(doc, m.start()))
        return span, f"{y:04d}-{mo:02d}", "month"
    if kind == "year":
        return m.span("year"), g("year"), "year"
    if pub is None:
        granularity = {"weekday": "day", "relday": "day", "ago": (g("au") or "day").lower()}.get(kind) or _period_granularity(g("unit"))
        return m.span(), None, granularity
    if kind == "weekday":
        target, mod = _WEEKDAYS[g("wd").lower()], (g("wmod") or "").lower()
        delta = (target - pub.weekday()) % 7  # days forward to the next such day (0 = today)
        if mod in ("last", "past"):
            day = pub - dt.timedelta(days=(7 - delta) if delta else 7)
        elif mod in ("next", "coming"):
            day = pub + dt.timedelta(days=delta or 7)
        elif mod == "this":
            day = pub + dt.timedelta(days=target - pub.weekday())
        else:
            tense = _tense(doc, m.start())
            if tense < 0:
                day = pub - dt.timedelta(days=(7 - delta) % 7)
            elif tense > 0:
                day = pub + dt.timedelta(days=delta)
            else:
                day = pub + dt.timedelta(days=target - pub.weekday())
        return m.span(), day.isoformat(), "day"
    if kind == "relday":
        if m.group().isupper() or (m.group()[0].isupper() and m.start() > 1 and _after_a_word(doc, m.start())):
            return None  # a name: "USA TODAY", "Russia Today"
        word = m.group().lower()
        offset = {"yesterday": -1, "tomorrow": 1}.get(word, -1 if word.startswith("last") else 0)
        return m.span(), (pub + dt.timedelta(days=offset)).isoformat(), "day"
    if kind == "ago":
        if g("an").isdigit():
            n = int(g("an"))
        else:
            parsed = words_value(g("an")) if g("an").lower() not in ("a", "an") else (1, 1)
            if parsed is None:
                return None
            n = int(parsed[0])
        unit = g("au").lower()
        if unit == "day":
            return m.span(), (pub - dt.timedelta(days=n)).isoformat(), "day"
        if unit == "week":
            return m.span(), _week(pub - dt.timedelta(weeks=n)), "week"
        if unit == "month":
            return m.span(), _add_months(pub, -n).strftime("%Y-%m"), "month"
        return m.span(), str(pub.year - n), "year"
    # period: this / last / next week, month, year
    step = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[g("pmod").lower()]
    unit = g("unit").lower()
    if unit in ("week", "weekend"):
        return m.span(), _week(pub + dt.timedelta(weeks=step)), "week"
    if unit == "month":
        return m.span(), _add_months(pub, step).strftime("%Y-%m"), "month"
    return m.span(), str(pub.year + step), "year"


def _after_a_word(doc: Doc, start: int) -> bool:
    """Whether the token before the one at ``start`` is a word on the same line."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span[0].i == 0:
        return False
    prev = doc[span[0].i - 1]
    return prev.is_alpha and "\n" not in prev.whitespace_ and not span[0].is_sent_start


def _period_granularity(unit: str | None) -> str:
    unit = (unit or "day").lower()
    return "week" if unit == "weekend" else unit


def _year_for(pub: dt.date, when: tuple[int, ...], now: tuple[int, ...], tense: int) -> int:
    """The year of a month (or month and day) written without one."""
    if tense < 0 and when > now:
        return pub.year - 1
    if tense > 0 and when < now:
        return pub.year + 1
    return pub.year


def date_for_span(dates: Sequence[DateRef], start: int, end: int, within: tuple[int, int] | None = None) -> DateRef | None:
    """The resolved date that goes with ``[start, end)``: among the dates with a
    value inside ``within`` (e.g. the sentence; default: anywhere), the one
    nearest to the span, preferring day over coarser granularity on ties."""
    lo, hi = within if within is not None else (float("-inf"), float("inf"))
    best, best_key = None, None
    for d in dates:
        if d.value is None or not (lo <= d.span[0] and d.span[1] <= hi):
            continue
        distance = max(0, d.span[0] - end, start - d.span[1])
        k = (distance, 0 if d.granularity == "day" else 1)
        if best_key is None or k < best_key:
            best, best_key = d, k
    return best
