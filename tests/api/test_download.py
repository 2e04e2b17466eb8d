"""A download streams: rows leave as they are read from one cursor, so the
memory it takes is the same for 2,000 rows or 40,000."""
from __future__ import annotations

import tracemalloc

import pytest

from newsgraph.service.download import csv_chunks, json_chunks, rows
from newsgraph.store.filters import QuoteFilter
from newsgraph.kb import KnowledgeBase
from newsgraph.store import Writer, connect, queries

from ..store.helpers import ukraine_record


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = tmp_path_factory.mktemp("download") / "kb.db"
    with KnowledgeBase(path) as kb:
        Writer(kb.conn, "t").write([ukraine_record("a1")])
        kb.conn.execute("BEGIN")
        kb.conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)"
                        " INSERT INTO quotes(article_id, local_id, kind, start, \"end\", text, speaker_name, confidence, act)"
                        " SELECT 1, 'x' || i, 'direct', 0, 10, 'a quote of some length, number ' || i, 'Speaker ' || (i % 97), 0.5,"
                        " 'statement' FROM n")
        kb.conn.execute("COMMIT")
    return path


def peak_while_streaming(path, n: int, chunks=csv_chunks) -> tuple[int, int]:
    conn = connect(path, create=False)
    listing = queries.quote_listing(conn, bound=0)
    conn.close()
    limited = queries.Listing(listing.columns, listing.source, listing.where, listing.args, listing.order + f" LIMIT {n}")
    tracemalloc.start()
    size = 0
    for chunk in chunks(rows(path, limited)):
        size += len(chunk)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, size


@pytest.mark.parametrize("chunks", [csv_chunks, json_chunks])
def test_memory_does_not_grow_with_the_rows(big, chunks):
    small, small_size = peak_while_streaming(big, 2_000, chunks)
    large, large_size = peak_while_streaming(big, 40_000, chunks)
    assert large_size > 15 * small_size  # twenty times the rows went out
    assert large < 1.5 * small + 200_000, (small, large)  # in the same memory
    assert large < 2_000_000


def test_the_first_rows_leave_before_the_last_are_read(big):
    stream = rows(big, queries.quote_listing(connect(big, create=False), bound=0))
    first = next(stream)
    assert first["quote"].startswith("a quote") or first["quote"] == "the shelling must stop"
    stream.close()  # a dropped download closes its connection


def test_the_handlers_listing_is_what_streams(big):
    from newsgraph.service import handlers

    conn = connect(big, create=False)
    listing = handlers.quote_listing(conn, QuoteFilter())
    assert sum(1 for _ in rows(big, listing)) == 40_001 == conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
    conn.close()
