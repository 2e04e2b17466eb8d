"""The full-text query parser: FTS5's syntax (prefix*, OR, NOT, "phrases",
groups) from what a person types, and never an FTS5 syntax error."""
from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings, strategies as st

from newsgraph.store.queries import fts_query


@pytest.fixture(scope="module")
def fts():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(text)")
    conn.executemany("INSERT INTO t(text) VALUES (?)", [("The Kremlin said NATO was wrong",), ("Kremlevsky palace opened",),
                                                         ("NATO ministers met in Brussels",), ("rail strike in Paris",),
                                                         ("strike by rail workers",)])
    return conn


def hits(conn, q: str) -> set[int]:
    return {r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (fts_query(q),))}


@pytest.mark.parametrize("q, rows", [
    ("Kreml*", {1, 2}), ("Kremlin OR Brussels", {1, 3}), ("NATO", {1, 3}), ("NATO NOT Kremlin", {3}),
    ('"rail strike"', {4}), ("rail strike", {4, 5}), ("(Kremlin OR Brussels) NATO", {1, 3}), ("nato or kremlin", set()),
    ("kremlin", {1}), ("rail AND (paris OR workers)", {4, 5}),
])
def test_the_syntax(fts, q, rows):
    assert hits(fts, q) == rows


@pytest.mark.parametrize("q", ['"', "*", "NOT", "OR OR", "((", "))", "()", "a (", ") a", "a OR", "NOT a", "NEAR(", "title:x", "^a",
                               "' OR ''='", "<script>alert('pwned')</script>", 'a "b', "a AND AND b", "(a) (b)", "a NOT NOT b", "-a"])
def test_malformed_input_is_a_query_not_an_error(fts, q):
    hits(fts, q)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(['"', "(", ")", "*", "OR", "AND", "NOT", "NEAR", ":", "^", "-", "+", "a", "Kreml*", "b c", " ", "é"]),
                max_size=12).map(" ".join) | st.text(max_size=40))
def test_no_input_is_a_syntax_error(fts, q):
    hits(fts, q)
