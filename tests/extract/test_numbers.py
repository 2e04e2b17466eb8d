"""Reading numbers from text: digits, words, scales, currencies, units,
qualifiers; and what is never a number (phone numbers, versions, clock times).
No model needed: ``find_quantities`` is text only."""
from __future__ import annotations

import pytest

from newsgraph.extract.numbers import find_quantities, words_value
from newsgraph.lexicons.quantities import number_words, qualifiers, units


def one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, [text[q.start : q.end] for q in found]
    q = found[0]
    return text[q.start : q.end], q.value, q.unit, q.qualifier


@pytest.mark.parametrize(
    "text, span, value, unit, qualifier",
    [
        ("The rebels held 123 villages.", "123", 123, None, None),
        ("It employs 112,000 staff.", "112,000", 112000, None, None),
        ("Profit rose to $1.13bn last year.", "$1.13bn", 1_130_000_000, "USD", None),
        ("The loss was £600m in total.", "£600m", 600_000_000, "GBP", None),
        ("A grant of €2.5 million was paid.", "€2.5 million", 2_500_000, "EUR", None),
        ("Exports were 2.5 mln dlrs in March.", "2.5 mln dlrs", 2_500_000, "USD", None),
        ("Aid totalled 65 billion US dollars.", "65 billion US dollars", 65_000_000_000, "USD", None),
        ("It raised US$5 trillion.", "US$5 trillion", 5_000_000_000_000, "USD", None),
        ("The city has three million residents.", "three million", 3_000_000, None, None),
        ("They bought a dozen boats.", "a dozen", 12, None, None),
        ("Half a million people marched.", "Half a million", 500_000, None, None),
        ("It cost one hundred and twenty-five pounds.", "one hundred and twenty-five pounds", 125, "GBP", None),
        ("Tens of thousands fled the town.", "Tens of thousands", 20_000, None, "at least"),
        ("Hundreds of thousands marched.", "Hundreds of thousands", 200_000, None, "at least"),
        ("Dozens were hurt.", "Dozens", 24, None, "at least"),
        ("Half of the budget went to roads.", "Half", 50, "percent", None),
        ("Two-thirds of voters agreed.", "Two-thirds", 66.6667, "percent", None),
        ("One in five adults smokes.", "One in five", 20, "percent", None),
        ("About 1 in 6,500 children has it.", "About 1 in 6,500", 0.0153846, "percent", "approximately"),
        ("The plant made 1 500 000 tonnes.", "1 500 000 tonnes", 1_500_000, "tonne", None),
        ("It was less than one-third of the claim.", "less than one-third", 33.3333, "percent", "less than"),
        ("It holds almost 20 percent of the land.", "almost 20 percent", 20, "percent", "almost"),
        ("Turnout was 20% this time.", "20%", 20, "percent", None),
        ("Turnout was five percent this time.", "five percent", 5, "percent", None),
        ("A $1.2-billion loan was agreed.", "$1.2-billion", 1_200_000_000, "USD", None),
        ("Rates rose 0.25 percentage points.", "0.25 percentage points", 0.25, "percentage point", None),
        ("Troops hold more than 112,000 square kilometers.", "more than 112,000 square kilometers", 112000, "km2", "more than"),
        ("The lake covers around 450 square miles.", "around 450 square miles", 1165.49, "km2", "approximately"),
        ("The convoy drove 10 miles.", "10 miles", 16.0934, "km", None),
        ("A 10-km stretch was closed.", "10-km", 10, "km", None),
        ("They seized 5 pounds of cocaine.", "5 pounds", 2.26796, "kg", None),
        ("Output reached 3.5 million barrels per day.", "3.5 million barrels per day", 3_500_000, "barrel/day", None),
        ("Shares fell to 145 pence.", "145 pence", 1.45, "GBP", None),
        ("Up to 40 ships sailed.", "Up to 40", 40, None, "up to"),
        ("At least 12 people died.", "At least 12", 12, None, "at least"),
        ("Fewer than 30 stayed.", "Fewer than 30", 30, None, "less than"),
        ("Nearly 70% agreed.", "Nearly 70%", 70, "percent", "almost"),
        ("Schroeder began a three-day visit.", "three-day", 3, "day", None),
        ("He was held for 48 hours.", "48 hours", 48, "hour", None),
        ("A 13-year-old girl ran.", "13-year-old", 13, "year", None),
        ("He is 62 years old.", "62 years old", 62, "year", None),
        ("It lasted two and a half years.", "two and a half years", 2.5, "year", None),
        ("It hit over two-and-a-half-million workers.", "over two-and-a-half-million", 2_500_000, None, "more than"),
        ("More than half voted.", "More than half", 50, "percent", "more than"),
        ("Nearly a third stayed home.", "Nearly a third", 33.3333, "percent", "almost"),
        ("Rates were cut by 50 basis points.", "50 basis points", 50, "basis point", None),
    ],
)
def test_quantity_found(text, span, value, unit, qualifier):
    got_span, got_value, got_unit, got_qualifier = one(text)
    assert got_span == span
    assert got_value == pytest.approx(value, rel=1e-4)
    assert (got_unit, got_qualifier) == (unit, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "Call +44 20 7946 0958 for details.",
        "Call (555) 123-4567 today.",
        "Upgrade to version 3.8.1 now.",
        "They met at 10:30 in the hall.",
        "The blast came at 3 p.m. there.",
        "It was filed on 12/02/2025 by the clerk.",
        "He finished 1st in the race.",
        "Music of the 1990s returned.",
        "The F-16 jets flew.",
        "The MH17 report came out.",
        "The 9/11 report came out.",
        "It was a one-off payment.",
        "They set zero-emissions goals.",
        "Its first million customers came late.",
        "Eight people per thousand own cars.",
        "See tweet 783491630540001280 for it.",
    ],
)
def test_not_a_quantity(text):
    found = [text[q.start : q.end] for q in find_quantities(text)]
    assert found in ([], ["Eight"]), found  # only the count in the last sentence


@pytest.mark.parametrize(
    "text",
    [
        "It took half an hour.",  # not "more than half"
        "They won in the second half.",
        "A third party joined.",  # a fraction alone needs a qualifier
        "It ran from 2014-2022.",  # years
        "The 1990-91 season ended.",
    ],
)
def test_no_fraction_and_no_year_pair(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    "text, span, value, second",
    [
        ("Rebels fired 3-4 mortars.", "3-4", 3, 4),
        ("It costs 3-4 million dollars.", "3-4 million dollars", 3_000_000, 4_000_000),
        ("The House voted 543-21 for it.", "543-21", 543, 21),
        ("England won 18-12.", "18-12", 18, 12),
    ],
)
def test_two_numbers_are_one_quantity(text, span, value, second):
    (q,) = find_quantities(text)
    assert (text[q.start : q.end], q.value, q.second) == (span, value, second)


@pytest.mark.parametrize(
    "phrase, value, used",
    [
        ("three", 3, 1),
        ("twenty-five", 25, 2),
        ("one hundred and twenty", 120, 4),
        ("three million", 3_000_000, 2),
        ("two hundred thousand", 200_000, 3),
        ("a dozen", 12, 2),
        ("half a million", 500_000, 3),
        ("two three", 2, 1),
        ("million", None, 0),
    ],
)
def test_words_value(phrase, value, used):
    got = words_value(phrase)
    if value is None:
        assert got is None
    else:
        assert got == (value, used)


def test_every_count_word_reads():
    for word, info in number_words().items():
        if info.kind in ("unit", "teen", "tens"):
            assert words_value(word) == (info.value, 1), word
            assert one(f"They saw {word} boats.")[1] == info.value, word


def test_every_scale_word_scales():
    for word, info in number_words().items():
        if info.kind == "scale":
            glued = len(word) <= 3
            text = f"It cost ${'2' if glued else '2 '}{word} last year." if glued else f"It cost $2 {word} last year."
            assert one(text)[1] == pytest.approx(2 * info.value), word


def test_every_unit_form_normalises():
    for u in units():
        if u.position in ("after", "both"):
            text = f"The figure was 40 {u.form} this week."
        else:
            gap = " " if u.form[-1].isalpha() else ""  # "Rs 40", "$40"
            text = f"The figure was {u.form}{gap}40 this week."
        span, value, unit, _ = one(text)
        expected = "kg" if u.form.lower() == "pounds of" else u.unit
        assert unit == expected, (u.form, span)
        assert value == pytest.approx(40 * u.factor, rel=1e-4), u.form


def test_every_qualifier_reads():
    for phrase, normalised in qualifiers().items():
        span, _, _, qualifier = one(f"Officials said {phrase} 40 boats sank.")
        assert qualifier == normalised, phrase
        assert span.startswith(phrase), span
