"""The running example's dates, resolved against its publication date
(2025-02-12): the expression kinds of the seed, each with its value. Reads
../shared where present; skips cleanly where it is not."""
from __future__ import annotations

import pytest

EXPECTED = {
    "Wednesday": ("2025-02-12", "day"),
    "later this week": ("2025-W07", "week"),
    "last year": ("2024", "year"),
    "February 2022": ("2022-02", "month"),
    "2014": ("2014", "year"),
}


@pytest.mark.parametrize("expr", sorted(EXPECTED))
def test_seed_date(seed_record, expr):
    hits = [d for d in seed_record.dates if d.text == expr]
    assert hits, [d.text for d in seed_record.dates]
    assert {(d.value, d.granularity) for d in hits} == {EXPECTED[expr]}
    for d in hits:
        assert seed_record.text_of(d.span) == expr


def test_seed_figures_are_consistent(seed_record):
    assert not [f for f in seed_record.quality.flags if f.kind == "inconsistent-figures"]
    for f in seed_record.figures:
        assert seed_record.text_of(f.span) == f.text
    assert [f.id for f in seed_record.figures] == [f"f{n}" for n in range(1, len(seed_record.figures) + 1)]
