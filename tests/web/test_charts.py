"""Timeline scales that read for one point, ten, or ten thousand."""
from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.web.charts import _nice, timeline, world_map


def test_one_point_is_a_bar_on_a_padded_axis_not_the_whole_width():
    chart = timeline([{"date": "2025-04-08", "type": "PROTEST"}])
    (bar,) = chart["bars"]
    assert bar["w"] <= 24 and chart["step"] == "day"
    plot = chart["right"] - chart["left"]
    assert chart["left"] + plot * 0.4 < bar["x"] + bar["w"] / 2 < chart["left"] + plot * 0.6  # in the middle
    assert len(chart["ticks"]) >= 3 and any(t["label"] == "2025-04-08" for t in chart["ticks"])
    assert [t["label"] for t in chart["yticks"]] == ["0", "1"]


def test_ten_points_over_ten_days():
    rows = [{"date": f"2025-04-{d:02d}", "type": "AID" if d % 2 else "ASSAULT"} for d in range(1, 11)]
    chart = timeline(rows)
    assert chart["step"] == "day" and len(chart["bars"]) == 10 and chart["points"] == 10
    xs = [b["x"] for b in chart["bars"]]
    assert xs == sorted(xs) and len(set(xs)) == 10 and all(b["w"] <= 24 for b in chart["bars"])


@pytest.mark.parametrize("years, step", [(0.2, "day"), (2, "week"), (10, "month")])
def test_ten_thousand_points_keep_the_columns_few_and_the_axis_round(years, step):
    start = dt.date(2015, 1, 1)
    days = int(365 * years)
    rows = [{"date": (start + dt.timedelta(days=i * days // 10_000)).isoformat(), "type": "PROTEST"} for i in range(10_000)]
    chart = timeline(rows)
    assert chart["step"] == step and chart["points"] == 10_000
    assert len(chart["bars"]) <= 130 and all(b["w"] >= 1 for b in chart["bars"])
    assert chart["max"] >= chart["top_count"] and str(chart["max"])[0] in "125" and set(str(chart["max"])[1:]) <= {"0"}
    assert 3 <= len(chart["ticks"]) <= 7
    assert max(b["x"] + b["w"] for b in chart["bars"]) <= chart["right"] + 0.01
    if step == "month":
        assert chart["ticks"][0]["label"] == "2015-01"


def test_all_on_one_day():
    chart = timeline([{"date": "2025-01-01", "type": "AID"}] * 10_000)
    assert len(chart["bars"]) == 1 and chart["max"] == 10_000 and chart["yticks"][-1]["label"] == "10,000"


@pytest.mark.parametrize("top, nice", [(1, 1), (2, 2), (3, 5), (7, 10), (11, 20), (9999, 10000), (10001, 20000)])
def test_nice_axis_maxima(top, nice):
    assert _nice(top) == nice


def test_map_points_carry_their_place_for_the_link():
    m = world_map([{"lat": 51.92, "lon": 4.48, "name": "Rotterdam"}])
    assert m["circles"][0]["name"] == "Rotterdam"
