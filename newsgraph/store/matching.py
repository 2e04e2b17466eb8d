"""How what a person types becomes SQL: a name resolved to the corpus
entities it may denote (``resolve``), and words turned into a safe FTS5 query
(``fts_query``, ``match_query``)."""
from __future__ import annotations

import re
import sqlite3

from . import identity

__all__ = ["resolve", "fts_query", "match_query", "SEARCH_CANDIDATES"]

_WORD = re.compile(r"\w+", re.UNICODE)
#: full-text matches ordered per query: the most recently stored ones
SEARCH_CANDIDATES = 2000


def resolve(conn: sqlite3.Connection, name: str) -> list[int]:
    """Corpus entity ids that ``name`` may denote, most-mentioned first."""
    ids: set[int] = set()
    ids.update(r[0] for r in conn.execute("SELECT id FROM corpus_entities WHERE name = ? COLLATE NOCASE", (name,)))
    ids.update(r[0] for r in conn.execute("SELECT entity_id FROM corpus_aliases WHERE alias_key = ?", (identity.skeleton(name),)))
    given, surname = identity.person_parts(name)
    for r in conn.execute("SELECT id, given FROM corpus_entities WHERE type = 'PERSON' AND key = ?", (surname,)):
        if not given or not r[1] or given == r[1]:
            ids.add(r[0])
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return [r[0] for r in conn.execute(f"SELECT id FROM corpus_entities WHERE id IN ({marks}) ORDER BY n_articles DESC, id", tuple(ids))]


_FTS_TOKEN = re.compile(r'"([^"]*)"?|(\()|(\))|([^\s()"]+)')
_OPERATORS = ("OR", "AND", "NOT")


def fts_query(text: str) -> str:
    """A safe FTS5 query from what a person types: words (all required),
    ``"a phrase"``, ``prefix*``, ``OR``, ``NOT``, ``AND`` (upper case, between
    terms) and parentheses. Every term is re-quoted from its word characters,
    so no input reaches FTS5's syntax except through these operators; an
    operator with nothing on one side and unbalanced or empty parentheses are
    dropped. Nothing searchable gives ``'""'`` (which matches nothing)."""
    out: list[str] = []  # terms, operators and parentheses, each valid where it stands
    depth = 0
    def operand(token: str) -> None:  # FTS5 joins two phrases by juxtaposition, but a group only by an explicit AND
        if out and out[-1] not in _OPERATORS and out[-1] != "(" and (token == "(" or out[-1] == ")"):
            out.append("AND")
        out.append(token)

    for phrase, open_, close, word in _FTS_TOKEN.findall(text):
        if open_:
            operand("(")
            depth += 1
        elif close:
            if not depth:
                continue
            while out[-1] in _OPERATORS:
                out.pop()
            if out[-1] == "(":
                out.pop()  # "()" says nothing
            else:
                out.append(")")
            depth -= 1
        elif word in _OPERATORS:
            if out and out[-1] not in _OPERATORS and out[-1] != "(":
                out.append(word)
        elif word:
            words = _WORD.findall(word)
            for n, w in enumerate(words, 1):
                operand(f'"{w}"' + ("*" if n == len(words) and word.endswith("*") else ""))
        elif words := _WORD.findall(phrase):
            operand('"' + " ".join(words) + '"')
    while out and (out[-1] in _OPERATORS or out[-1] == "("):
        if out.pop() == "(":
            depth -= 1
    out.extend(")" * depth)
    return " ".join(out) or '""'


def match_query(conn: sqlite3.Connection, query: str) -> str:
    """The FTS5 query for ``query``; should SQLite still refuse it, every word required instead."""
    match = fts_query(query)
    try:
        conn.execute("SELECT COUNT(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1)", (match,)).fetchone()
    except sqlite3.OperationalError:
        match = " ".join(f'"{w}"' for w in _WORD.findall(query)) or '""'
    return match
