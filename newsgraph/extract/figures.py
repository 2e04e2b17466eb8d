"""Figures: the numbers of the news, normalised and attached to what they
measure.

    quantities (numbers.py: value, scale, unit, currency, qualifier)
    -> not figures: years, dates, clock times, identifiers ("Article 5"),
       scores ("18-12"), pronoun-like "one" ("one day you will")
    -> a kind (count, money, percent, duration, age, measure): durations
       ("for 8 minutes and 46 seconds", "a three-day visit") and ages ("a
       13-year-old", "aged 62", "Anna Berg, 34,") are figures of their kind
    -> two numbers: a range ("3-4 mortars", "between 30 and 40 people": one
       figure, value = low, with high) or a vote tally ("voted 543-21": two
       counts of votes, since the two numbers count different things)
    -> counted noun ("seven ballistic rockets" -> rocket; "one civilian" ->
       people; "anti-aircraft guns" -> anti-aircraft gun; "brigades and
       battalions" -> brigade and battalion)
    -> category from the casualty words around it (killed, injured, arrested ...)
    -> what it measures, from the sentence ("drones shot")
    -> units shared and part-whole links ("six out of seven", "Of 123 drones
       ... shot 71 ... against 40 more") and an ``inconsistent-figures`` flag
       when parts exceed their whole (``figure_links``).

Pure function of the parsed ``Doc`` (and the dates found in it); spans are in
doc coordinates, the pipeline maps them back to the original text.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from typing import Sequence

from spacy.tokens import Doc, Token

from .doc_cache import doc_text
from ..lexicons import countries
from ..lexicons.quantities import (
    SharedUnitWord, age_cues, casualty_words, counted_nouns, duration_seconds, figure_kind, identifier_words, populated_places,
    shared_unit_words, units, vote_words,
)
from ..records import DateRef, Figure, Flag
from .figure_links import (
    ELLIPSIS, INCLUDING, Draft, governor, inconsistencies, inherit_units, link_parts, merge_durations, merge_ranges, verb_phrase,
)
from .numbers import Quantity, find_quantities

__all__ = ["extract_figures"]

_TEMPORAL_PREPS = frozenset({"in", "since", "before", "after", "by", "until", "till", "from", "to", "through", "during", "of", "between", "and", "early", "late", "mid", "around", "circa", "year", "summer", "winter", "spring", "autumn", "fall"})
#: nouns of time that a number does not count as a figure: "three times", "two terms"
_NOT_DURATIONS = frozenset({"weekend", "morning", "evening", "time", "term"})
_DETERMINERS = frozenset({"the", "these", "those", "its", "their", "his", "her", "our", "my", "your", "both", "all", "each", "every", "any", "no", "this", "that"})
_ORDINAL_BEFORE = frozenset({"the", "first", "second", "third", "fourth", "last", "final", "latest", "this", "that", "previous", "each", "every", "next"})
_NO_SHARING = SharedUnitWord("", "", frozenset())
_OBJECT_DEPS = frozenset({"dobj", "pobj", "nsubjpass", "attr", "oprd", "appos", "conj", "npadvmod", "nummod"})

def extract_figures(doc: Doc, dates: Sequence[DateRef] = (), text: str | None = None) -> tuple[list[Figure], list[Flag]]:
    """Figures in ``doc`` in text order (ids ``f1``...), and an
    ``inconsistent-figures`` flag for each whole its parts exceed. ``text`` is
    ``doc.text`` when the caller has it (spaCy rebuilds it on each access)."""
    text = doc_text(doc) if text is None else text
    date_spans = [d.span for d in dates]
    drafts: list[Draft] = []
    for q in find_quantities(text):
        if q.unit_kind in (None, "duration", "age") and any(s < q.num_end and q.num_start < e for s, e in date_spans):
            continue  # a date: "in 2014", "two years ago"
        if q.second is not None:
            drafts.extend(_two_numbers(doc, q))
            continue
        draft = _draft(doc, q)
        if draft is not None:
            drafts.append(draft)
    drafts = merge_durations(text, merge_ranges(text, drafts))
    inherit_units(doc, drafts)
    link_parts(doc, text, drafts)
    figures = [_to_figure(text, n, d) for n, d in enumerate(drafts)]
    return figures, inconsistencies(drafts, figures)


# ------------------------------------------------------------------ one figure

def _two_numbers(doc: Doc, q: Quantity) -> list[Draft]:
    """"3-4 mortars", "3-4 million dollars": a range, when the second is above
    the first and something is counted. "voted 543-21": two counts of votes
    (for and against: not one quantity between two ends). Else a score."""
    if q.second > q.value:
        d = _draft(doc, q)
        if d is None or (d.unit is None and d.noun is None):
            return []  # "a 1-2 draw"
        d.high = q.second
        return [d]
    span = doc.char_span(q.num_start, q.num_end, alignment_mode="expand")
    if span is None or not any(t.lemma_.lower() in vote_words() for t in span[0].sent):
        return []  # a score: "won 18-12"
    written = doc_text(doc)[q.num_start : q.num_end]
    cut = q.num_start + next(i for i, c in enumerate(written) if c in "-\u2013" and i > 0)
    drafts = []
    for start, end, value in ((q.start, cut, q.value), (cut + 1, q.end, q.second)):
        part = dataclasses.replace(q, start=start, end=end, num_start=start if start > q.start else q.num_start, num_end=end, value=value, second=None)
        toks = doc.char_span(part.num_start, part.num_end, alignment_mode="expand")
        d = Draft(part, part.start, part.end, toks[0], toks[-1], toks[0], "vote", confidence=0.8)
        d.measures = _measures(doc, d)
        drafts.append(d)
    return drafts


def _age(doc: Doc, q: Quantity, first: Token, last: Token, noun: Token | None) -> bool:
    """"aged 62", "ages 7 and 9", "Rafael Gomez, 27, of Queens": an age in years."""
    if q.form != "digits" and q.form != "words" or q.qualifier is not None and noun is not None:
        return False
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is None:
        return False
    if prev.lower_ in age_cues():
        return True
    if prev.lower_ in ("and", "or", "to") and first.i > 2 and doc[first.i - 2].like_num and doc[first.i - 3].lower_ in age_cues():
        return True
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return (
        noun is None and q.qualifier is None and prev.text == "," and first.i > 1 and doc[first.i - 2].ent_type_ == "PERSON"
        and nxt is not None and nxt.text == "," and q.value < 120
    )


def _draft(doc: Doc, q: Quantity) -> Draft | None:
    span = doc.char_span(q.num_start, q.num_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    first, last = span[0], span[-1]
    begin = doc.char_span(q.start, q.num_end, alignment_mode="expand")[0]
    d = Draft(q, q.start, q.end, first, last, begin, q.unit)
    if q.form == "fraction" and first.i > 0 and doc[first.i - 1].lower_ in _ORDINAL_BEFORE:
        return None  # "the first quarter of 2024", "the second half of the year"
    if q.unit is None:
        noun, noun_end, elliptic = _counted_noun(doc, last)
        if noun is not None and noun.lemma_.lower() in _NOT_DURATIONS:
            return None  # "three times", "two terms"
        if noun is not None and noun.lemma_.lower() in duration_seconds():
            if _not_a_duration(doc, q, first):
                return None
            # "five more years", "three long days": the duration is the noun's
            d.unit, d.end, d.kind, d.confidence = noun.lemma_.lower(), max(d.end, noun_end), "duration", 0.85
            d.measures = _measures(doc, d)
            return d
        if _age(doc, q, first, last, noun):
            d.unit, d.kind, d.confidence = "year", "age", 0.85
            d.measures = _measures(doc, d)
            return d
        if _not_a_figure(doc, q, first, last, noun):
            return None
        if noun is not None:
            d.noun, d.unit, d.end = noun, _unit_of(doc, last, noun), max(d.end, noun_end)
        elif elliptic:
            d.elliptic, d.end = True, doc[last.i + 1].idx + len(doc[last.i + 1])
        elif (place := _population_of(last)) is not None:
            d.unit, d.measures = "people", f"population of the {place.text}"
        d.confidence = 0.85 if noun is not None else 0.6
        d.category = _category(doc, d)
        if d.unit is None and d.category is not None:
            d.unit = "people"  # "killed two people and wounded 11": casualties are people
    elif q.unit_kind in ("duration", "age") and _not_a_duration(doc, q, first):
        return None
    else:
        d.confidence = 0.95 if q.unit_kind not in ("duration", "age") else 0.9
    d.measures = d.measures or _measures(doc, d)
    return d


def _not_a_duration(doc: Doc, q: Quantity, first: Token) -> bool:
    """"One day you will see", "Russian one day": "one" + a time word is an
    idiom unless a preposition or an adverb leads it ("for one day"); "2022
    second-quarter" is a year."""
    prev = doc[first.i - 1] if first.i > 0 else None
    if q.form == "words" and first.lower_ == "one" and (prev is None or prev.pos_ not in ("ADP", "ADV", "SCONJ")):
        return True
    return q.form == "digits" and not q.scaled and 1800 <= q.value <= 2100 and "," not in first.text


def _population_of(last: Token) -> Token | None:
    """"the city with three million", "a population of 1.2 million": the place."""
    prep = last.head
    if last.dep_ != "pobj" or prep.lower_ not in ("with", "of"):
        return None
    # the parser may hang the "with" on the verb: take the noun right before it too
    for place in (prep.head, prep.doc[prep.i - 1]):
        if place.pos_ == "NOUN" and place.lemma_.lower() in populated_places():
            return place
    return None


def _unit_of(doc: Doc, last: Token, noun: Token) -> str:
    """"civilians" -> people, "Palestinians" -> people, "drones" -> drone,
    "anti-aircraft guns" -> anti-aircraft gun, "fighter jets" -> fighter jet,
    "brigades and battalions" -> brigade and battalion, "soldiers and
    civilians" -> people."""
    heads = [noun] + _coordinated(noun)
    units = [_one_unit(doc, last, h) for h in heads]
    if len(set(units)) == 1:
        return units[0]
    return " and ".join(units) if len(units) == 2 else ", ".join(units[:-1]) + " and " + units[-1]


def _one_unit(doc: Doc, last: Token, noun: Token) -> str:
    lemma = noun.lemma_.lower()
    if lemma in counted_nouns():
        return counted_nouns()[lemma]
    money = _currency_nouns().get(noun.lower_)
    if money is not None:
        return money  # "tens of millions of dollars"
    if noun.pos_ == "PROPN" and countries().is_demonym(noun.text):
        return "people"
    return _modifiers(doc, last, noun) + lemma


def _modifiers(doc: Doc, last: Token, noun: Token) -> str:
    """The nouns and hyphenated words written into a counted noun:
    "anti-aircraft " for "anti-aircraft guns", "fighter " for "fighter jets"
    (not adjectives: "ballistic rockets" counts rockets)."""
    i = noun.i
    while i - 1 > last.i:
        t = doc[i - 1]
        if _hyphenated(doc, t) or (t.dep_ == "compound" and t.pos_ == "NOUN" and t.is_alpha):
            i -= 1
            continue
        break
    return doc[i : noun.i].text.lower() + (" " if i < noun.i and doc[noun.i - 1].whitespace_ else "")


def _hyphenated(doc: Doc, t: Token) -> bool:
    """``t`` is a part of a hyphenated word ("anti", "-", "aircraft")."""
    if t.text == "-":
        return not t.whitespace_
    before = doc[t.i - 1] if t.i > 0 else None
    after = doc[t.i + 1] if t.i + 1 < len(doc) else None
    return (before is not None and before.text == "-" and not before.whitespace_) or (after is not None and after.text == "-" and not t.whitespace_)


def _range_low(doc: Doc, first: Token, last: Token) -> bool:
    """"30" in "between 30 and 40 people", "two to three days", "45 versus 52
    percent": the low end of a range or a number that shares the unit of the
    next, whatever the tagger calls it (a DATE, a reference)."""
    for width in (1, 2):
        if last.i + width + 1 >= len(doc) or not doc[last.i + width + 1].like_num:
            continue
        word = doc[last.i + 1 : last.i + width + 1].text.lower()
        if word in ("to", "or", "-", "\u2013") or shared_unit_words().get(word, _NO_SHARING).direction in ("back", "both"):
            return True
    return False


def _coordinated(noun: Token) -> list[Token]:
    """"brigades and battalions": the nouns coordinated with the counted one
    that the number counts too (not "40 trucks and 7 planes", "a soldier")."""
    out = []
    for c in noun.children:
        if c.dep_ == "conj" and c.pos_ == "NOUN" and c.i > noun.i and not any(g.dep_ in ("nummod", "det", "poss") for g in c.children):
            if c.i - noun.i <= 3 and any(g.dep_ == "cc" for g in noun.children):
                out.append(c)
    return out


@functools.lru_cache(maxsize=1)
def _currency_nouns() -> dict[str, str]:
    """One-word currency names written after a number: "dollars" -> USD."""
    return {u.form.lower(): u.unit for u in units() if u.kind == "currency" and u.position == "after" and " " not in u.form}


def _counted_noun(doc: Doc, last: Token) -> tuple[Token | None, int, bool]:
    """The noun a number counts ("seven ballistic rockets" -> rockets), the end
    of the phrase, and whether the number is elliptic ("four more")."""
    i = last.i + 1
    elliptic = False
    if last.i + 2 < len(doc) and doc[last.i + 1].lower_ == "of" and last.like_num is False:
        # "thousands of customers", "dozens of people": the plural counts the noun after "of"
        obj = next((c for c in doc[last.i + 1].children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)
        if obj is not None and obj.tag_ in ("NNS", "NNPS", "NN") and obj.i <= last.i + 5:
            return obj, obj.idx + len(obj), False
    while i < len(doc) and i <= last.i + 5:
        t = doc[i]
        if (t.lemma_.lower() in _NOT_DURATIONS or t.lemma_.lower() in duration_seconds()) and t.pos_ == "NOUN":
            return t, t.idx + len(t), False  # "a three-day visit": the caller drops durations
        if (t.lemma_.lower() in counted_nouns() or t.lower_ in counted_nouns()) and not (t.dep_ == "compound" and t.head.i > t.i):
            return t, _noun_end(t), False  # "one civilian dead": the tagger may call it an adjective
        if t.text == "-" or (t.pos_ == "ADJ" and t.lower_ not in ELLIPSIS) or (t.dep_ in ("compound", "amod") and t.head.i > t.i):
            i += 1
            continue
        if t.lower_ in ELLIPSIS:
            elliptic = True
            i += 1
            continue
        if t.pos_ in ("NOUN", "PROPN") and not t.is_punct and t.is_alpha:
            if t.pos_ == "PROPN" and t.tag_ != "NNPS" and t.lower_ not in counted_nouns() and not countries().is_demonym(t.text):
                break
            return t, _noun_end(t), False
        break
    return None, 0, elliptic and last.i + 1 < len(doc) and doc[last.i + 1].lower_ in ELLIPSIS


def _noun_end(noun: Token) -> int:
    """Where a counted noun ends: "12 brigades and battalions"."""
    last = ([noun] + _coordinated(noun))[-1]
    return last.idx + len(last)


def _not_a_figure(doc: Doc, q: Quantity, first: Token, last: Token, noun: Token | None) -> bool:
    """Years, dates, clock times, identifiers and pronoun-like numbers."""
    prev = doc[first.i - 1] if first.i > 0 else None
    prev_word = prev.lower_.rstrip(".") if prev is not None else ""
    if q.form == "digits" and not q.scaled and "," not in first.text and "." not in first.text and 1800 <= q.value <= 2100:
        # a year, unless it plainly counts people ("about 2000 troops")
        if noun is None or prev_word in _TEMPORAL_PREPS or (q.qualifier is None and noun.lemma_.lower() not in counted_nouns()):
            return True
    low = _range_low(doc, first, last)
    if not q.scaled and first.ent_type_ in ("DATE", "TIME") and noun is None and q.qualifier is None and not low:
        return True
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if q.form == "digits" and noun is None and nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title and not countries().is_demonym(nxt.text):
        return True  # an address or a name: "69 Wooster St.", "131 West 23rd Street"
    if prev_word in ("and", "or", "to", "through") and first.i > 2 and doc[first.i - 2].like_num and doc[first.i - 3].lower_.rstrip(".") in identifier_words():
        return True  # "ages 7 and 9", "Articles 5 and 6"
    if prev is not None and prev_word in identifier_words() and (q.form == "digits" or prev_word not in ("no", "v")):
        return True  # "Article 5", "Flight 17"
    if (
        prev is not None and q.form == "digits" and q.unit is None and prev.text[:1].isupper() and prev.pos_ in ("PROPN", "NOUN")
        and not prev.is_sent_start and prev.whitespace_ and not prev.ent_type_ in ("DATE", "TIME", "CARDINAL")
    ):
        return True  # "Boeing 737", "Windows 10", "Radio 2 listeners", "PlayStation 2"
    if q.form == "words" and first.is_title and not first.is_sent_start and not (prev is not None and prev.is_punct):
        return True  # a name: "the Six Nations", "World War Two", "Channel Four"
    if q.form == "words":
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if first.lower_ == "one" and last.i == first.i and (noun is None or q.qualifier is None and (prev_word in _DETERMINERS or prev_word in ("a", "an"))):
            gov = governor(first)
            casualty = noun is None and gov is not None and gov.lemma_.lower() in casualty_words() and prev_word not in _DETERMINERS
            if not casualty and (q.qualifier is None or noun is None and not (nxt is not None and nxt.lower_ in ELLIPSIS)):
                return True  # "one of the", "one day", "no one"; but "killing one and injuring five"
        if q.value < 20 and q.qualifier is None and prev_word in _DETERMINERS and not (first.i > 1 and doc[first.i - 2].lower_ == "of") and not low:
            return True  # "the two countries": a reference, not a count (but "two of the three victims")
        if q.value == 0 and noun is None:
            return True  # "fell to zero"
    return False


def _category(doc: Doc, d: Draft) -> str | None:
    words = casualty_words()
    anchor = d.noun or d.last
    if d.noun is not None and d.noun.lemma_.lower() in words:
        return words[d.noun.lemma_.lower()]  # "50 deaths", "200 refugees"
    nxt = doc[anchor.i + 1] if anchor.i + 1 < len(doc) else None
    if nxt is not None and (nxt.lemma_.lower() in words or nxt.lower_ in words) and (
        nxt.tag_ in ("JJ", "VBN") or (nxt.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in nxt.children))
    ):
        return words.get(nxt.lower_) or words[nxt.lemma_.lower()]  # "12 dead", "30 people injured"
    gov = governor(anchor)
    if gov is None:
        return None
    lemma = gov.lemma_.lower()
    if lemma in words or gov.lower_ in words:
        if anchor.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in gov.children):
            return None  # the killers, not the killed
        return words.get(gov.lower_) or words[lemma]
    for c in gov.children:  # "3.7 million people remain displaced"
        if c.dep_ in ("acomp", "oprd", "xcomp") and (c.lower_ in words or c.lemma_.lower() in words):
            return words.get(c.lower_) or words[c.lemma_.lower()]
    for c in gov.children:  # "the death toll rose to 50", "bringing the death toll to 50"
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and (c.lemma_.lower() in words or any(g.lemma_.lower() in words for g in c.children if g.dep_ == "compound")):
            return words.get(c.lemma_.lower()) or next(words[g.lemma_.lower()] for g in c.children if g.lemma_.lower() in words)
    return None


def _phrase(tokens: Sequence[Token], limit: int = 7) -> str:
    toks = [t for t in tokens if not t.is_punct][:limit]
    while toks and toks[0].pos_ == "DET":
        toks = toks[1:]
    return " ".join(t.text for t in toks)


def _measures(doc: Doc, d: Draft) -> str | None:
    """What the figure counts, from the sentence: "rockets shot", "civilian
    killed", "share of Ukraine" (for "20 percent of Ukraine"), "sum" (for "The sum was
    estimated at 65 billion US dollars")."""
    anchor = d.noun or d.last
    gov = governor(anchor)
    if d.q.unit_kind is not None:
        whole = _of_what(doc, d)
        if whole is not None:
            share = {"percent": "share of ", "area": "area of "}.get(d.q.unit_kind, "")
            return share + _phrase(list(whole.subtree))
    if d.noun is not None:
        words = re.sub(r"^(?:of\s+)?(?:the\s+)?", "", doc_text(doc)[d.last.idx + len(d.last) : d.end].strip().lstrip("- "))
        if gov is not None and gov.pos_ == "VERB" and gov.lower_ not in INCLUDING and anchor.dep_ in _OBJECT_DEPS | {"nsubjpass"}:
            return f"{words} {verb_phrase(gov)}"
        return words
    if gov is not None and gov.pos_ in ("VERB", "AUX"):
        subj = next((c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != anchor.i), None)
        if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            return _phrase(list(subj.subtree))
    return None


def _of_what(doc: Doc, d: Draft) -> Token | None:
    """The whole a share or an area is of: "20 percent of Ukraine", and "... or
    more than 112,000 square kilometers" joined to it."""
    end_tok = doc.char_span(d.start, d.end, alignment_mode="expand")
    after = end_tok.end if end_tok is not None else d.last.i + 1
    if after + 1 < len(doc) and doc[after].lower_ == "of":
        return next((c for c in doc[after].children if c.dep_ == "pobj"), None)
    t = d.last.head if d.last.dep_ in ("nummod", "quantmod", "compound") else d.last
    if t.dep_ == "conj":
        of = next((c for c in t.head.children if c.lower_ == "of"), None)
        if of is not None:
            return next((c for c in of.children if c.dep_ == "pobj"), None)
    return None


def _to_figure(text: str, n: int, d: Draft) -> Figure:
    return Figure(
        id=f"f{n + 1}",
        span=(d.start, d.end),
        text=text[d.start : d.end],
        value=d.q.value,
        unit=d.unit,
        qualifier=d.q.qualifier,
        measures=d.measures,
        category=d.category,
        confidence=d.confidence,
        whole=None if d.whole is None else f"f{d.whole + 1}",
        kind=d.kind or figure_kind(d.unit, d.q.unit_kind if d.unit == d.q.unit else None),
        low=None if d.high is None else d.q.value,
        high=d.high,
    )
