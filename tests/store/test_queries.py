import pytest

from newsgraph.kb import KnowledgeBase
from newsgraph.store import Writer

from .helpers import miller_record, ukraine_record


@pytest.fixture()
def kb(tmp_path):
    kb = KnowledgeBase(tmp_path / "kb.db")
    Writer(kb.conn, "t").write([
        ukraine_record("a1", "Volodymyr Zelenskyy", "2025-02-12"),
        ukraine_record("a2", "Zelensky", "2025-03-20"),
        miller_record("m1", "John", "Senator", "USA", "He warned of a rail strike in Ohio."),
    ])
    yield kb
    kb.close()


@pytest.mark.parametrize("speaker", ["Zelensky", "Zelenskyy", "Volodymyr Zelenskyy", "zelenskiy"])
def test_quotes_by_any_spelling_of_the_speaker(kb, speaker):
    rows = kb.quotes(speaker=speaker)
    assert len(rows) == 2 and {r["speaker"] for r in rows} == {"Volodymyr Zelenskyy"}


def test_quotes_filters(kb):
    assert kb.quotes(speaker="Miller") == []
    assert len(kb.quotes(search="shelling stop")) == 2
    assert kb.quotes(search="ceasefire") == []
    assert [r["article"] for r in kb.quotes(since="2025-03-01")] == ["a2"]
    assert [r["article"] for r in kb.quotes(until="2025-02-12")] == ["a1"]


def test_events_filters(kb):
    assert len(kb.events(type="assault")) == 2
    assert kb.events(type="PROTEST") == []
    assert len(kb.events(actor="Russian")) == 2
    assert len(kb.events(country="UKR")) == 2 and kb.events(country="FRA") == []
    row = kb.events(place="kharkiv", since="2025-03-01")[0]
    assert row["article"] == "a2" and row["evidence"] == "Russian forces shelled Kharkiv overnight"


def test_entities_top_and_type(kb):
    top = kb.entities(top=2)
    assert top[0]["articles"] == 2
    people = kb.entities(type="PERSON")
    assert {p["name"] for p in people} == {"Volodymyr Zelenskyy", "John Miller"}


def test_entity_profile(kb):
    p = kb.entity("Zelensky")
    assert p["name"] == "Volodymyr Zelenskyy" and p["country"] == "UKR" and p["articles"] == 2
    assert "Zelensky" in p["aliases"] and "Ukrainian President" in p["titles"]
    assert len(p["quotes"]) == 2 and p["events_as_actor"] == [] and p["events_as_target"] == []
    assert {c["name"] for c in p["co_mentions"]} >= {"Russian", "Kharkiv"}
    assert kb.entity("Kharkiv")["events_as_target"][0]["type"] == "ASSAULT"
    assert kb.entity("Nobody Atall") is None


def test_search_and_show(kb):
    hits = kb.search("rail strike")
    assert [h["article"] for h in hits] == ["m1"] and "[rail]" in hits[0]["snippet"]
    assert kb.search('"; DROP TABLE articles') == []  # user text is quoted, never FTS syntax
    record = kb.show("a1")
    assert record["article"]["text"].startswith("Ukrainian President") and record["quotes"][0]["speaker"] == "e1"
    assert kb.show("1")["article"]["id"] == "a1" and kb.show("zzz") is None


def test_search_ranks_a_bounded_set_of_the_newest_matches(tmp_path):
    from newsgraph.records import Article, Record
    from newsgraph.store import queries

    texts = ["The harbour strike strike strike closed the port of Velmora.",  # oldest, and the best match
             *(f"Dockers in town {i} talked about a strike and about the weather for a long while." for i in range(5))]
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        Writer(kb.conn, "t").write([Record(article=Article(f"s{i}", t, language="en")).to_dict() for i, t in enumerate(texts)])
        ranked = queries.search(kb.conn, "strike", limit=3)
        assert [h["article"] for h in ranked][0] == "s0" and len(ranked) == 3 and "[strike]" in ranked[0]["snippet"]
        bounded = queries.search(kb.conn, "strike", limit=2, candidates=3)
        assert len(bounded) == 2 and {h["article"] for h in bounded} <= {"s3", "s4", "s5"}  # ranked among the three newest
        assert len(queries.search(kb.conn, "strike", limit=2, offset=5)) == 1  # paging past the bound still reaches every match


def test_quotes_are_statements_unless_asked(tmp_path):
    kb = KnowledgeBase(tmp_path / "kb.db")
    belief = ukraine_record("b1", "Zelensky", "2025-02-13")
    belief["quotes"] = [{**q, "act": "belief"} for q in belief["quotes"]]
    Writer(kb.conn, "t").write([ukraine_record("a1", "Volodymyr Zelenskyy", "2025-02-12"), belief])
    assert [r["article"] for r in kb.quotes()] == ["a1"]
    assert [r["article"] for r in kb.quotes(act="belief")] == ["b1"]
    assert [r["article"] for r in kb.quotes(act="all")] == ["b1", "a1"]
    assert [r["act"] for r in kb.quotes(act="all")] == ["belief", "statement"]
    kb.close()
