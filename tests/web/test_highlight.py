import pytest

from newsgraph.web.charts import project, timeline, world_map
from newsgraph.web.highlight import Mark, marks, segments

TEXT = 'Mayor Ana Ruiz said "the bridge opens Monday" in Tolva.'


def test_segments_cover_the_text_and_nest_overlaps():
    quote = Mark("q1", "quote", TEXT.index("the"), TEXT.index('" in'))
    monday = Mark("e2", "entity", TEXT.index("Monday"), TEXT.index("Monday") + 6, "DATE")
    name = Mark("e1", "entity", 6, 14, "PERSON")
    segs = segments(TEXT, [quote, monday, name])
    assert "".join(s.text for s in segs) == TEXT
    inner = next(s for s in segs if s.text == "Monday")
    assert inner.refs == "e2 q1" and inner.css == "m-quote m-entity m-entity-DATE"
    assert {m.ref for m in inner.marks} == {"q1", "e2"}
    assert next(s for s in segs if s.text == "Ana Ruiz").refs == "e1"
    assert [s.marks for s in segs if s.text.startswith("Mayor")] == [()]


@pytest.mark.parametrize("bad", [(-1, 3), (5, 5), (50, 400), (999, 1000)])
def test_segments_clip_or_drop_bad_spans(bad):
    segs = segments(TEXT, [Mark("x", "entity", *bad)])
    assert "".join(s.text for s in segs) == TEXT and all(s.end <= len(TEXT) for s in segs)


def test_marks_from_a_record():
    record = {"entities": [{"id": "e1", "type": "PERSON", "mentions": [[6, 14]]}],
              "quotes": [{"id": "q1", "kind": "direct", "span": [20, 44], "cue_span": [15, 19]}],
              "events": [{"id": "v1", "type": "AGREE", "trigger_span": None}], "figures": [],
              "quality": {"flags": [{"kind": "repetition", "span": [1, 3]}, {"kind": "x", "span": "junk"}]}}
    got = {(m.ref, m.kind, m.start, m.end) for m in marks(record)}
    assert got == {("e1", "entity", 6, 14), ("q1", "quote", 20, 44), ("q1", "cue", 15, 19), ("flag1", "flag", 1, 3)}


def test_css_classes_are_safe_words():
    assert Mark("e1", "entity", 0, 1, 'PER"SON onclick=x').css == "m-entity m-entity-PERSONonclickx"


def test_timeline_stacks_by_type_per_day():
    rows = [{"date": "2025-04-01", "type": "PROTEST"}, {"date": "2025-04-01", "type": "ASSAULT"}, {"date": "2025-04-03", "type": "PROTEST"},
            {"date": None, "type": "AID"}, {"date": "not a date", "type": "AID"}]
    chart = timeline(rows)
    assert chart["max"] == 2 and chart["step"] == "day" and chart["groups"] == ["ASSAULT", "PROTEST"]
    assert len(chart["bars"]) == 3 and all(b["h"] > 0 for b in chart["bars"])
    assert timeline([{"date": None}]) is None


def test_timeline_weekly_for_long_ranges():
    rows = [{"date": f"2024-{m:02d}-01", "type": "AID"} for m in range(1, 13)]
    assert timeline(rows)["step"] == "week"


def test_world_map_projects_and_merges():
    assert project(0, 0, 360, 180) == (180.0, 90.0) and project(90, -180, 360, 180) == (0.0, 0.0)
    m = world_map([{"lat": 51.92, "lon": 4.48, "name": "Rotterdam"}, {"lat": 51.92, "lon": 4.48, "name": "Rotterdam"},
                   {"lat": None, "lon": 3}, {"lat": 95, "lon": 0}], width=360, height=180)
    assert len(m["circles"]) == 1 and m["circles"][0]["title"] == "Rotterdam: 2"
    assert any(l["cls"] == "equator" for l in m["lines"])
