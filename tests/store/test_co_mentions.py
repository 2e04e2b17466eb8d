"""The co-mention table: backfilled by its migration, kept exact by the writer."""
from newsgraph.store import Writer, connect, queries

from .helpers import miller_record, ukraine_record

FROM_SCRATCH = (
    "SELECT x.corpus_id, y.corpus_id, COUNT(*) FROM (SELECT DISTINCT article_id, corpus_id FROM entities) x"
    " JOIN (SELECT DISTINCT article_id, corpus_id FROM entities) y ON y.article_id = x.article_id AND y.corpus_id > x.corpus_id"
    " GROUP BY 1, 2 ORDER BY 1, 2")


def table(conn):
    return [tuple(r) for r in conn.execute("SELECT a, b, articles FROM co_mentions ORDER BY a, b")]


def recount(conn):
    return [tuple(r) for r in conn.execute(FROM_SCRATCH)]


def names(conn, pairs):
    name = dict(conn.execute("SELECT id, name FROM corpus_entities").fetchall())
    return {(name[a], name[b]): n for a, b, n in pairs}


def test_writer_keeps_pairs_counted_once_per_article(tmp_path):
    conn = connect(tmp_path / "kb.db")
    w = Writer(conn, "t-1")
    w.write([ukraine_record("a1"), ukraine_record("a2", "Zelensky"), miller_record("m1", "John", "Senator", "USA")])
    got = names(conn, table(conn))
    assert got == {("Volodymyr Zelenskyy", "Russian"): 2, ("Volodymyr Zelenskyy", "Kharkiv"): 2, ("Russian", "Kharkiv"): 2}
    assert table(conn) == recount(conn)
    w.write([ukraine_record("a1"), ukraine_record("a3", "Zelensky", url="https://news.example/3")])  # a1 again adds nothing
    assert table(conn) == recount(conn)
    assert set(names(conn, table(conn)).values()) == {3}


def test_reprocess_moves_the_counts(tmp_path):
    conn = connect(tmp_path / "kb.db")
    Writer(conn, "t-1").write([ukraine_record("a1"), ukraine_record("a2", url="https://news.example/2")])
    aid = conn.execute("SELECT id FROM articles WHERE ref = 'a2'").fetchone()[0]
    upgraded = ukraine_record("a2", url="https://news.example/2")
    upgraded["entities"] = [e for e in upgraded["entities"] if e["type"] != "NORP"]  # the new version drops "Russian"
    for event in upgraded["events"]:
        event["actor"]["entity"] = None
    Writer(conn, "t-2").replace(aid, upgraded)
    assert table(conn) == recount(conn)
    assert names(conn, table(conn)) == {("Volodymyr Zelenskyy", "Russian"): 1, ("Volodymyr Zelenskyy", "Kharkiv"): 2,
                                        ("Russian", "Kharkiv"): 1}
    Writer(conn, "t-3").replace(aid, ukraine_record("a2", url="https://news.example/2"))  # and back: no drift, no zero rows left behind
    assert table(conn) == recount(conn)
    assert conn.execute("SELECT COUNT(*) FROM co_mentions WHERE articles <= 0").fetchone()[0] == 0
    profile = queries.entity(conn, "Zelenskyy")
    assert [(r["name"], r["articles"]) for r in profile["co_mentions"]] == [("Russian", 2), ("Kharkiv", 2)]


def test_upgrade_from_the_previous_schema_backfills_and_keeps_data(tmp_path):
    path = tmp_path / "kb.db"
    conn = connect(path)
    Writer(conn, "t-1").write([ukraine_record("a1"), ukraine_record("a2", "Zelensky"), miller_record("m1", "John", "Senator", "USA")])
    expected = table(conn)
    before = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("articles", "entities", "quotes", "events")}
    conn.execute("DROP TABLE co_mentions")  # the database as the previous release left it
    conn.execute("DELETE FROM migrations WHERE name = '0006_co_mentions'")
    conn.commit()
    conn.close()
    conn = connect(path)  # opening migrates
    assert "0006_co_mentions" in {r[0] for r in conn.execute("SELECT name FROM migrations")}
    assert table(conn) == expected and expected
    assert {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in before} == before
    Writer(conn, "t-1").write([ukraine_record("a4", "Volodymyr Zelensky")])
    assert table(conn) == recount(conn)
