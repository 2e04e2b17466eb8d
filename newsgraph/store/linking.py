"""Stories and statements across articles, kept by the writer as it stores
each article (and undone when it re-extracts one).

* **Stories**: each article's fingerprint (``corpus.stories``) goes into an
  LSH band index; the articles sharing a band within ``STORY_WINDOW_DAYS`` of
  its publication day are compared, and every one that resembles it joins its
  story. A story is a connected group: the same input in any order gives the
  same groups, named after their first report (earliest publication, then
  article key).
* **Incidents**: each event (not negated) is compared with the events of
  the same type on nearby days in other articles (``corpus.incidents``);
  matches form one incident, named after its first report.
* **Statements**: each statement quote with a resolved speaker is compared
  with the statements of the same corpus entity in articles published within
  ``STATEMENT_WINDOW_DAYS`` (``corpus.statements``); matches form one
  statement, named after its first report. A quote whose cue is a denial is
  linked to the statements it denies, by speakers the article names.

The cost of one article is a few index lookups and at most ``MAX_CANDIDATES``
comparisons: it does not grow with the size of the knowledge base.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from functools import lru_cache
from typing import Any, Iterable, Mapping

from ..corpus import EventFacts, Fingerprint, denies, fingerprint, resemblance, same_incident, same_statement
from ..corpus.incidents import UNDATED_DAYS
from ..corpus.stories import SAME_STORY
from ..lexicons import denial_cues

__all__ = ["link_article", "unlink_article", "STORY_WINDOW_DAYS", "STATEMENT_WINDOW_DAYS", "MAX_CANDIDATES"]

STORY_WINDOW_DAYS = 7
STATEMENT_WINDOW_DAYS = 30
MAX_CANDIDATES = 400


def link_article(cur: sqlite3.Cursor, aid: int, record: Mapping[str, Any], speakers_named: Iterable[int]) -> None:
    """Add stored article ``aid`` (its quotes already stored) to the stories
    and statements; ``speakers_named``: the corpus entities the article names."""
    day = _day(record["article"].get("published"))
    _link_story(cur, aid, record["article"]["text"], day)
    _link_statements(cur, aid, day, sorted(set(speakers_named)))
    for row in cur.execute(f"{_EVENT_FACTS} WHERE e.article_id = ? AND e.negated = 0 ORDER BY e.start", (aid,)).fetchall():
        _join_incident(cur, row, exclude=None)


def unlink_article(cur: sqlite3.Cursor, aid: int) -> None:
    """Take article ``aid`` out of its story and statements before its rows
    are deleted (re-extraction); groups it held together are rebuilt from
    their other members."""
    story = cur.execute("SELECT story FROM article_story WHERE article_id = ?", (aid,)).fetchone()
    cur.execute("DELETE FROM story_bands WHERE article_id = ?", (aid,))
    cur.execute("DELETE FROM story_prints WHERE article_id = ?", (aid,))
    if story is not None:
        members = [r[0] for r in cur.execute("SELECT article_id FROM article_story WHERE story = ? AND article_id != ?", (story[0], aid))]
        cur.execute("DELETE FROM article_story WHERE story = ?", (story[0],))
        for other in members:  # re-link the rest: the group may fall apart without this article
            row = cur.execute("SELECT day, signature FROM story_prints WHERE article_id = ?", (other,)).fetchone()
            if row is not None:
                _join_story(cur, other, Fingerprint.from_bytes(row[1]), row[0])
    _unlink_incidents(cur, aid)
    quotes = [r[0] for r in cur.execute("SELECT id FROM quotes WHERE article_id = ?", (aid,))]
    if not quotes:
        return
    marks = ",".join("?" * len(quotes))
    groups = [r[0] for r in cur.execute(f"SELECT DISTINCT statement FROM quote_statement WHERE quote_id IN ({marks})", quotes)]
    cur.execute(f"DELETE FROM statement_denials WHERE quote_id IN ({marks}) OR denies IN ({marks})", quotes + quotes)
    for group in groups:
        members = [r[0] for r in cur.execute("SELECT quote_id FROM quote_statement WHERE statement = ?", (group,)) if r[0] not in quotes]
        cur.execute("DELETE FROM quote_statement WHERE statement = ?", (group,))
        for q in members:
            row = cur.execute("SELECT q.id, q.article_id, q.text, q.speaker_corpus, a.published FROM quotes q JOIN articles a ON a.id = q.article_id"
                              " WHERE q.id = ?", (q,)).fetchone()
            _join_statement(cur, row, _day(row[4]), exclude=aid)


# ------------------------------------------------------------------ stories

def _link_story(cur: sqlite3.Cursor, aid: int, text: str, day: str | None) -> None:
    fp = fingerprint(text)
    if fp is None:
        return
    cur.execute("INSERT OR REPLACE INTO story_prints(article_id, day, signature) VALUES (?,?,?)", (aid, day, fp.to_bytes()))
    cur.executemany("INSERT OR IGNORE INTO story_bands(band, article_id) VALUES (?,?)", [(b, aid) for b in fp.bands])
    _join_story(cur, aid, fp, day)


def _join_story(cur: sqlite3.Cursor, aid: int, fp: Fingerprint, day: str | None) -> None:
    marks = ",".join("?" * len(fp.bands))
    rows = cur.execute(
        f"SELECT p.article_id, p.day, p.signature FROM story_prints p WHERE p.article_id IN"
        f" (SELECT DISTINCT article_id FROM story_bands WHERE band IN ({marks})) AND p.article_id != ?{_window('p.day', day, STORY_WINDOW_DAYS)}"
        f" ORDER BY p.article_id DESC LIMIT {MAX_CANDIDATES}", (*fp.bands, aid)).fetchall()
    # the window is in the query (story_prints.day is an ISO day or NULL, as ``_day`` makes it)
    matches = [r[0] for r in rows if resemblance(fp, Fingerprint.from_bytes(r[2])) >= SAME_STORY]
    if matches:
        _attach(cur, ("article_story", "article_id", "story"), aid, matches, lambda ids: _first_article(cur, ids))


def _first_article(cur: sqlite3.Cursor, ids: Iterable[int]) -> int:
    ids = sorted(ids)
    marks = ",".join("?" * len(ids))
    rows = cur.execute(f"SELECT id, published, key FROM articles WHERE id IN ({marks})", ids).fetchall()
    return min(rows, key=lambda r: (r[1] is None, r[1] or "", r[2]))[0]


# ------------------------------------------------------------------ statements

def _link_statements(cur: sqlite3.Cursor, aid: int, day: str | None, named: list[int]) -> None:
    rows = cur.execute("SELECT q.id, q.article_id, q.text, q.speaker_corpus, a.published, q.cue FROM quotes q JOIN articles a ON a.id = q.article_id"
                       " WHERE q.article_id = ? AND q.act = 'statement' AND q.text IS NOT NULL ORDER BY q.start", (aid,)).fetchall()
    candidates: dict[int, list[tuple]] = {}  # per speaker: other articles' quotes do not change while this one links
    denials: dict[int, list[tuple]] = {}
    for row in rows:
        speaker = row[3]
        if speaker is not None:
            if speaker not in candidates:
                candidates[speaker] = _candidates(cur, [speaker], aid, day, None)
                denials[speaker] = _denials_naming(cur, speaker, aid, day)
            _join_statement(cur, row, day, exclude=None, candidates=candidates[speaker])
            _link_denied_by(cur, row, denials[speaker])
        if named:
            _link_denial(cur, row, day, named)


def _candidates(cur: sqlite3.Cursor, speakers: list[int], aid: int, day: str | None, exclude: int | None) -> list[tuple]:
    marks = ",".join("?" * len(speakers))
    rows = cur.execute(
        f"SELECT q.id, q.article_id, q.text, q.speaker_corpus, a.published FROM quotes q JOIN articles a ON a.id = q.article_id"
        f" WHERE q.speaker_corpus IN ({marks}) AND q.act = 'statement' AND q.article_id != ? AND q.article_id != ? AND q.text IS NOT NULL"
        f"{_window('substr(a.published, 1, 10)', day, STATEMENT_WINDOW_DAYS)}"
        f" ORDER BY q.id DESC LIMIT {MAX_CANDIDATES}", (*speakers, aid, -1 if exclude is None else exclude)).fetchall()
    return [r for r in rows if _within(day, _day(r[4]), STATEMENT_WINDOW_DAYS)]


def _join_statement(cur: sqlite3.Cursor, row: tuple, day: str | None, exclude: int | None, candidates: list[tuple] | None = None) -> None:
    qid, aid, text, speaker = row[0], row[1], row[2], row[3]
    if candidates is None:
        candidates = _candidates(cur, [speaker], aid, day, exclude)
    matches = [r[0] for r in candidates if same_statement(text, r[2])]
    if matches:
        _attach(cur, ("quote_statement", "quote_id", "statement"), qid, matches, lambda ids: _first_quote(cur, ids))


def _first_quote(cur: sqlite3.Cursor, ids: Iterable[int]) -> int:
    ids = sorted(ids)
    marks = ",".join("?" * len(ids))
    rows = cur.execute(f"SELECT q.id, a.published, a.key, q.start FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.id IN ({marks})",
                       ids).fetchall()
    return min(rows, key=lambda r: (r[1] is None, r[1] or "", r[2], r[3] or 0))[0]


def _link_denial(cur: sqlite3.Cursor, row: tuple, day: str | None, named: list[int]) -> None:
    qid, aid, text, speaker, cue = row[0], row[1], row[2], row[3], row[5]
    if not cue or cue.lower().strip() not in denial_cues():
        return
    others = [s for s in named if s != speaker]
    if not others:
        return
    hits = [r[0] for r in _candidates(cur, others, aid, day, None) if denies(cue, text, r[2])]
    cur.executemany("INSERT OR IGNORE INTO statement_denials(quote_id, denies) VALUES (?,?)", [(qid, h) for h in sorted(hits)])


def _denials_naming(cur: sqlite3.Cursor, speaker: int, aid: int, day: str | None) -> list[tuple]:
    """Denials already stored, in other articles that name ``speaker`` and
    are not its own: what may deny its statements."""
    cues = sorted(denial_cues())
    marks = ",".join("?" * len(cues))
    rows = cur.execute(
        f"SELECT DISTINCT q.id, q.text, q.cue, a.published FROM quotes q JOIN articles a ON a.id = q.article_id"
        f" JOIN entities e ON e.article_id = q.article_id AND e.corpus_id = ?"
        f" WHERE q.article_id != ? AND q.act = 'statement' AND lower(q.cue) IN ({marks}) AND (q.speaker_corpus IS NULL OR q.speaker_corpus != ?)"
        f" ORDER BY q.id DESC LIMIT {MAX_CANDIDATES}", (speaker, aid, *cues, speaker)).fetchall()
    return [r for r in rows if _within(day, _day(r[3]), STATEMENT_WINDOW_DAYS)]


def _link_denied_by(cur: sqlite3.Cursor, row: tuple, denials: list[tuple]) -> None:
    """The other way round: the stored ``denials`` naming this statement's
    speaker that deny it (the same links in any order)."""
    qid, text = row[0], row[2]
    hits = [r[0] for r in denials if denies(r[2], r[1], text)]
    cur.executemany("INSERT OR IGNORE INTO statement_denials(quote_id, denies) VALUES (?,?)", [(h, qid) for h in sorted(hits)])


# ------------------------------------------------------------------ incidents

_EVENT_FACTS = ("SELECT e.id, e.article_id, e.type, e.day, e.date IS NOT NULL, e.actor_corpus, e.actor_country, e.target_corpus,"
                " e.target_country, l.geonameid, l.lat, l.lon, ca.type = 'PERSON', ct.type = 'PERSON' FROM events e"
                " LEFT JOIN locations l ON l.id = e.location_id LEFT JOIN corpus_entities ca ON ca.id = e.actor_corpus"
                " LEFT JOIN corpus_entities ct ON ct.id = e.target_corpus")


def _facts(row: tuple) -> EventFacts:
    return EventFacts(type=row[2], day=_day(row[3]), dated=bool(row[4]), actor=row[5], actor_country=row[6], target=row[7],
                      target_country=row[8], place=row[9], lat=row[10], lon=row[11], actor_person=bool(row[12]),
                      target_person=bool(row[13]))


def _join_incident(cur: sqlite3.Cursor, row: tuple, exclude: int | None) -> None:
    facts = _facts(row)
    if facts.day is None:
        return
    day = dt.date.fromisoformat(facts.day)
    lo, hi = (day - dt.timedelta(days=UNDATED_DAYS)).isoformat(), (day + dt.timedelta(days=UNDATED_DAYS)).isoformat()
    rows = cur.execute(
        f"{_EVENT_FACTS} WHERE e.type = ? AND e.day BETWEEN ? AND ? AND e.article_id != ? AND e.article_id != ? AND e.negated = 0"
        f" ORDER BY e.id DESC LIMIT {MAX_CANDIDATES}", (facts.type, lo, hi, row[1], -1 if exclude is None else exclude)).fetchall()
    matches = [r[0] for r in rows if same_incident(facts, _facts(r))]
    if matches:
        _attach(cur, ("event_incident", "event_id", "incident"), row[0], matches, lambda ids: _first_event(cur, ids))


def _first_event(cur: sqlite3.Cursor, ids: Iterable[int]) -> int:
    ids = sorted(ids)
    rows = cur.execute(f"SELECT e.id, a.published, a.key, e.start FROM events e JOIN articles a ON a.id = e.article_id"
                       f" WHERE e.id IN ({','.join('?' * len(ids))})", ids).fetchall()
    return min(rows, key=lambda r: (r[1] is None, r[1] or "", r[2], r[3] or 0))[0]


def _unlink_incidents(cur: sqlite3.Cursor, aid: int) -> None:
    events = [r[0] for r in cur.execute("SELECT id FROM events WHERE article_id = ?", (aid,))]
    if not events:
        return
    marks = ",".join("?" * len(events))
    groups = [r[0] for r in cur.execute(f"SELECT DISTINCT incident FROM event_incident WHERE event_id IN ({marks})", events)]
    for group in groups:
        members = [r[0] for r in cur.execute("SELECT event_id FROM event_incident WHERE incident = ?", (group,)) if r[0] not in events]
        cur.execute("DELETE FROM event_incident WHERE incident = ?", (group,))
        for e in members:
            row = cur.execute(f"{_EVENT_FACTS} WHERE e.id = ?", (e,)).fetchone()
            _join_incident(cur, row, exclude=aid)


# ------------------------------------------------------------------ groups

def _attach(cur: sqlite3.Cursor, table: tuple[str, str, str], newcomer: int, matches: list[int], first_of) -> None:
    """Put ``newcomer`` in one group with ``matches`` and the groups they are
    in; a group's id is its earliest member (``first_of``), so the groups
    are the same whatever order members came in. The common case — every
    match in one group whose first report is earlier than the newcomer —
    writes one row: the cost does not grow with the size of the group. Only
    a newcomer earlier than the group's first, or one that joins two groups,
    relabels every member."""
    name, member, group = table
    marks = ",".join("?" * len(matches))
    grouped = dict(cur.execute(f"SELECT {member}, {group} FROM {name} WHERE {member} IN ({marks})", matches).fetchall())
    groups = sorted(set(grouped.values()))
    loose = sorted({m for m in matches if m not in grouped} | {newcomer})
    insert = f"INSERT OR REPLACE INTO {name}({member}, {group}) VALUES (?,?)"
    if len(groups) <= 1:
        first = first_of([*groups, *loose])
        if not groups or first == groups[0]:
            cur.executemany(insert, [(m, first) for m in loose])
            return
    members = set(loose) | set(grouped)
    gmarks = ",".join("?" * len(groups))
    members |= {r[0] for r in cur.execute(f"SELECT {member} FROM {name} WHERE {group} IN ({gmarks})", groups)}
    first = first_of(members)
    cur.executemany(insert, [(m, first) for m in sorted(members)])


# ------------------------------------------------------------------ days

def _window(column: str, day: str | None, days: int) -> str:
    """An SQL condition keeping ``column`` (an ISO day, maybe NULL: an undated
    one is near every day) within ``days`` of ``day``: candidates are drawn
    from the window, not from the whole knowledge base."""
    if day is None:
        return ""
    d = dt.date.fromisoformat(day)
    lo, hi = (d - dt.timedelta(days=days)).isoformat(), (d + dt.timedelta(days=days)).isoformat()
    return f" AND ({column} IS NULL OR {column} BETWEEN '{lo}' AND '{hi}')"


def _day(published: str | None) -> str | None:
    if not published or len(published) < 10:
        return None
    date = _date(published[:10])
    return None if date is None else date.isoformat()


@lru_cache(maxsize=4096)
def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _within(a: str | None, b: str | None, days: int) -> bool:
    """Publication days within ``days`` of each other (an undated one is near every day)."""
    if a is None or b is None:
        return True
    return abs((_date(a) - _date(b)).days) <= days
