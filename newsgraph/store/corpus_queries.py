"""Queries over the cross-article groups the writer keeps (``linking.py``):
stories (copies and updates of one report), statements (one quote reported
by several articles) and incidents (one event told by several articles),
each with every report, earliest first.

"Sources" count independent reports: articles of one story are one source,
however many outlets ran the copy.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from .queries import as_dicts, resolve

__all__ = ["stories", "statements", "incidents"]


def stories(conn: sqlite3.Connection, *, min_articles: int = 2, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Stories of at least ``min_articles`` articles, the largest first, each
    with its first report and every article in it (earliest first)."""
    groups = conn.execute(
        "SELECT s.story, COUNT(*) AS n FROM article_story s GROUP BY s.story HAVING n >= ?"
        " ORDER BY n DESC, s.story LIMIT ? OFFSET ?", (min_articles, limit, offset)).fetchall()
    out = []
    for story, n in groups:
        articles = as_dicts(conn.execute(
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
        reports = as_dicts(conn.execute(
            "SELECT a.ref AS article, a.source, a.published, q.text AS quote, q.cue, q.start, q.\"end\", q.confidence,"
            " COALESCE(st.story, a.id) AS story FROM quote_statement qs JOIN quotes q ON q.id = qs.quote_id"
            " JOIN articles a ON a.id = q.article_id LEFT JOIN article_story st ON st.article_id = a.id"
            " WHERE qs.statement = ? ORDER BY a.published IS NULL, a.published, a.key, q.start", (statement,)))
        head = conn.execute("SELECT COALESCE(c.name, q.speaker_name) FROM quotes q LEFT JOIN corpus_entities c ON c.id = q.speaker_corpus"
                            " WHERE q.id = ?", (statement,)).fetchone()
        denials = as_dicts(conn.execute(
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


def incidents(conn: sqlite3.Connection, *, type: str | None = None, since: str | None = None, until: str | None = None,
              min_articles: int = 2, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Incidents (one real-world event told by several articles) of at least
    ``min_articles`` articles, the most reported first: the first report,
    every mention earliest first with its article, offsets and casualty
    figures (kept side by side when the reports disagree, each with its
    source), and counts of mentions, articles and independent sources."""
    where, args = [], []
    if type:
        where.append("f.type = ?")
        args.append(type)
    if since:
        where.append("f.day >= ?")
        args.append(since)
    if until:
        where.append("f.day <= ?")
        args.append(until)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    groups = conn.execute(
        f"SELECT ei.incident, COUNT(DISTINCT e.article_id) AS n FROM event_incident ei JOIN events e ON e.id = ei.event_id"
        f" JOIN events f ON f.id = ei.incident{clause} GROUP BY ei.incident HAVING n >= ? ORDER BY n DESC, ei.incident LIMIT ? OFFSET ?",
        (*args, min_articles, limit, offset)).fetchall()
    out = []
    for incident, _ in groups:
        mentions = as_dicts(conn.execute(
            "SELECT a.ref AS article, a.source, a.published, e.type, e.cameo, e.actor_text AS actor, e.target_text AS target,"
            " l.name AS place, e.date, e.day, e.start, e.\"end\", e.confidence, e.figures AS figure_ids, a.id AS article_row,"
            " COALESCE(st.story, a.id) AS story FROM event_incident ei JOIN events e ON e.id = ei.event_id"
            " JOIN articles a ON a.id = e.article_id LEFT JOIN locations l ON l.id = e.location_id"
            " LEFT JOIN article_story st ON st.article_id = a.id WHERE ei.incident = ?"
            " ORDER BY a.published IS NULL, a.published, a.key, e.start", (incident,)))
        for m in mentions:
            ids = json.loads(m.pop("figure_ids") or "[]")
            row = m.pop("article_row")
            m["casualties"] = as_dicts(conn.execute(
                f"SELECT text, value, category FROM figures WHERE article_id = ? AND local_id IN ({','.join('?' * len(ids))})"
                " AND category IS NOT NULL ORDER BY start", (row, *ids))) if ids else []
        sources = {m.pop("story") for m in mentions}
        first = mentions[0]
        out.append({"type": first["type"], "day": first["day"], "actor": first["actor"], "target": first["target"],
                    "place": first["place"], "first_report": first["article"], "first_published": first["published"],
                    "n_mentions": len(mentions), "n_articles": len({m["article"] for m in mentions}), "n_sources": len(sources),
                    "mentions": mentions})
    return out
