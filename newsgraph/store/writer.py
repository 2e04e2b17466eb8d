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
from ..days import day_range
from ..lexicons.quantities import figure_kind
from ..storable import storable, storable_record
from . import identity, linking
from .db import article_key

log = logging.getLogger(__name__)

__all__ = ["Writer", "Pending"]

Pending = tuple[str, Mapping[str, Any]]  # (key, record dict)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _span(s) -> tuple[int | None, int | None]:
    return (s[0], s[1]) if s else (None, None)


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
                (art.get("language"), (record.get("quality") or {}).get("score"), self.version, _record_json(record), article_id),
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
        art = record["article"]
        known = {"id", "title", "url", "source", "published", "language", "text"}
        meta = {k: v for k, v in art.items() if k not in known}
        cur.execute(
            "INSERT INTO articles(key, ref, url, title, source, published, language, text, meta, quality, extractor_version, ingested_at, record)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (key, art["id"], art.get("url"), art.get("title"), art.get("source"), art.get("published"), art.get("language"),
             art["text"], json.dumps(meta, ensure_ascii=False), (record.get("quality") or {}).get("score"), self.version, _now(),
             _record_json(record)),
        )
        article_id = cur.lastrowid
        self._insert_children(cur, article_id, record)
        return article_id

    def _insert_children(self, cur: sqlite3.Cursor, aid: int, record: Mapping[str, Any]) -> None:
        text = record["article"]["text"]
        ents: dict[str, tuple[int, int]] = {}  # local id -> (entities.id, corpus id)
        linked: set[int] = set()
        for e in record.get("entities", ()):
            corpus = self._link(cur, e)
            cur.execute(
                "INSERT INTO entities(article_id, local_id, corpus_id, type, name, country, aliases, titles) VALUES (?,?,?,?,?,?,?,?)",
                (aid, e["id"], corpus, e["type"], e["name"], e.get("country"),
                 json.dumps(e.get("aliases", []), ensure_ascii=False), json.dumps(e.get("titles", []), ensure_ascii=False)),
            )
            ents[e["id"]] = (cur.lastrowid, corpus)
            mentions = e.get("mentions", [])
            cur.executemany("INSERT INTO mentions(entity_id, article_id, start, \"end\") VALUES (?,?,?,?)",
                            [(cur.lastrowid, aid, m[0], m[1]) for m in mentions])
            cur.execute("UPDATE corpus_entities SET n_mentions = n_mentions + ?, n_articles = n_articles + ? WHERE id = ?",
                        (len(mentions), 0 if corpus in linked else 1, corpus))
            linked.add(corpus)
        cur.executemany("INSERT INTO co_mentions(a, b, articles) VALUES (?, ?, 1) ON CONFLICT(a, b) DO UPDATE SET articles = articles + 1",
                        _pairs(linked))
        quotes: dict[str, int] = {}
        for q in record.get("quotes", ()):
            s, e_ = _span(q.get("span"))
            ss, se = _span(q.get("source_span"))
            cs, ce = _span(q.get("cue_span"))
            speaker = ents.get(q.get("speaker") or "", (None, None))
            cur.execute(
                "INSERT INTO quotes(article_id, local_id, kind, start, \"end\", text, speaker_id, speaker_corpus, speaker_name,"
                " source_start, source_end, cue, cue_start, cue_end, confidence, act) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (aid, q["id"], q.get("kind"), s, e_, text[s:e_] if s is not None else None, speaker[0], speaker[1],
                 q.get("speaker_name"), ss, se, q.get("cue"), cs, ce, q.get("confidence"), q.get("act") or "statement"),
            )
            quotes[q["id"]] = cur.lastrowid
        for f in record.get("figures", ()):
            s, e_ = _span(f.get("span"))
            cur.execute(
                "INSERT INTO figures(article_id, local_id, start, \"end\", text, value, unit, qualifier, measures, category, confidence,"
                " kind, low, high) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (aid, f["id"], s, e_, f.get("text"), f.get("value"), f.get("unit"), f.get("qualifier"), f.get("measures"),
                 f.get("category"), f.get("confidence"), f.get("kind") or figure_kind(f.get("unit")), f.get("low"), f.get("high")),
            )
        locs: dict[str, int] = {}
        for loc in record.get("locations", ()):
            cur.execute(
                "INSERT INTO locations(article_id, local_id, name, country, feature, lat, lon, geonameid, aliases, mentions, roles, literal)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (aid, loc["id"], loc.get("name"), loc.get("country"), loc.get("feature"), loc.get("lat"), loc.get("lon"),
                 loc.get("geonameid"), json.dumps(loc.get("aliases", []), ensure_ascii=False), json.dumps(loc.get("mentions", [])),
                 json.dumps(_roles(loc)), int("literal" in _roles(loc))),
            )
            locs[loc["id"]] = cur.lastrowid
        for v in record.get("events", ()):
            s, e_ = _span(v.get("span"))
            ts, te = _span(v.get("trigger_span"))
            actor, target = v.get("actor") or {}, v.get("target") or {}
            a = ents.get(actor.get("entity") or "", (None, None))
            t = ents.get(target.get("entity") or "", (None, None))
            cur.execute(
                "INSERT INTO events(article_id, local_id, type, cameo, mode, start, \"end\", trigger_start, trigger_end,"
                " actor_text, actor_id, actor_corpus, actor_country, target_text, target_id, target_corpus, target_country,"
                " location_id, date, negated, reported_by, figures, confidence, day, day_end, modality)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (aid, v["id"], v.get("type"), v.get("cameo"), v.get("mode"), s, e_, ts, te,
                 actor.get("text"), a[0], a[1], actor.get("country"), target.get("text"), t[0], t[1], target.get("country"),
                 locs.get(v.get("location") or ""), v.get("date"), int(bool(v.get("negated"))), quotes.get(v.get("reported_by") or ""),
                 json.dumps(v.get("figures", [])), v.get("confidence"), *_days(v.get("date"), record["article"].get("published")),
                 v.get("modality")),
            )
        cur.executemany(
            "INSERT INTO dates(article_id, start, \"end\", text, value, granularity, start_day, end_day) VALUES (?,?,?,?,?,?,?,?)",
            [(aid, *_span(d.get("span")), d.get("text"), d.get("value"), d.get("granularity"), *(day_range(d.get("value")) or (None, None)))
             for d in record.get("dates", ())],
        )
        flags = (record.get("quality") or {}).get("flags", ())
        cur.executemany(
            "INSERT INTO flags(article_id, kind, start, \"end\", detail) VALUES (?,?,?,?,?)",
            [(aid, fl["kind"], *_span(fl.get("span")), fl.get("detail")) for fl in flags],
        )
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


def _days(date: str | None, published: str | None) -> tuple[str | None, str | None]:
    """The first and last ISO day of an event: its date's, else the day it was published."""
    return day_range(date) or day_range((published or "")[:10]) or (None, None)


def _pairs(corpus_ids: Iterable[int]) -> list[tuple[int, int]]:
    """Every unordered pair of the distinct ids, smaller id first (the ``co_mentions`` key)."""
    return list(itertools.combinations(sorted(set(corpus_ids)), 2))


def _record_json(record: Mapping[str, Any]) -> str:
    """The full record without the article text (stored once, in ``articles.text``)."""
    slim = dict(record)
    slim["article"] = {k: v for k, v in record["article"].items() if k != "text"}
    return json.dumps(slim, ensure_ascii=False)


def _roles(loc: Mapping[str, Any]) -> list[str]:
    """One role per mention; a record without them (contract v1) is all literal."""
    roles = loc.get("roles")
    return list(roles) if roles else ["literal"] * len(loc.get("mentions") or ())
