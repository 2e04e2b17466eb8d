"""The single writer: records (the contract's JSON) into normalized tables.

Every article goes in with all its rows in the transaction of its batch, so a
process killed at any moment leaves either the whole article or nothing; the
article's ``key`` is UNIQUE, so running again adds only what is missing.
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import sqlite3
from typing import Any, Iterable, Mapping

from ..lexicons import countries as country_lexicon
from ..lexicons import key as lexicon_key
from ..lexicons import titles as title_lexicon
from ..storable import storable, storable_record
from . import columns, identity, linking
from .db import article_key

log = logging.getLogger(__name__)

__all__ = ["Writer", "Pending"]

Pending = tuple[str, Mapping[str, Any]]  # (key, record dict)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class Writer:
    """Writes records through one connection; ``write`` takes a batch."""

    def __init__(self, conn: sqlite3.Connection, version: str):
        self.conn = conn
        self.version = version
        self._titles = title_lexicon()
        self._countries = country_lexicon()

    # ------------------------------------------------------------ identity
    def known(self, key: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE key = ?", (key,)).fetchone() is not None

    @staticmethod
    def key_of(record: Mapping[str, Any]) -> str:
        art = record["article"]
        return article_key(art.get("url"), art["text"])

    # ------------------------------------------------------------ writes
    def write(self, records: Iterable[Mapping[str, Any]], failures: Iterable[tuple[str, str]] = ()) -> tuple[int, int]:
        """Insert new records and note failures, all in one transaction.
        Returns ``(new, duplicate)``."""
        new = dup = 0
        failures = [storable(f) for f in failures]
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            for record in records:
                record = storable_record(record)
                key = self.key_of(record)
                if cur.execute("SELECT 1 FROM articles WHERE key = ?", (key,)).fetchone():
                    dup += 1
                    continue
                # one record that cannot be stored costs only itself
                cur.execute("SAVEPOINT one_record")
                try:
                    self._insert(cur, key, record)
                    cur.execute("DELETE FROM failures WHERE origin = ?", (record["article"]["id"],))
                except (sqlite3.Error, ValueError, TypeError, KeyError) as exc:
                    cur.execute("ROLLBACK TO one_record")
                    log.error("cannot store %s: %s", record["article"].get("id"), exc)
                    failures.append((str(record["article"].get("id")), f"cannot be stored: {exc.__class__.__name__}: {exc}"))
                else:
                    new += 1
                cur.execute("RELEASE one_record")
            for origin, reason in failures:
                cur.execute("INSERT OR REPLACE INTO failures(origin, reason, at) VALUES (?, ?, ?)", (origin, reason, _now()))
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return new, dup

    def replace(self, article_id: int, record: Mapping[str, Any]) -> None:
        """Re-extracted rows for a stored article (``reprocess``), in one transaction."""
        record = storable_record(record)
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            self._delete_children(cur, article_id)
            art = record["article"]
            cur.execute(
                "UPDATE articles SET language = ?, quality = ?, extractor_version = ?, record = ? WHERE id = ?",
                (art.get("language"), (record.get("quality") or {}).get("score"), self.version, columns.record_json(record), article_id),
            )
            self._insert_children(cur, article_id, record)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def prune(self) -> int:
        """Drop corpus entities no article links to any more."""
        cur = self.conn.execute("DELETE FROM corpus_entities WHERE n_articles <= 0 AND id NOT IN (SELECT corpus_id FROM entities WHERE corpus_id IS NOT NULL)")
        return cur.rowcount

    # ------------------------------------------------------------ internals
    def _insert(self, cur: sqlite3.Cursor, key: str, record: Mapping[str, Any]) -> int:
        article_id = _insert_row(cur, "articles", {"key": key, **columns.article_columns(record, self.version), "ingested_at": _now()})
        self._insert_children(cur, article_id, record)
        return article_id

    def _insert_children(self, cur: sqlite3.Cursor, aid: int, record: Mapping[str, Any]) -> None:
        text = record["article"]["text"]
        published = record["article"].get("published")
        ents: dict[str, tuple[int, int]] = {}  # local id -> (entities.id, corpus id)
        linked: set[int] = set()
        for e in record.get("entities", ()):
            corpus = self._link(cur, e)
            entity_id = _insert_row(cur, "entities", {"article_id": aid, "corpus_id": corpus, **columns.entity_columns(e)})
            ents[e["id"]] = (entity_id, corpus)
            mentions = e.get("mentions", [])
            cur.executemany("INSERT INTO mentions(entity_id, article_id, start, \"end\") VALUES (?,?,?,?)",
                            [(entity_id, aid, m[0], m[1]) for m in mentions])
            cur.execute("UPDATE corpus_entities SET n_mentions = n_mentions + ?, n_articles = n_articles + ? WHERE id = ?",
                        (len(mentions), 0 if corpus in linked else 1, corpus))
            linked.add(corpus)
        cur.executemany("INSERT INTO co_mentions(a, b, articles) VALUES (?, ?, 1) ON CONFLICT(a, b) DO UPDATE SET articles = articles + 1",
                        _pairs(linked))
        quotes: dict[str, int] = {}
        for q in record.get("quotes", ()):
            speaker = ents.get(q.get("speaker") or "", (None, None))
            quotes[q["id"]] = _insert_row(cur, "quotes", {"article_id": aid, **columns.quote_columns(q, text),
                                                           "speaker_id": speaker[0], "speaker_corpus": speaker[1]})
        for f in record.get("figures", ()):
            _insert_row(cur, "figures", {"article_id": aid, **columns.figure_columns(f)})
        locs: dict[str, int] = {}
        places: dict[tuple[str, str], list] = {}  # (name, country key) -> its corpus_places row, events counted below
        literal: dict[str, tuple[str, str]] = {}
        for loc in record.get("locations", ()):
            row = {"article_id": aid, **columns.location_columns(loc)}
            locs[loc["id"]] = _insert_row(cur, "locations", row)
            if row["literal"] and row["name"] is not None:
                literal[loc["id"]] = place_key = (row["name"], row["country"] or "")
                places.setdefault(place_key, [*place_key, row["country"], row["feature"], row["lat"], row["lon"], row["geonameid"], 0])
        for v in record.get("events", ()):
            if (v.get("location") or "") in literal:
                places[literal[v["location"]]][-1] += 1
        cur.executemany("INSERT INTO corpus_places(name, country_key, country, feature, lat, lon, geonameid, articles, events)"
                        " VALUES (?,?,?,?,?,?,?,1,?) ON CONFLICT(name, country_key) DO UPDATE SET articles = articles + 1,"
                        " events = events + excluded.events", list(places.values()))
        for v in record.get("events", ()):
            a = ents.get((v.get("actor") or {}).get("entity") or "", (None, None))
            t = ents.get((v.get("target") or {}).get("entity") or "", (None, None))
            _insert_row(cur, "events", {"article_id": aid, **columns.event_columns(v, published),
                                        "actor_id": a[0], "actor_corpus": a[1], "target_id": t[0], "target_corpus": t[1],
                                        "location_id": locs.get(v.get("location") or ""),
                                        "reported_by": quotes.get(v.get("reported_by") or ""),
                                        "figures": columns.as_json(v.get("figures", []))})
        for d in record.get("dates", ()):
            _insert_row(cur, "dates", {"article_id": aid, **columns.date_columns(d)})
        for fl in (record.get("quality") or {}).get("flags", ()):
            _insert_row(cur, "flags", {"article_id": aid, **columns.flag_columns(fl)})
        linking.link_article(cur, aid, record, linked)  # stories and statements across articles

    def _delete_children(self, cur: sqlite3.Cursor, aid: int) -> None:
        linking.unlink_article(cur, aid)
        rows = cur.execute(
            "SELECT e.corpus_id, COUNT(m.entity_id) FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id"
            " WHERE e.article_id = ? GROUP BY e.id", (aid,)).fetchall()
        per_corpus: dict[int, int] = {}
        for corpus, n in rows:
            per_corpus[corpus] = per_corpus.get(corpus, 0) + n
        cur.executemany("UPDATE corpus_entities SET n_articles = n_articles - 1, n_mentions = n_mentions - ? WHERE id = ?",
                        [(n, c) for c, n in per_corpus.items()])
        pairs = _pairs(c for c in per_corpus if c is not None)
        cur.executemany("UPDATE co_mentions SET articles = articles - 1 WHERE a = ? AND b = ?", pairs)
        cur.executemany("DELETE FROM co_mentions WHERE a = ? AND b = ? AND articles <= 0", pairs)
        places = cur.execute("SELECT l.name, COALESCE(l.country, ''), COUNT(DISTINCT v.id) FROM locations l LEFT JOIN events v"
                             " ON v.location_id = l.id WHERE l.article_id = ? AND l.literal = 1 AND l.name IS NOT NULL"
                             " GROUP BY l.name, COALESCE(l.country, '')", (aid,)).fetchall()
        cur.executemany("UPDATE corpus_places SET articles = articles - 1, events = events - ? WHERE name = ? AND country_key = ?",
                        [(n, name, country) for name, country, n in places])
        cur.executemany("DELETE FROM corpus_places WHERE name = ? AND country_key = ? AND articles <= 0",
                        [(name, country) for name, country, _ in places])
        for table in ("events", "quotes", "figures", "locations", "dates", "flags", "mentions", "entities"):
            cur.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))

    def _link(self, cur: sqlite3.Cursor, e: Mapping[str, Any]) -> int:
        """The corpus entity of a per-article entity, created when none fits."""
        type_, name = e["type"], e["name"]
        key = identity.match_key(type_, name)
        if type_ == "GPE" and self._countries.by_name.get(lexicon_key(name)):
            key = "country:" + self._countries.by_name[lexicon_key(name)]  # "US", "the United States", "America"
        given = identity.person_parts(name)[0] if type_ == "PERSON" else None
        country = e.get("country")
        words = identity.title_words(e.get("titles", ()), self._titles)
        rows = cur.execute("SELECT id, given, country, titles, n_articles FROM corpus_entities WHERE type = ? AND key = ?", (type_, key)).fetchall()
        if type_ != "PERSON":
            rows += cur.execute(
                "SELECT c.id, c.given, c.country, c.titles, c.n_articles FROM corpus_aliases a JOIN corpus_entities c ON c.id = a.entity_id"
                " WHERE a.alias_key = ? AND c.type = ?", (key, type_)).fetchall()
        cands = [identity.Candidate(r[0], r[1], r[2], frozenset(json.loads(r[3])), r[4]) for r in rows]
        best = identity.choose(given, country, words, cands)
        if best is None:
            cur.execute("INSERT INTO corpus_entities(type, name, key, given, country, titles) VALUES (?,?,?,?,?,?)",
                        (type_, name, key, given, country, json.dumps(sorted(words))))
            cid = cur.lastrowid
        else:
            cid = best.id
            current = cur.execute("SELECT name FROM corpus_entities WHERE id = ?", (cid,)).fetchone()[0]
            fuller = len(name.split()) > len(current.split())
            cur.execute(
                "UPDATE corpus_entities SET name = ?, given = COALESCE(given, ?), country = COALESCE(country, ?), titles = ? WHERE id = ?",
                (name if fuller else current, given, country, json.dumps(sorted(best.titles | words)), cid),
            )
        cur.executemany("INSERT OR IGNORE INTO corpus_aliases(alias_key, entity_id, alias) VALUES (?,?,?)",
                        [(identity.skeleton(a), cid, a) for a in dict.fromkeys([name, *e.get("aliases", ())]) if identity.skeleton(a)])
        return cid


_INSERTS: dict[tuple[str, tuple[str, ...]], str] = {}


def _insert_row(cur: sqlite3.Cursor, table: str, row: Mapping[str, Any]) -> int:
    """INSERT one row of ``table`` from its column map; the new rowid."""
    names = tuple(row)
    sql = _INSERTS.get((table, names))
    if sql is None:
        quoted = ", ".join(f'"{n}"' for n in names)
        sql = _INSERTS[(table, names)] = f"INSERT INTO {table}({quoted}) VALUES ({','.join('?' * len(names))})"
    cur.execute(sql, tuple(row.values()))
    return cur.lastrowid


def _pairs(corpus_ids: Iterable[int]) -> list[tuple[int, int]]:
    """Every unordered pair of the distinct ids, smaller id first (the ``co_mentions`` key)."""
    return list(itertools.combinations(sorted(set(corpus_ids)), 2))
