import json
import sqlite3

from newsgraph.store import MIGRATIONS, Writer, connect, migrate
from newsgraph.store import migrations

from .helpers import miller_record, surname_record, ukraine_record


def _writer(tmp_path):
    conn = connect(tmp_path / "kb.db")
    return conn, Writer(conn, "test-1")


def count(conn, table):
    return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_migrations_are_named_ordered_and_applied_once(tmp_path):
    conn = connect(tmp_path / "kb.db")
    names = [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY rowid")]
    assert names == [m[0] for m in MIGRATIONS] == sorted(names)
    assert migrate(conn) == []
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_every_record_kind_lands_in_its_table(tmp_path):
    conn, w = _writer(tmp_path)
    assert w.write([ukraine_record()]) == (1, 0)
    for table, n in {"articles": 1, "entities": 3, "mentions": 4, "quotes": 1, "figures": 1, "locations": 1, "events": 1,
                     "dates": 1, "flags": 1}.items():
        assert count(conn, table) == n, table
    ev = conn.execute("SELECT * FROM events").fetchone()
    assert ev["type"] == "ASSAULT" and ev["actor_country"] == "RUS"
    assert ev["location_id"] == conn.execute("SELECT id FROM locations").fetchone()[0]
    assert ev["reported_by"] == conn.execute("SELECT id FROM quotes").fetchone()[0]
    q = conn.execute("SELECT q.text, c.name FROM quotes q JOIN corpus_entities c ON c.id = q.speaker_corpus").fetchone()
    assert tuple(q) == ("the shelling must stop", "Volodymyr Zelenskyy")
    stored = json.loads(conn.execute("SELECT record FROM articles").fetchone()[0])
    assert stored["events"][0]["figures"] == ["f1"] and "text" not in stored["article"]


def test_same_article_twice_adds_nothing(tmp_path):
    conn, w = _writer(tmp_path)
    w.write([ukraine_record()])
    before = {t: count(conn, t) for t in ("articles", "entities", "quotes", "corpus_entities")}
    assert w.write([ukraine_record(ref="other-id")]) == (0, 1)  # same text: same identity, whatever the id
    assert {t: count(conn, t) for t in before} == before


def test_url_is_the_identity_when_present(tmp_path):
    conn, w = _writer(tmp_path)
    assert w.write([ukraine_record(url="https://news.example/a")]) == (1, 0)
    assert w.write([ukraine_record(ref="x", url="https://news.example/b")]) == (1, 0)
    assert w.write([ukraine_record(ref="y", url="https://news.example/a")]) == (0, 1)


def test_spellings_of_one_person_are_one_corpus_entity(tmp_path):
    conn, w = _writer(tmp_path)
    w.write([ukraine_record("a1", "Zelenskyy"), ukraine_record("a2", "Volodymyr Zelensky"), ukraine_record("a3", "Volodymyr Zelenskyy")])
    rows = conn.execute("SELECT name, n_articles FROM corpus_entities WHERE type = 'PERSON'").fetchall()
    assert [tuple(r) for r in rows] == [("Volodymyr Zelensky", 3)]  # the fullest form wins; every article linked
    assert count(conn, "entities") == 9


def test_two_millers_stay_apart_when_country_or_office_differ(tmp_path):
    conn, w = _writer(tmp_path)
    w.write([
        miller_record("m1", "John", "Senator", "USA"),
        miller_record("m2", "Sarah", "Foreign Minister", "GBR"),
        surname_record("m3", "Miller", "senator", "USA"),
        surname_record("m4", "Miller", "minister", None),
        miller_record("m5", "Tom", "Senator", "USA"),
    ])
    links = dict(conn.execute("SELECT a.ref, c.name FROM entities e JOIN articles a ON a.id = e.article_id JOIN corpus_entities c ON c.id = e.corpus_id"))
    assert links["m3"] == "John Miller"
    assert links["m4"] == "Sarah Miller"
    assert links["m5"] == "Tom Miller"  # another given name is another person
    assert count(conn, "corpus_entities") == 3


def test_replace_reprocesses_without_drift(tmp_path):
    conn, w = _writer(tmp_path)
    w.write([ukraine_record("a1"), ukraine_record("a2", "Zelensky")])
    aid = conn.execute("SELECT id FROM articles WHERE ref = 'a1'").fetchone()[0]
    Writer(conn, "test-2").replace(aid, ukraine_record("a1"))
    assert conn.execute("SELECT extractor_version FROM articles WHERE id = ?", (aid,)).fetchone()[0] == "test-2"
    assert count(conn, "quotes") == 2 and count(conn, "entities") == 6
    person = conn.execute("SELECT n_articles, n_mentions FROM corpus_entities WHERE type = 'PERSON'").fetchone()
    assert tuple(person) == (2, 4)
    assert conn.execute("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH 'shelling'").fetchone()[0] == 2


def test_failures_are_recorded_and_cleared_on_success(tmp_path):
    conn, w = _writer(tmp_path)
    w.write([], [("a1", "a1: empty article")])
    assert count(conn, "failures") == 1
    w.write([ukraine_record("a1")])
    assert count(conn, "failures") == 0


def test_figure_kinds_are_stored_and_backfilled_for_older_rows(tmp_path, monkeypatch):
    """0011: figures written before it get the kind of their unit, in the table and in the stored record."""
    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    conn.row_factory = sqlite3.Row
    before = [m for m in MIGRATIONS if m[0] < "0011"]
    monkeypatch.setattr(migrations, "MIGRATIONS", before)
    migrations.migrate(conn)
    monkeypatch.undo()
    record = ukraine_record()
    for f in record["figures"]:
        for key in ("kind", "low", "high"):
            f.pop(key, None)
    record["figures"].append({"id": "f2", "span": [0, 4], "text": "$5bn", "value": 5e9, "unit": "USD"})
    conn.execute("INSERT INTO articles(key, ref, text, extractor_version, ingested_at, record) VALUES ('k', 'r', ?, 'old', 'now', ?)",
                 (record["article"]["text"], json.dumps({k: v for k, v in record.items()})))
    for f in record["figures"]:
        conn.execute("INSERT INTO figures(article_id, local_id, value, unit) VALUES (1, ?, ?, ?)", (f["id"], f["value"], f["unit"]))
    assert migrate(conn)[0] == "0011_figure_kind"
    assert [tuple(r) for r in conn.execute("SELECT local_id, kind, low, high FROM figures ORDER BY id")] == [("f1", "count", None, None), ("f2", "money", None, None)]
    stored = json.loads(conn.execute("SELECT record FROM articles").fetchone()[0])
    assert [f["kind"] for f in stored["figures"]] == ["count", "money"]


def test_the_writer_stores_kind_low_and_high(tmp_path):
    conn, w = _writer(tmp_path)
    record = ukraine_record()
    record["figures"][0].update(kind="count", low=12, high=15)
    w.write([record])
    assert tuple(conn.execute("SELECT kind, low, high FROM figures").fetchone()) == ("count", 12, 15)
