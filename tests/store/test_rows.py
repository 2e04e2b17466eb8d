"""Records as Parquet rows: deterministic ids, links between kinds, the day
partition, and load into a knowledge base (idempotent). No model needed."""
import json

import pytest

from newsgraph.kb import KnowledgeBase
from newsgraph.store.db import StoreError
from newsgraph.store.load import load
from newsgraph.store.rows import KINDS, SCHEMAS, arrow_schema, article_id, day_of, record_rows
from tests.store.helpers import ukraine_record

pq = pytest.importorskip("pyarrow.parquet")


def test_ids_are_deterministic_and_linked():
    rec = ukraine_record("a1", url="https://news.example/kharkiv")
    rows, again = record_rows(rec, "v"), record_rows(json.loads(json.dumps(rec)), "v")
    assert rows == again
    aid = article_id("https://news.example/kharkiv")
    assert rows["articles"][0]["id"] == aid and rows["articles"][0]["key"] == "https://news.example/kharkiv"
    ents = {e["local_id"]: e["id"] for e in rows["entities"]}
    assert ents == {"e1": f"{aid}/e1", "e2": f"{aid}/e2", "e3": f"{aid}/e3"}
    assert {m["entity_id"] for m in rows["mentions"]} == set(ents.values())
    q, v = rows["quotes"][0], rows["events"][0]
    assert q["speaker_id"] == ents["e1"] and q["text"] == "the shelling must stop"
    assert (v["actor_id"], v["target_id"], v["location_id"], v["reported_by"]) == (ents["e2"], ents["e3"], f"{aid}/l1", q["id"])
    assert json.loads(v["figures"]) == [f"{aid}/f1"]
    assert [d["id"] for d in rows["dates"]] == [f"{aid}/d1"] and [f["id"] for f in rows["flags"]] == [f"{aid}/f1"]
    assert "text" not in json.loads(rows["articles"][0]["record"])["article"]


def test_same_text_without_url_same_id_other_text_other_id():
    a, b = record_rows(ukraine_record("x"), "v"), record_rows(ukraine_record("y"), "v")
    c = record_rows(ukraine_record("x", name="Petro Poroshenko"), "v")
    assert a["articles"][0]["id"] == b["articles"][0]["id"] != c["articles"][0]["id"]


@pytest.mark.parametrize("published, day", [("2025-02-12", "2025-02-12"), ("2025-02-12T08:30:00+02:00", "2025-02-12"),
                                            (None, "none"), ("", "none"), ("Feb 2025", "none")])
def test_day_partition(published, day):
    assert day_of(published) == day


def test_every_row_fits_its_schema():
    import pyarrow as pa

    rows = record_rows(ukraine_record("a1"), "v")
    for kind in KINDS:
        table = pa.Table.from_pylist(rows[kind], schema=arrow_schema(kind))
        assert table.num_rows == len(rows[kind]) and table.column_names == [c for c, _ in SCHEMAS[kind]]


#: SQLite's own columns: integer row ids, links resolved to the corpus, its clock; Parquet's: string ids of every row
SQLITE_ONLY = {"corpus_id", "speaker_corpus", "actor_corpus", "target_corpus", "ingested_at"}
PARQUET_ONLY = {"id"}


@pytest.mark.parametrize("kind", KINDS)
def test_the_sqlite_tables_and_the_parquet_files_have_the_same_columns(tmp_path, kind):
    from newsgraph.store import connect

    conn = connect(tmp_path / "kb.db")
    sqlite = {r[1] for r in conn.execute(f"PRAGMA table_info({kind})")} - SQLITE_ONLY - {"id"}
    parquet = {c for c, _ in SCHEMAS[kind]} - PARQUET_ONLY
    assert sqlite == parquet


def test_the_writer_and_the_parquet_rows_store_the_same_values(tmp_path):
    """One column map: every column both have holds the same value (ids aside)."""
    import sqlite3

    from newsgraph.store import Writer, connect

    record = ukraine_record("a1")
    conn = connect(tmp_path / "kb.db")
    Writer(conn, "v").write([record])
    conn.row_factory = sqlite3.Row
    rows = record_rows(record, "v")
    ids = {"id", "article_id", "entity_id", "speaker_id", "actor_id", "target_id", "location_id", "reported_by", "figures"}
    for kind in KINDS:
        stored = [dict(r) for r in conn.execute(f"SELECT * FROM {kind} ORDER BY rowid")]
        assert len(stored) == len(rows[kind]), kind
        for mine, theirs in zip(stored, rows[kind]):
            for column, value in theirs.items():
                if column in ids:
                    continue
                assert mine[column] == (int(value) if isinstance(value, bool) else value), f"{kind}.{column}"


def write_output(root, records, failures=()):
    import pyarrow as pa

    for n, rec in enumerate(records):
        rows = record_rows(rec, "t")
        folder = root / "articles" / f"day={day_of(rec['article']['published'])}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows["articles"], schema=arrow_schema("articles")), folder / f"part-{n}.parquet")
    if failures:
        (root / "failures").mkdir()
        pq.write_table(pa.Table.from_pylist([{"origin": o, "reason": r, "source": "s"} for o, r in failures], schema=arrow_schema("failures")),
                       root / "failures" / "part-0.parquet")


def test_load_is_idempotent_and_merges(tmp_path):
    write_output(tmp_path / "one", [ukraine_record("a1"), ukraine_record("a2", "Zelensky", "2025-04-01")], [("bad", "bad: empty article: no text")])
    write_output(tmp_path / "two", [ukraine_record("a2", "Zelensky", "2025-04-01"), ukraine_record("a3", "Olena Zelenska", "2025-04-02")])
    db = tmp_path / "kb.db"
    first = load(tmp_path / "one", db)
    assert (first.new, first.duplicate, first.failed) == (2, 0, [("bad", "bad: empty article: no text")])
    again = load(tmp_path / "one", db)
    assert (again.new, again.duplicate) == (0, 2)
    merged = load(tmp_path / "two", db)
    assert (merged.new, merged.duplicate) == (1, 1)
    with KnowledgeBase(db) as kb:
        assert kb.count() == 3 and kb.count("failures") == 1
        assert kb.entity("Zelenskyy")["name"] == "Volodymyr Zelenskyy"
        assert kb.show("a1")["article"]["text"] == ukraine_record("a1")["article"]["text"]


def test_load_needs_output(tmp_path):
    with pytest.raises(StoreError, match="no newsgraph Parquet output"):
        load(tmp_path, tmp_path / "kb.db")
