"""Queries over the cross-article groups the writer keeps (``linking.py``):
stories (copies and updates of one report) and statements (one quote
reported by several articles), each with every report, earliest first.

"Sources" count independent reports: articles of one story are one source,
however many outlets ran the copy.
"""
from __future__ import annotations

import sqlite3
from typing import Any

from .queries import _rows, resolve

__all__ = ["stories", "statements"]


def stories(conn: sqlite3.Connection, *, min_articles: int = 2, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Stories of at least ``min_articles`` articles, the largest first, each
    with its first report and every article in it (earliest first)."""
    groups = conn.execute(
        "SELECT s.story, COUNT(*) AS n FROM article_story s GROUP BY s.story HAVING n >= ?"
        " ORDER BY n DESC, s.story LIMIT ? OFFSET ?", (min_articles, limit, offset)).fetchall()
    out = []
    for story, n in groups:
        articles = _rows(conn.execute(
            "SELECT a.ref AS article, a.title, a.source, a.url, a.published FROM article_story s JOIN articles a ON a.id = s.article_id"
            " WHERE s.story = ? ORDER BY a.published IS NULL, a.published, a.key", (story,)))
        first = conn.execute("SELECT ref FROM articles WHERE id = ?", (story,)).fetchone()[0]
        outlets = {a["source"] for a in articles if a["source"]}
        out.append({"story": first, "n_articles": n, "n_outlets": len(outlets), "first_published": articles[0]["published"],
                    "articles": articles})
    return out


def statements(conn: sqlite3.Connection, *, speaker: str | None = None, min_reports: int = 2, limit: int = 50,
               offset: int = 0) -> list[dict[str, Any]]:
    """Statements reported by at least ``min_reports`` quotes (of ``speaker``,
    any alias), the most reported first: who said it, the words of its first
    report ("said it first"), every report earliest first with the article
    and offsets, how many articles and independent sources (stories), and
    the quotes that deny it."""
    where, args = "", []
    if speaker:
        ids = resolve(conn, speaker)
        if not ids:
            return []
        where = f" WHERE q.speaker_corpus IN ({','.join('?' * len(ids))})"
        args = ids
    groups = conn.execute(
        f"SELECT qs.statement, COUNT(*) AS n FROM quote_statement qs JOIN quotes q ON q.id = qs.quote_id{where}"
        f" GROUP BY qs.statement HAVING n >= ? ORDER BY n DESC, qs.statement LIMIT ? OFFSET ?",
        (*args, min_reports, limit, offset)).fetchall()
    out = []
    for statement, n in groups:
        reports = _rows(conn.execute(
            "SELECT a.ref AS article, a.source, a.published, q.text AS quote, q.cue, q.start, q.\"end\", q.confidence,"
            " COALESCE(st.story, a.id) AS story FROM quote_statement qs JOIN quotes q ON q.id = qs.quote_id"
            " JOIN articles a ON a.id = q.article_id LEFT JOIN article_story st ON st.article_id = a.id"
            " WHERE qs.statement = ? ORDER BY a.published IS NULL, a.published, a.key, q.start", (statement,)))
        head = conn.execute("SELECT COALESCE(c.name, q.speaker_name) FROM quotes q LEFT JOIN corpus_entities c ON c.id = q.speaker_corpus"
                            " WHERE q.id = ?", (statement,)).fetchone()
        denials = _rows(conn.execute(
            "SELECT a.ref AS article, a.published, COALESCE(c.name, q.speaker_name) AS speaker, q.cue, q.text AS quote, q.start, q.\"end\""
            " FROM statement_denials d JOIN quotes q ON q.id = d.quote_id JOIN articles a ON a.id = q.article_id"
            " LEFT JOIN corpus_entities c ON c.id = q.speaker_corpus"
            " WHERE d.denies IN (SELECT quote_id FROM quote_statement WHERE statement = ?)"
            " GROUP BY q.id ORDER BY a.published IS NULL, a.published, a.key, q.start", (statement,)))
        sources = {r.pop("story") for r in reports}
        out.append({"speaker": head[0], "quote": reports[0]["quote"], "first_report": reports[0]["article"],
                    "first_published": reports[0]["published"], "n_reports": n, "n_articles": len({r["article"] for r in reports}),
                    "n_sources": len(sources), "reports": reports, "denied_by": denials})
    return out
