"""Dates as the days they cover: filters and sorting right for day, ISO week,
month and year values (text comparison puts "2025-W08" after "2025-03-01")."""
import dataclasses

import pytest

from newsgraph.days import day_range
from newsgraph.records import DateRef
from newsgraph.kb import KnowledgeBase
from newsgraph.store import Writer, connect
from newsgraph.store.convert import record_from_dict

from .helpers import ukraine_record


@pytest.mark.parametrize("value, days", [
    ("2025-03-02", ("2025-03-02", "2025-03-02")),
    ("2025-03-02T09:30:00+01:00", ("2025-03-02", "2025-03-02")),
    ("2025-W08", ("2025-02-17", "2025-02-23")),
    ("2025-02", ("2025-02-01", "2025-02-28")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2025", ("2025-01-01", "2025-12-31")),
    ("2025-W54", None), ("2025-13", None), ("soon", None), (None, None),
])
def test_day_range(value, days):
    assert day_range(value) == days


def test_date_records_say_their_first_and_last_day():
    d = DateRef((0, 9), "last week", "2025-W08", "week").to_dict()
    assert (d["start"], d["end"]) == ("2025-02-17", "2025-02-23")


def _with_event_date(ref: str, date: str) -> dict:
    r = record_from_dict(ukraine_record(ref, name=f"Oleh Test{ref}", published="2025-03-05"))
    v = dataclasses.replace(r.events[0], date=date)
    return dataclasses.replace(r, events=(v,)).to_dict()


def test_event_filters_and_sorting_compare_days_not_text(tmp_path):
    conn = connect(tmp_path / "kb.db")
    Writer(conn, "t").write([_with_event_date("day", "2025-03-02"), _with_event_date("week", "2025-W08"),
                             _with_event_date("month", "2025-02"), _with_event_date("year", "2025"),
                             _with_event_date("march", "2025-03")])
    conn.close()
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        since = {e["article"] for e in kb.events(since="2025-03-01")}
        until = {e["article"] for e in kb.events(until="2025-02-28")}
        order = [e["article"] for e in kb.events()]
        between = {e["article"] for e in kb.events(since="2025-02-20", until="2025-02-21")}
    assert since == {"day", "year", "march"}  # not the February week or month
    assert until == {"week", "month", "year"}
    assert between == {"week", "month", "year"}
    assert order.index("day") < order.index("week") and order.index("march") < order.index("month")
