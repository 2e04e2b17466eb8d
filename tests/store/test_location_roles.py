"""Location roles in the store: every mention kept with its role; the places
list, the map's events and the GKG export read the literal ones."""
from __future__ import annotations

from newsgraph.export.gdelt import gkg_row
from newsgraph.kb import KnowledgeBase
from newsgraph.store import Writer, connect

TEXT = "Russian envoys met Ukrainian officials in Oslo on Monday. Moscow rejected the plan."


def test_roles_are_stored_and_the_places_list_keeps_literal_places(tmp_path, pipeline):
    record = pipeline(TEXT, published="2025-02-12", id="roles").to_dict()
    by_name = {loc["name"]: loc for loc in record["locations"]}
    assert by_name["Russia"]["roles"] == ["modifier"] and by_name["Moscow"]["roles"] == ["metonymic"]
    assert by_name["Ukraine"]["roles"] == ["modifier"] and by_name["Oslo"]["roles"] == ["literal"]
    conn = connect(tmp_path / "kb.db")
    Writer(conn, "test").write([record])
    conn.close()
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        assert [p["name"] for p in kb.places()] == ["Oslo"]
        stored = {row[0]: (row[1], row[2]) for row in kb.conn.execute("SELECT name, roles, literal FROM locations")}
        assert stored["Ukraine"] == ('["modifier"]', 0) and stored["Oslo"] == ('["literal"]', 1)
        assert kb.show("roles")["locations"] == record["locations"]  # nothing lost


def test_gkg_locations_are_the_literal_ones(pipeline):
    record = pipeline(TEXT, published="2025-02-12", id="roles").to_dict()
    row = gkg_row(record, 1)
    names = [block.split("#")[1] for block in row[10].split(";") if block]  # V2ENHANCEDLOCATIONS
    assert names == ["Oslo"]


def test_a_v1_record_without_roles_is_all_literal(tmp_path, pipeline):
    record = pipeline(TEXT, published="2025-02-12", id="v1").to_dict()
    for loc in record["locations"]:
        del loc["roles"]
    conn = connect(tmp_path / "kb.db")
    Writer(conn, "test").write([record])
    conn.close()
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        assert {p["name"] for p in kb.places()} == {loc["name"] for loc in record["locations"]}
