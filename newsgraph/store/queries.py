"""Read-only queries over a knowledge base; each returns plain dicts (rows)
so the CLI, the web views and the Python API share them.

Names are resolved to corpus entities through ``resolve``: the exact name, any
alias seen, or (for persons) the spelling-tolerant surname key with a
compatible given name: "Zelensky" finds "Volodymyr Zelenskyy".
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Iterator

from .filters import EventFilter, QuoteFilter, published_between
from .matching import SEARCH_CANDIDATES, fts_query, match_query, resolve

__all__ = ["EventFilter", "QuoteFilter", "resolve", "articles", "quotes", "events", "entities", "entity", "places", "search", "show", "fts_query",
           "Listing", "SORTS", "COUNT_BOUND", "article_listing", "quote_listing", "event_listing", "entity_listing",
           "place_listing", "search_listing", "event_points", "entity_articles"]

#: totals are counted up to this many rows ("10,000+" beyond): a count never walks the whole table
COUNT_BOUND = 10_000


def as_dicts(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    return [dict(r) for r in cur.fetchall()]


@dataclass(frozen=True)
class Listing:
    """One list query, its filters bound: a page of it, its (bounded) total,
    or every row streamed from a cursor (constant memory: rows are never
    gathered into a list)."""

    columns: str
    source: str  # FROM ... and its joins
    where: tuple[str, ...] = ()
    args: tuple[Any, ...] = ()
    order: str = ""
    group: str = ""
    count_source: str = ""  # a cheaper FROM for the total, when the filters need none of the joins

    def _body(self, source: str = "") -> str:
        sql = f" FROM {source or self.source}"
        if self.where:
            sql += " WHERE " + " AND ".join(self.where)
        if self.group:
            sql += f" GROUP BY {self.group}"
        return sql

    def sql(self) -> str:
        return f"SELECT {self.columns}{self._body()}" + (f" ORDER BY {self.order}" if self.order else "")

    def page(self, conn: sqlite3.Connection, limit: int, offset: int = 0) -> list[dict[str, Any]]:
        return as_dicts(conn.execute(self.sql() + " LIMIT ? OFFSET ?", (*self.args, limit, offset)))

    def count(self, conn: sqlite3.Connection, bound: int = COUNT_BOUND) -> tuple[int, bool]:
        """(rows, exact): at most ``bound`` rows are counted; past that, ``(bound, False)``."""
        n = conn.execute(f"SELECT COUNT(*) FROM (SELECT 1{self._body(self.count_source)} LIMIT ?)", (*self.args, bound + 1)).fetchone()[0]
        return (bound, False) if n > bound else (n, True)

    def stream(self, conn: sqlite3.Connection, chunk: int = 500) -> Iterator[dict[str, Any]]:
        cur = conn.execute(self.sql(), self.args)
        try:
            while batch := cur.fetchmany(chunk):
                for r in batch:
                    yield dict(r)
        finally:
            cur.close()


#: the columns each list can be sorted by (``sort=KEY`` ascending, ``sort=-KEY`` descending), as ORDER BY terms;
#: the first is the default (descending). Each is an indexed column or one the list computes anyway.
SORTS: dict[str, dict[str, str]] = {
    # not offered: an article's title or quality, a quote's confidence: unindexed, they sort every row of a large table (350-450 ms
    # at 100k articles, bench/queries.py); a migration adding their indexes would bring them back
    "articles": {"published": "a.published {d}, a.id {d}"},
    "quotes": {"published": "a.published {d}, q.id", "speaker": "q.speaker_name COLLATE NOCASE {d}, q.id {d}"},  # the name as written: indexed
    "events": {"date": "v.day {d}, v.id", "type": "v.type {d}, v.day DESC, v.id", "confidence": "v.confidence {d}, v.id"},
    "entities": {"articles": "n_articles {d}, n_mentions {d}, id", "mentions": "n_mentions {d}, id", "name": "name COLLATE NOCASE {d}, id"},
    "places": {"articles": "p.articles {d}, p.events {d}", "events": "p.events {d}, p.articles {d}", "name": "p.name COLLATE NOCASE {d}"},
}


def order_by(kind: str, sort: str | None) -> str:
    """The ORDER BY of list ``kind`` for ``sort`` (``KEY`` or ``-KEY``); ValueError names the choices."""
    sorts = SORTS[kind]
    if not sort:
        return next(iter(sorts.values())).format(d="DESC")
    key = sort.lstrip("-")
    if key not in sorts:
        raise ValueError(f"sort: {sort!r} is not one of {', '.join(sorted(sorts))} (prefix - for descending)")
    return sorts[key].format(d="DESC" if sort.startswith("-") else "ASC")




def quote_listing(conn: sqlite3.Connection, filt: QuoteFilter = QuoteFilter(), *, sort: str | None = None,
                  bound: int = SEARCH_CANDIDATES) -> Listing:
    """Quotes ``filt`` selects; ``bound``: a search alone ranks only that many
    of the most recently stored matches (0: all of them, for a download)."""
    where, args = filt.where(conn, bound)
    return Listing("a.ref AS article, a.published, COALESCE(c.name, q.speaker_name) AS speaker, q.kind, q.cue, q.text AS quote,"
                   " q.start, q.\"end\", q.confidence, q.act",
                   "quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN corpus_entities c ON c.id = q.speaker_corpus",
                   tuple(where), tuple(args), order_by("quotes", sort), count_source="" if filt.since or filt.until else "quotes q")


def quotes(conn: sqlite3.Connection, filt: QuoteFilter = QuoteFilter(), *, limit: int = 50, offset: int = 0,
           sort: str | None = None) -> list[dict[str, Any]]:
    """Quotes, newest first: "who said what" (``act`` statement) unless the
    filter's ``act`` names another (belief, intention, finding) or "all"."""
    return quote_listing(conn, filt, sort=sort, bound=max(SEARCH_CANDIDATES, limit + offset)).page(conn, limit, offset)


def event_listing(conn: sqlite3.Connection, filt: EventFilter = EventFilter(), *, detail: bool = False,
                  sort: str | None = None) -> Listing:
    """Events ``filt`` selects, newest first; ``detail`` adds the place's
    coordinates and the evidence and trigger offsets (for maps and links into the article)."""
    where, args = filt.where(conn)
    return Listing("a.ref AS article, COALESCE(v.date, v.day) AS date, v.type, v.cameo, v.mode,"
                   " COALESCE(ca.name, v.actor_text) AS actor, v.actor_country, COALESCE(ct.name, v.target_text) AS target, v.target_country,"
                   " l.name AS place, v.negated, v.confidence, substr(a.text, v.start + 1, v.\"end\" - v.start) AS evidence"
                   + (", l.lat, l.lon, v.start, v.\"end\", v.trigger_start, v.trigger_end" if detail else ""),
                   "events v JOIN articles a ON a.id = v.article_id LEFT JOIN corpus_entities ca ON ca.id = v.actor_corpus"
                   " LEFT JOIN corpus_entities ct ON ct.id = v.target_corpus LEFT JOIN locations l ON l.id = v.location_id",
                   tuple(where), tuple(args), order_by("events", sort), count_source="events v")


def events(conn: sqlite3.Connection, filt: EventFilter = EventFilter(), *, limit: int = 50, offset: int = 0,
           sort: str | None = None, detail: bool = False) -> list[dict[str, Any]]:
    """Events ``filt`` selects, newest first."""
    return event_listing(conn, filt, detail=detail, sort=sort).page(conn, limit, offset)


def event_points(conn: sqlite3.Connection, filt: EventFilter = EventFilter(), *, limit: int = 2000) -> list[dict[str, Any]]:
    """What a timeline and a map of the filtered events need (day, type, place and its coordinates), newest
    first, at most ``limit``: no article text is read."""
    where, args = filt.where(conn)
    sql = ("SELECT v.day AS date, v.type, l.name AS place, l.lat, l.lon FROM events v LEFT JOIN locations l ON l.id = v.location_id"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY v.day DESC, v.id LIMIT ?")
    return as_dicts(conn.execute(sql, (*args, limit)))


def entity_listing(conn: sqlite3.Connection, *, type: str | None = None, sort: str | None = None) -> Listing:
    where, args = ([], []) if not type else (["type = ?"], [type.upper()])
    return Listing("id, type, name, country, n_articles AS articles, n_mentions AS mentions", "corpus_entities",
                   tuple(where), tuple(args), order_by("entities", sort))


def entities(conn: sqlite3.Connection, *, type: str | None = None, top: int = 20, offset: int = 0, sort: str | None = None) -> list[dict[str, Any]]:
    return entity_listing(conn, type=type, sort=sort).page(conn, top, offset)


def entity_articles(conn: sqlite3.Connection, entity_id: int, *, limit: int = 20) -> list[dict[str, Any]]:
    """The articles that mention a corpus entity, the most recently stored first (the index's order: no sort
    over every article of a common name), with how many mentions each."""
    return as_dicts(conn.execute(
        "SELECT a.ref AS article, a.title, a.published, a.source, (SELECT COUNT(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions"
        " FROM entities e JOIN articles a ON a.id = e.article_id WHERE e.corpus_id = ? ORDER BY e.article_id DESC LIMIT ?", (entity_id, limit)))


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
    row["quotes"] = as_dicts(conn.execute(
        "SELECT a.ref AS article, a.published, q.kind, q.text AS quote, q.start, q.\"end\", q.confidence FROM quotes q JOIN articles a ON a.id = q.article_id"
        " WHERE q.speaker_corpus = ? AND q.act = 'statement' ORDER BY a.published DESC, q.id LIMIT ?", (cid, limit)))
    for role in ("actor", "target"):
        row[f"events_as_{role}"] = as_dicts(conn.execute(
            f"SELECT a.ref AS article, v.day AS date, v.type, v.cameo, v.actor_text AS actor, v.target_text AS target"
            f" FROM events v JOIN articles a ON a.id = v.article_id WHERE v.{role}_corpus = ? ORDER BY v.day DESC, v.id LIMIT ?", (cid, limit)))
    row["articles_list"] = entity_articles(conn, cid, limit=limit)
    row["co_mentions"] = as_dicts(conn.execute(  # precomputed by the writer: no join over the entities of every article
        "SELECT c.name, c.type, x.articles FROM (SELECT b AS other, articles FROM co_mentions WHERE a = ?"
        " UNION ALL SELECT a, articles FROM co_mentions WHERE b = ?) x JOIN corpus_entities c ON c.id = x.other"
        " ORDER BY x.articles DESC, c.id LIMIT ?", (cid, cid, limit)))
    return row


def search(conn: sqlite3.Connection, query: str, *, limit: int = 20, offset: int = 0,
           candidates: int = SEARCH_CANDIDATES, min_confidence: float | None = None) -> list[dict[str, Any]]:
    """Articles matching ``query`` (``fts_query``'s syntax: every word, phrases,
    prefix*, OR, NOT), best first, with a snippet.

    Ranking reads each match's document size, so it is bounded: bm25 orders
    the ``candidates`` most recently stored matches (walking a doclist newest
    first costs no lookups), and snippets are made for the returned rows only."""
    match = match_query(conn, query)
    cut = conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                       (match, max(candidates, limit + offset) - 1)).fetchone()
    quality = "" if min_confidence is None else " AND rowid IN (SELECT id FROM articles WHERE quality >= ?)"
    ids = [r[0] for r in conn.execute(
        f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ?{quality} ORDER BY rank LIMIT ? OFFSET ?",
        (match, cut[0] if cut else 0, *([] if min_confidence is None else [min_confidence]), limit, offset))]
    out = []
    for rowid in ids:
        row = conn.execute(
            "SELECT a.ref AS article, a.published, a.title, a.quality, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet"
            " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ? AND articles_fts.rowid = ?",
            (match, rowid)).fetchone()
        out.append(dict(row))
    return out


def search_listing(conn: sqlite3.Connection, query: str, *, min_confidence: float | None = None) -> Listing:
    """Every article matching ``query``, the most recently stored first (the index's own order, so that all
    matches stream without ranking them in memory), with a snippet each."""
    where, args = ["articles_fts MATCH ?"], [match_query(conn, query)]
    if min_confidence is not None:
        where.append("a.quality >= ?")
        args.append(min_confidence)
    return Listing("a.ref AS article, a.published, a.title, a.quality, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet",
                   "articles_fts JOIN articles a ON a.id = articles_fts.rowid", tuple(where), tuple(args), "articles_fts.rowid DESC")


def article_listing(conn: sqlite3.Connection, *, source: str | None = None, since: str | None = None, until: str | None = None,
                    min_confidence: float | None = None, sort: str | None = None) -> Listing:
    """Stored articles, newest first, with how many records of each kind they
    hold; ``min_confidence`` is on the article's quality score."""
    where, args = [], []
    if source:
        where.append("a.source = ? COLLATE NOCASE")
        args.append(source)
    if min_confidence is not None:
        where.append("a.quality >= ?")
        args.append(min_confidence)
    published_between("a.published", since, until, where, args)
    return Listing("a.ref AS article, a.title, a.source, a.published, a.language, a.quality,"
                   " (SELECT COUNT(*) FROM entities e WHERE e.article_id = a.id) AS entities,"
                   " (SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,"
                   " (SELECT COUNT(*) FROM events v WHERE v.article_id = a.id) AS events", "articles a",
                   tuple(where), tuple(args), order_by("articles", sort))


def articles(conn: sqlite3.Connection, *, limit: int = 50, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
    """Stored articles, newest first (filters as ``article_listing``). The page's
    rows are chosen first and counted after, so a sort never counts the
    records of articles it does not show."""
    listing = article_listing(conn, **filters)
    chosen = Listing("a.id", listing.source, listing.where, listing.args, listing.order)
    ids = [r["id"] for r in chosen.page(conn, limit, offset)]
    if not ids:
        return []
    rows = Listing(listing.columns, listing.source, (f"a.id IN ({','.join('?' * len(ids))})",), tuple(ids), listing.order)
    return rows.page(conn, limit, 0)


def place_listing(conn: sqlite3.Connection, *, country: str | None = None, sort: str | None = None) -> Listing:
    """Resolved places across the corpus, most-mentioned first, with their
    coordinates and how many articles and events name them: the places
    articles name as places (not only as "Russian troops"). Read from the
    counts the writer keeps (``corpus_places``), never by grouping every location."""
    where, args = ((), ()) if not country else (("p.country = ?",), (country.upper(),))
    return Listing("p.name, p.country, p.feature, p.lat, p.lon, p.geonameid, p.articles, p.events", "corpus_places p",
                   where, args, order_by("places", sort))


def places(conn: sqlite3.Connection, *, limit: int = 50, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
    return place_listing(conn, **filters).page(conn, limit, offset)


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
