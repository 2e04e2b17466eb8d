"""The places list reads counts the writer keeps (``corpus_places``): they
must always equal grouping every stored location, through writes, re-extractions
and the migration that builds them for an existing knowledge base."""
import copy

from newsgraph.kb import KnowledgeBase
from newsgraph.store import Writer, connect
from newsgraph.store.migrations import MIGRATIONS, migrate

from .helpers import ukraine_record

TRUTH = ("SELECT l.name, COALESCE(l.country, ''), COUNT(DISTINCT l.article_id), COUNT(DISTINCT v.id) FROM locations l"
         " LEFT JOIN events v ON v.location_id = l.id WHERE l.literal = 1 GROUP BY l.name, COALESCE(l.country, '') ORDER BY 1, 2")
KEPT = "SELECT name, country_key, articles, events FROM corpus_places ORDER BY 1, 2"


def _kept_equals_truth(conn) -> list:
    kept = [tuple(r) for r in conn.execute(KEPT)]
    assert kept == [tuple(r) for r in conn.execute(TRUTH)]
    return kept


def test_counts_follow_writes_and_reextractions(tmp_path):
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        w = Writer(kb.conn, "t")
        w.write([ukraine_record("a1", published="2025-02-12"), ukraine_record("a2", "Zelensky", "2025-03-20")])
        assert _kept_equals_truth(kb.conn) == [("Kharkiv", "UKR", 2, 2)]
        # a re-extraction that no longer ties the event to the place, and no longer names it as a place
        aid = kb.conn.execute("SELECT id FROM articles WHERE ref = 'a2'").fetchone()[0]
        rec = copy.deepcopy(ukraine_record("a2", "Zelensky", "2025-03-20"))
        rec["events"][0]["location"] = None
        w.replace(aid, rec)
        assert _kept_equals_truth(kb.conn) == [("Kharkiv", "UKR", 2, 1)]
        rec["locations"][0]["roles"] = ["modifier"] * len(rec["locations"][0]["mentions"])
        w.replace(aid, rec)
        assert _kept_equals_truth(kb.conn) == [("Kharkiv", "UKR", 1, 1)]
        assert [r["name"] for r in kb.places()] == ["Kharkiv"] and kb.places()[0]["articles"] == 1


def test_the_migration_counts_what_an_older_knowledge_base_holds(tmp_path):
    db = tmp_path / "old.db"
    conn = connect(db)
    Writer(conn, "t").write([ukraine_record("a1"), ukraine_record("a2", "Zelensky", "2025-03-20")])
    conn.execute("DROP TABLE corpus_places")  # as before 0013
    conn.execute("DELETE FROM migrations WHERE name = '0013_place_counts'")
    assert migrate(conn) == ["0013_place_counts"]
    assert _kept_equals_truth(conn) == [("Kharkiv", "UKR", 2, 2)]
    assert MIGRATIONS[-1][0] == "0013_place_counts"
