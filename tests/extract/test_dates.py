"""Dates over parsed fictional sentences, resolved against a publication date
(a Wednesday: 2025-02-12), and without one."""
from __future__ import annotations

import pytest

from newsgraph.extract.dates import date_for_span, extract_dates, parse_published
from newsgraph.records import DateRef

PUB = "2025-02-12"  # a Wednesday


@pytest.fixture(scope="module")
def dates(nlp):
    def run(text: str, published: str | None = PUB):
        return extract_dates(nlp(text), published)

    return run


@pytest.mark.parametrize(
    "text, expr, value, granularity",
    [
        ("The minister said on Wednesday that talks had failed.", "Wednesday", "2025-02-12", "day"),
        ("The minister said on Friday that talks had failed.", "Friday", "2025-02-07", "day"),
        ("The envoys will meet on Friday in Orlin.", "Friday", "2025-02-14", "day"),
        ("The port reopened last Tuesday.", "last Tuesday", "2025-02-11", "day"),
        ("The vote is due next Monday.", "next Monday", "2025-02-17", "day"),
        ("The strike ended yesterday.", "yesterday", "2025-02-11", "day"),
        ("Leaders are expected to meet later this week.", "later this week", "2025-W07", "week"),
        ("Prices fell last week.", "last week", "2025-W06", "week"),
        ("Prices fell last month.", "last month", "2025-01", "month"),
        ("On the campaign trail last year, she spoke often.", "last year", "2024", "year"),
        ("Exports will grow next year.", "next year", "2026", "year"),
        ("The troops marched in in February 2022.", "February 2022", "2022-02", "month"),
        ("The border has been closed since 2014.", "2014", "2014", "year"),
        ("The deal was signed on 24 February 2022.", "24 February 2022", "2022-02-24", "day"),
        ("The deal was signed on March 3, 2021.", "March 3, 2021", "2021-03-03", "day"),
        ("The report is dated 2025-01-31.", "2025-01-31", "2025-01-31", "day"),
        ("In March, profits fell.", "March", "2024-03", "month"),
        ("In March, profits will rise.", "March", "2025-03", "month"),
        ("The mine closed three days ago.", "three days ago", "2025-02-09", "day"),
        ("The mine closed two years ago.", "two years ago", "2023", "year"),
        ("Output rose earlier this month.", "earlier this month", "2025-02", "month"),
        ("The battle was fought seventy-four years ago.", "seventy-four years ago", "1951", "year"),
        ("Today, the minister spoke.", "Today", "2025-02-12", "day"),
    ],
)
def test_date_resolved(dates, text, expr, value, granularity):
    found = dates(text)
    hit = [d for d in found if d.text == expr]
    assert hit, [d.text for d in found]
    assert (hit[0].value, hit[0].granularity) == (value, granularity)
    start, end = hit[0].span
    assert text[start:end] == expr


@pytest.mark.parametrize(
    "text, expr, value, granularity",
    [
        ("The deal was signed on 24 February 2022.", "24 February 2022", "2022-02-24", "day"),
        ("The border has been closed since 2014.", "2014", "2014", "year"),
        ("The minister said on Wednesday that talks had failed.", "Wednesday", None, "day"),
        ("Leaders are expected to meet later this week.", "later this week", None, "week"),
        ("On the campaign trail last year, she spoke often.", "last year", None, "year"),
    ],
)
def test_without_publication_date(dates, text, expr, value, granularity):
    hit = [d for d in dates(text, None) if d.text == expr]
    assert hit and (hit[0].value, hit[0].granularity) == (value, granularity)


@pytest.mark.parametrize(
    "text",
    [
        "It may rain, and the army will march on.",  # modal "may", verb "march"
        "Officials said 2000 troops arrived.",  # a count, not a year
        "The ministry counted 1,900 homes.",
        "Only 12 of the ships returned.",
        "Readers of USA TODAY and viewers of Russia Today disagreed.",  # names
    ],
)
def test_not_a_date(dates, text):
    assert dates(text) == []


def test_parse_published():
    assert str(parse_published("2025-02-12T08:30:00Z")) == "2025-02-12"
    assert parse_published("not a date") is None
    assert parse_published(None) is None


def test_date_for_span_prefers_the_same_sentence_and_the_nearest():
    refs = [
        DateRef((0, 9), "Wednesday", "2025-02-12", "day"),
        DateRef((40, 49), "last year", "2024", "year"),
        DateRef((60, 70), "next month", None, "month"),
    ]
    assert date_for_span(refs, 30, 35).text == "last year"
    assert date_for_span(refs, 12, 20).text == "Wednesday"
    assert date_for_span(refs, 30, 35, within=(0, 25)).text == "Wednesday"
    assert date_for_span(refs, 62, 64, within=(55, 80)) is None  # unresolved dates are skipped
