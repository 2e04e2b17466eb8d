"""Every record kind survives the store: Record -> SQLite -> Record, and
Record -> Parquet rows -> load -> Record, field for field."""
from __future__ import annotations

import dataclasses
import json

import pytest

from newsgraph.records import Record
from newsgraph.version import extractor_version
from newsgraph.run.parquet import extract_chunk
from newsgraph.kb import KnowledgeBase
from newsgraph.store import Writer, connect
from newsgraph.store.convert import record_from_dict
from newsgraph.store.load import load
from newsgraph.store.queries import full_record

from ..conftest import SAMPLES
from .helpers import ukraine_record


def _hand_made() -> Record:
    """Every optional field of an event set, the ones added last included."""
    r = record_from_dict(ukraine_record())
    v = r.events[0]
    v = dataclasses.replace(v, modality="intended", negated=True,
                            actor=dataclasses.replace(v.actor, name="Russia", sector="military", span=(60, 74)),
                            target=dataclasses.replace(v.target, name="Kharkiv", sector="civilians"))
    f = dataclasses.replace(r.figures[0], kind="count", low=12, high=15)  # a range: "12 to 15 people"
    return dataclasses.replace(r, events=(v,), figures=(f,))


def _records(pipeline) -> list[Record]:
    out = [_hand_made()]
    for path in sorted(SAMPLES.glob("*.txt")):
        out.append(pipeline(path.read_text(encoding="utf-8"), published="2025-02-12", id=path.stem))
    return out


def _stored(db) -> dict[str, Record]:
    with KnowledgeBase(db) as kb:
        return {r["ref"]: record_from_dict(full_record(r["record"], r["text"])) for r in kb.conn.execute("SELECT ref, record, text FROM articles")}


def test_every_kind_has_something_to_compare(pipeline):
    records = _records(pipeline)
    for kind in ("entities", "quotes", "figures", "events", "locations", "dates"):
        assert any(getattr(r, kind) for r in records), kind
    (v,) = records[0].events
    assert (v.modality, v.negated, v.actor.name, v.actor.sector, v.reported_by, v.figures) == ("intended", True, "Russia", "military", "q1", ("f1",))
    (f,) = records[0].figures
    assert (f.kind, f.low, f.high) == ("count", 12, 15)
    assert all(f.kind for r in records for f in r.figures)


def test_record_to_sqlite_and_back_is_the_same_record(tmp_path, pipeline):
    records = _records(pipeline)
    conn = connect(tmp_path / "kb.db")
    Writer(conn, "test").write([r.to_dict() for r in records])
    conn.close()
    stored = _stored(tmp_path / "kb.db")
    for r in records:
        assert stored[r.article.id] == r, r.article.id
        assert stored[r.article.id].to_dict() == r.to_dict()
    with KnowledgeBase(tmp_path / "kb.db") as kb:  # the figures table says what the records say
        rows = {(row["ref"], row["local_id"]): row for row in kb.conn.execute(
            "SELECT a.ref, f.local_id, f.kind, f.low, f.high FROM figures f JOIN articles a ON a.id = f.article_id")}
    for r in records:
        for f in r.figures:
            row = rows[(r.article.id, f.id)]
            assert (row["kind"], row["low"], row["high"]) == (f.kind, f.low, f.high), (r.article.id, f.id)


def test_record_to_parquet_and_loaded_back_is_the_same_record(tmp_path, pipeline):
    pytest.importorskip("pyarrow")
    records = _records(pipeline)
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r.article.to_dict()) for r in records) + "\n", encoding="utf-8")
    from newsgraph.run.parquet import read_chunks

    version = extractor_version(pipeline.settings)
    for chunk in read_chunks(str(src), pipeline.settings):
        extract_chunk(pipeline, chunk, str(tmp_path / "out"), version)
    load(tmp_path / "out", tmp_path / "loaded.db")
    loaded = _stored(tmp_path / "loaded.db")
    for r in records[1:]:  # the extracted ones (the hand-made one is not re-extracted)
        assert loaded[r.article.id].to_dict() == r.to_dict(), r.article.id
