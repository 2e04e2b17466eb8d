"""Read-only queries over a knowledge base; each returns plain dicts (rows)
so the CLI, the web views and the Python API share them.

Names are resolved to corpus entities through ``resolve``: the exact name, any
alias seen, or (for persons) the spelling-tolerant surname key with a
compatible given name: "Zelensky" finds "Volodymyr Zelenskyy".
"""
from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from . import identity

__all__ = ["resolve", "articles", "quotes", "events", "entities", "entity", "places", "search", "show", "fts_query"]

_WORD = re.compile(r"\w+", re.UNICODE)
SEARCH_CANDIDATES = 2000  # full-text matches ordered per query: the most recently stored ones


def _rows(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    return [dict(r) for r in cur.fetchall()]


def fts_query(text: str) -> str:
    """A safe FTS5 query: every word quoted, all required ('"rail" "strike"')."""
    words = _WORD.findall(text)
    return " ".join(f'"{w}"' for w in words) or '""'


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


def _date_filter(column: str, since: str | None, until: str | None, where: list[str], args: list[Any]) -> None:
    if since:
        where.append(f"{column} >= ?")
        args.append(since)
    if until:
        where.append(f"substr({column}, 1, 10) <= ?")
        args.append(until[:10])


def quotes(conn: sqlite3.Connection, *, speaker: str | None = None, search: str | None = None, since: str | None = None,
           until: str | None = None, limit: int = 50, offset: int = 0, act: str | None = "statement") -> list[dict[str, Any]]:
    """Quotes, newest first: "who said what" (``act`` statement) unless
    ``act`` names another (belief, intention, finding) or is None / "all"."""
    where, args = [], []
    if act and act != "all":
        where.append("q.act = ?")
        args.append(act)
    if speaker:
        ids = resolve(conn, speaker)
        marks = ",".join("?" * len(ids))
        where.append(f"(q.speaker_corpus IN ({marks}) OR q.speaker_name = ? COLLATE NOCASE)" if ids else "q.speaker_name = ? COLLATE NOCASE")
        args += [*ids, speaker]
    if search:
        # alone, a common word matches a large share of all quotes: sort only the most recently stored matches
        bound = "" if speaker or since or until else f" ORDER BY rowid DESC LIMIT {max(SEARCH_CANDIDATES, limit + offset)}"
        where.append(f"q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?{bound})")
        args.append(fts_query(search))
    _date_filter("a.published", since, until, where, args)
    sql = ("SELECT a.ref AS article, a.published, COALESCE(c.name, q.speaker_name) AS speaker, q.kind, q.cue, q.text AS quote,"
           " q.start, q.\"end\", q.confidence, q.act FROM quotes q JOIN articles a ON a.id = q.article_id"
           " LEFT JOIN corpus_entities c ON c.id = q.speaker_corpus")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY a.published DESC, q.id LIMIT ? OFFSET ?"
    return _rows(conn.execute(sql, (*args, limit, offset)))


def events(conn: sqlite3.Connection, *, type: str | None = None, actor: str | None = None, target: str | None = None,
           country: str | None = None, place: str | None = None, since: str | None = None, until: str | None = None,
           limit: int = 50, offset: int = 0, detail: bool = False) -> list[dict[str, Any]]:
    """Events, newest first; ``detail`` adds the place's coordinates and the
    evidence and trigger offsets (for maps and links into the article)."""
    where, args = [], []
    if type:
        where.append("v.type = ?")
        args.append(type.upper())
    for role, name in (("actor", actor), ("target", target)):
        if name:
            ids = resolve(conn, name)
            marks = ",".join("?" * len(ids))
            where.append(f"(v.{role}_corpus IN ({marks}) OR v.{role}_text = ? COLLATE NOCASE)" if ids else f"v.{role}_text = ? COLLATE NOCASE")
            args += [*ids, name]
    if country:
        where.append("(v.actor_country = ? OR v.target_country = ?)")
        args += [country.upper(), country.upper()]
    if place:
        where.append("v.location_id IN (SELECT id FROM locations WHERE name = ? COLLATE NOCASE)")
        args.append(place)
    # an event's date covers days (a week, a month): it is in range when the days overlap
    if since:
        where.append("COALESCE(v.day_end, v.day) >= ?")
        args.append(since[:10])
    if until:
        where.append("v.day <= ?")
        args.append(until[:10])
    sql = ("SELECT a.ref AS article, COALESCE(v.date, v.day) AS date, v.type, v.cameo, v.mode,"
           " COALESCE(ca.name, v.actor_text) AS actor, v.actor_country, COALESCE(ct.name, v.target_text) AS target, v.target_country,"
           " l.name AS place, v.negated, substr(a.text, v.start + 1, v.\"end\" - v.start) AS evidence"
           + (", l.lat, l.lon, v.start, v.\"end\", v.trigger_start, v.trigger_end" if detail else "") +
           " FROM events v JOIN articles a ON a.id = v.article_id LEFT JOIN corpus_entities ca ON ca.id = v.actor_corpus"
           " LEFT JOIN corpus_entities ct ON ct.id = v.target_corpus LEFT JOIN locations l ON l.id = v.location_id")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY v.day DESC, v.id LIMIT ? OFFSET ?"
    return _rows(conn.execute(sql, (*args, limit, offset)))


def entities(conn: sqlite3.Connection, *, type: str | None = None, top: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    sql = "SELECT id, type, name, country, n_articles AS articles, n_mentions AS mentions FROM corpus_entities"
    args: list[Any] = []
    if type:
        sql += " WHERE type = ?"
        args.append(type.upper())
    sql += " ORDER BY n_articles DESC, n_mentions DESC, id LIMIT ? OFFSET ?"
    return _rows(conn.execute(sql, (*args, top, offset)))


def entity(conn: sqlite3.Connection, name: str, *, limit: int = 20) -> dict[str, Any] | None:
    """A profile: the best-matching corpus entity with its aliases, titles,
    quotes, events as actor and as target, and the entities it appears with."""
    ids = resolve(conn, name)
    if not ids:
        return None
    cid = ids[0]
    row = dict(conn.execute("SELECT id, type, name, country, n_articles AS articles, n_mentions AS mentions FROM corpus_entities WHERE id = ?", (cid,)).fetchone())
    aliases: set[str] = set()
    titles: set[str] = set()
    for r in conn.execute("SELECT name, aliases, titles FROM entities WHERE corpus_id = ? LIMIT 2000", (cid,)):
        aliases.add(r[0])
        aliases.update(json.loads(r[1]))
        titles.update(json.loads(r[2]))
    aliases.discard(row["name"])
    row["aliases"] = sorted(aliases)
    row["titles"] = sorted(titles)
    row["other_matches"] = [dict(r) for r in conn.execute(
        f"SELECT id, type, name, country FROM corpus_entities WHERE id IN ({','.join('?' * len(ids[1:]))})", ids[1:])] if len(ids) > 1 else []
    row["quotes"] = _rows(conn.execute(
        "SELECT a.ref AS article, a.published, q.kind, q.text AS quote FROM quotes q JOIN articles a ON a.id = q.article_id"
        " WHERE q.speaker_corpus = ? AND q.act = 'statement' ORDER BY a.published DESC, q.id LIMIT ?", (cid, limit)))
    for role in ("actor", "target"):
        row[f"events_as_{role}"] = _rows(conn.execute(
            f"SELECT a.ref AS article, v.day AS date, v.type, v.cameo, v.actor_text AS actor, v.target_text AS target"
            f" FROM events v JOIN articles a ON a.id = v.article_id WHERE v.{role}_corpus = ? ORDER BY v.day DESC, v.id LIMIT ?", (cid, limit)))
    row["co_mentions"] = _rows(conn.execute(  # precomputed by the writer: no join over the entities of every article
        "SELECT c.name, c.type, x.articles FROM (SELECT b AS other, articles FROM co_mentions WHERE a = ?"
        " UNION ALL SELECT a, articles FROM co_mentions WHERE b = ?) x JOIN corpus_entities c ON c.id = x.other"
        " ORDER BY x.articles DESC, c.id LIMIT ?", (cid, cid, limit)))
    return row


def search(conn: sqlite3.Connection, query: str, *, limit: int = 20, offset: int = 0,
           candidates: int = SEARCH_CANDIDATES) -> list[dict[str, Any]]:
    """Articles matching ``query`` (every word), best first, with a snippet.

    Ranking reads each match's document size, so it is bounded: bm25 orders
    the ``candidates`` most recently stored matches (walking a doclist newest
    first costs no lookups), and snippets are made for the returned rows only."""
    match = fts_query(query)
    cut = conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                       (match, max(candidates, limit + offset) - 1)).fetchone()
    ids = [r[0] for r in conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ? OFFSET ?",
        (match, cut[0] if cut else 0, limit, offset))]
    out = []
    for rowid in ids:
        row = conn.execute(
            "SELECT a.ref AS article, a.published, a.title, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet"
            " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ? AND articles_fts.rowid = ?",
            (match, rowid)).fetchone()
        out.append(dict(row))
    return out


def articles(conn: sqlite3.Connection, *, source: str | None = None, since: str | None = None, until: str | None = None,
             limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Stored articles, newest first, with how many records of each kind they hold."""
    where, args = [], []
    if source:
        where.append("a.source = ? COLLATE NOCASE")
        args.append(source)
    _date_filter("a.published", since, until, where, args)
    sql = ("SELECT a.ref AS article, a.title, a.source, a.published, a.language, a.quality,"
           " (SELECT COUNT(*) FROM entities e WHERE e.article_id = a.id) AS entities,"
           " (SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,"
           " (SELECT COUNT(*) FROM events v WHERE v.article_id = a.id) AS events FROM articles a")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?"
    return _rows(conn.execute(sql, (*args, limit, offset)))


def places(conn: sqlite3.Connection, *, country: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Resolved places across the corpus, most-mentioned first, with their
    coordinates and how many articles and events name them: the places
    articles name as places (not only as "Russian troops")."""
    sql = ("SELECT l.name, l.country, l.feature, l.lat, l.lon, l.geonameid, COUNT(DISTINCT l.article_id) AS articles,"
           " COUNT(DISTINCT v.id) AS events FROM locations l LEFT JOIN events v ON v.location_id = l.id WHERE l.literal = 1")
    args: list[Any] = []
    if country:
        sql += " AND l.country = ?"
        args.append(country.upper())
    sql += " GROUP BY l.name, l.country ORDER BY articles DESC, events DESC, l.name LIMIT ? OFFSET ?"
    return _rows(conn.execute(sql, (*args, limit, offset)))


def show(conn: sqlite3.Connection, article: str) -> dict[str, Any] | None:
    """The full stored record (the contract's JSON) of an article, by its id,
    URL/key, or row number."""
    row = conn.execute("SELECT text, record FROM articles WHERE ref = ? OR key = ? ORDER BY id LIMIT 1", (article, article)).fetchone()
    if row is None and article.isdigit():
        row = conn.execute("SELECT text, record FROM articles WHERE id = ?", (int(article),)).fetchone()
    if row is None:
        return None
    return full_record(row["record"], row["text"])


def full_record(record_json: str, text: str) -> dict[str, Any]:
    record = json.loads(record_json)
    record["article"]["text"] = text
    return record
