"""The schema as named, ordered migrations.

Each migration is ``(name, sql)``; ``migrate`` applies, in order, those whose
name is not yet in the ``migrations`` table, each in its own transaction.
Never edit a migration that has shipped: append a new one.
"""
from __future__ import annotations

import json
import sqlite3

from ..lexicons.quantities import figure_kind

__all__ = ["MIGRATIONS", "migrate"]

MIGRATIONS: list[tuple[str, ...]] = [  # (name, sql[, Python data step])
    ("0001_articles", """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,            -- identity: the URL, else sha1 of the normalised text
    ref TEXT NOT NULL,                   -- the id the article came with
    url TEXT, title TEXT, source TEXT, published TEXT, language TEXT,
    text TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',     -- JSON: unknown input keys
    quality REAL,
    extractor_version TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    record TEXT NOT NULL                 -- the full contract JSON, so nothing is lost
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_ref ON articles(ref);
CREATE INDEX articles_version ON articles(extractor_version);
CREATE TABLE failures (
    origin TEXT PRIMARY KEY,             -- the input's id or path:line
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
"""),
    ("0002_entities", """
CREATE TABLE corpus_entities (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    name TEXT NOT NULL,                  -- the fullest form seen
    key TEXT NOT NULL,                   -- match key: surname skeleton (PERSON) or name skeleton
    given TEXT,                          -- given-name skeleton (PERSON), when known
    country TEXT,
    titles TEXT NOT NULL DEFAULT '[]',   -- JSON list of title words seen
    n_articles INTEGER NOT NULL DEFAULT 0,
    n_mentions INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX corpus_entities_key ON corpus_entities(type, key);
CREATE INDEX corpus_entities_name ON corpus_entities(name COLLATE NOCASE);
CREATE INDEX corpus_entities_top ON corpus_entities(n_articles DESC);
CREATE TABLE corpus_aliases (
    alias_key TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES corpus_entities(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (alias_key, entity_id)
) WITHOUT ROWID;
CREATE INDEX corpus_aliases_entity ON corpus_aliases(entity_id);
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    corpus_id INTEGER REFERENCES corpus_entities(id),
    type TEXT NOT NULL, name TEXT NOT NULL, country TEXT,
    aliases TEXT NOT NULL DEFAULT '[]', titles TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX entities_article ON entities(article_id);
CREATE INDEX entities_corpus ON entities(corpus_id, article_id);
CREATE TABLE mentions (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX mentions_article ON mentions(article_id);
"""),
    ("0003_records", """
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL, kind TEXT, start INTEGER, "end" INTEGER, text TEXT,
    speaker_id INTEGER REFERENCES entities(id), speaker_corpus INTEGER, speaker_name TEXT,
    source_start INTEGER, source_end INTEGER, cue TEXT, cue_start INTEGER, cue_end INTEGER,
    confidence REAL
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_corpus);
CREATE INDEX quotes_speaker_name ON quotes(speaker_name COLLATE NOCASE);
CREATE TABLE figures (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL, start INTEGER, "end" INTEGER, text TEXT, value REAL, unit TEXT,
    qualifier TEXT, measures TEXT, category TEXT, confidence REAL
);
CREATE INDEX figures_article ON figures(article_id);
CREATE INDEX figures_category ON figures(category);
CREATE TABLE locations (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL, name TEXT, country TEXT, feature TEXT, lat REAL, lon REAL,
    geonameid INTEGER, aliases TEXT NOT NULL DEFAULT '[]', mentions TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX locations_article ON locations(article_id);
CREATE INDEX locations_name ON locations(name COLLATE NOCASE);
CREATE INDEX locations_country ON locations(country);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL, type TEXT, cameo TEXT, mode TEXT,
    start INTEGER, "end" INTEGER, trigger_start INTEGER, trigger_end INTEGER,
    actor_text TEXT, actor_id INTEGER, actor_corpus INTEGER, actor_country TEXT,
    target_text TEXT, target_id INTEGER, target_corpus INTEGER, target_country TEXT,
    location_id INTEGER REFERENCES locations(id), date TEXT, negated INTEGER NOT NULL DEFAULT 0,
    reported_by INTEGER REFERENCES quotes(id), figures TEXT NOT NULL DEFAULT '[]', confidence REAL
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_type ON events(type, date);
CREATE INDEX events_actor ON events(actor_corpus);
CREATE INDEX events_target ON events(target_corpus);
CREATE INDEX events_actor_country ON events(actor_country);
CREATE INDEX events_target_country ON events(target_country);
CREATE INDEX events_location ON events(location_id);
CREATE TABLE dates (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER, "end" INTEGER, text TEXT, value TEXT, granularity TEXT
);
CREATE INDEX dates_article ON dates(article_id);
CREATE INDEX dates_value ON dates(value);
CREATE TABLE flags (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL, start INTEGER, "end" INTEGER, detail TEXT
);
CREATE INDEX flags_article ON flags(article_id);
CREATE INDEX flags_kind ON flags(kind);
"""),
    ("0004_fulltext", """
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id');
CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
"""),
    ("0005_events_day", """
ALTER TABLE events ADD COLUMN day TEXT;  -- the event's date, else the article's publication day: what queries sort on
UPDATE events SET day = COALESCE(date, (SELECT substr(a.published, 1, 10) FROM articles a WHERE a.id = events.article_id));
CREATE INDEX events_type_day ON events(type, day DESC);
CREATE INDEX events_day ON events(day DESC);
"""),
    ("0006_co_mentions", """
CREATE TABLE co_mentions (               -- corpus entities named in the same article, kept by the writer
    a INTEGER NOT NULL,                  -- the smaller corpus entity id of the pair
    b INTEGER NOT NULL,                  -- the larger
    articles INTEGER NOT NULL,           -- how many articles name both
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX co_mentions_b ON co_mentions(b, articles);
INSERT INTO co_mentions(a, b, articles)
    SELECT x.corpus_id, y.corpus_id, COUNT(*)
    FROM (SELECT DISTINCT article_id, corpus_id FROM entities WHERE corpus_id IS NOT NULL) x
    JOIN (SELECT DISTINCT article_id, corpus_id FROM entities WHERE corpus_id IS NOT NULL) y
      ON y.article_id = x.article_id AND y.corpus_id > x.corpus_id
    GROUP BY x.corpus_id, y.corpus_id;
"""),
    ("0007_quote_act", """
ALTER TABLE quotes ADD COLUMN act TEXT NOT NULL DEFAULT 'statement';  -- statement | belief | intention | finding
"""),
    ("0008_stories_statements", """
CREATE TABLE story_prints (              -- each article's MinHash signature (corpus/stories.py), kept by the writer
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    day TEXT,                            -- publication day: candidates are looked for within a window of it
    signature BLOB NOT NULL
);
CREATE TABLE story_bands (               -- the LSH index: articles sharing a band are compared
    band TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, article_id)
) WITHOUT ROWID;
CREATE INDEX story_bands_article ON story_bands(article_id);
CREATE TABLE article_story (             -- the story of every grouped article: copies and updates of one report
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story INTEGER NOT NULL               -- the article id of the story's first report (published, then key)
);
CREATE INDEX article_story_story ON article_story(story);
CREATE TABLE quote_statement (           -- the statement of every quote reported by more than one article
    quote_id INTEGER PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
    statement INTEGER NOT NULL           -- the quote id of its first report ("said it first")
);
CREATE INDEX quote_statement_statement ON quote_statement(statement);
CREATE TABLE statement_denials (         -- a later quote that denies or rejects a statement
    quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    denies INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    PRIMARY KEY (quote_id, denies)
) WITHOUT ROWID;
CREATE INDEX statement_denials_denies ON statement_denials(denies);
CREATE INDEX quotes_speaker_corpus ON quotes(speaker_corpus, act);
"""),
    ("0009_incidents", """
CREATE TABLE event_incident (            -- the incident of every event told by more than one article
    event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    incident INTEGER NOT NULL            -- the event id of its first report
);
CREATE INDEX event_incident_incident ON event_incident(incident);
"""),
    ("0010_days_and_modality", """
ALTER TABLE events ADD COLUMN day_end TEXT;   -- with day (now always the first ISO day): the days the event's date covers
ALTER TABLE events ADD COLUMN modality TEXT;  -- null (asserted) | intended | expected | future | possible
ALTER TABLE dates ADD COLUMN start_day TEXT;  -- the first and last ISO day of the value (a week, a month, a year)
ALTER TABLE dates ADD COLUMN end_day TEXT;
CREATE INDEX events_day_end ON events(day_end);
""", "backfill_days"),
    ("0011_figure_kind", """
ALTER TABLE figures ADD COLUMN kind TEXT;   -- count | money | percent | duration | age | measure
ALTER TABLE figures ADD COLUMN low REAL;    -- a range's ends ("3-4 mortars"); value is then low
ALTER TABLE figures ADD COLUMN high REAL;
CREATE INDEX figures_kind ON figures(kind);
""", "backfill_figure_kinds"),
    ("0012_location_roles", """
ALTER TABLE locations ADD COLUMN roles TEXT;                          -- JSON, one per mention: literal | modifier | metonymic
ALTER TABLE locations ADD COLUMN literal INTEGER NOT NULL DEFAULT 1;  -- 1 when a mention names the place as a place (before 0012: all)
CREATE INDEX locations_literal ON locations(literal, name);
"""),
    ("0013_place_counts", """
-- the places list, kept by the writer as articles come and go: one row per place name and country,
-- with how many articles name it as a place and how many of their events happened there
CREATE TABLE corpus_places (
    name TEXT NOT NULL,
    country_key TEXT NOT NULL,             -- the country, '' for none (a key cannot hold NULL once)
    country TEXT,
    feature TEXT, lat REAL, lon REAL, geonameid INTEGER,  -- as the first article that named it resolved it
    articles INTEGER NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (name, country_key)
);
INSERT INTO corpus_places(name, country_key, country, feature, lat, lon, geonameid, articles, events)
    SELECT l.name, COALESCE(l.country, ''), l.country, MIN(l.feature), MIN(l.lat), MIN(l.lon), MIN(l.geonameid),
           COUNT(DISTINCT l.article_id), COUNT(DISTINCT v.id)
    FROM locations l LEFT JOIN events v ON v.location_id = l.id WHERE l.literal = 1 AND l.name IS NOT NULL
    GROUP BY l.name, COALESCE(l.country, '');
CREATE INDEX corpus_places_articles ON corpus_places(articles DESC, events DESC);
CREATE INDEX corpus_places_events ON corpus_places(events DESC, articles DESC);
CREATE INDEX corpus_places_name ON corpus_places(name COLLATE NOCASE);
CREATE INDEX corpus_places_country ON corpus_places(country, articles DESC);
"""),
]


def backfill_days(conn: sqlite3.Connection) -> None:
    """Weeks, months and years stored before 0010 as events.day become their
    first day, with their last in day_end; dates get theirs."""
    from ..days import day_range

    for rid, day in conn.execute("SELECT id, day FROM events").fetchall():
        days = day_range(day)
        conn.execute("UPDATE events SET day = ?, day_end = ? WHERE id = ?", (days[0] if days else None, days[1] if days else None, rid))
    for rid, value in conn.execute("SELECT id, value FROM dates").fetchall():
        days = day_range(value)
        if days:
            conn.execute("UPDATE dates SET start_day = ?, end_day = ? WHERE id = ?", (days[0], days[1], rid))


def backfill_figure_kinds(conn: sqlite3.Connection) -> None:
    """Figures stored before 0011 get the kind their unit says (USD -> money,
    km2 -> measure, people or a counted noun -> count); durations and ages
    were not figures then. The kind goes into the stored record too, so a
    record read back says what the table says."""
    kinds: dict[str | None, str] = {}
    for rid, unit in conn.execute("SELECT id, unit FROM figures").fetchall():
        kind = kinds.get(unit) or kinds.setdefault(unit, figure_kind(unit))
        conn.execute("UPDATE figures SET kind = ? WHERE id = ?", (kind, rid))
    for aid, record in conn.execute("SELECT id, record FROM articles WHERE record LIKE '%figures%'").fetchall():
        data = json.loads(record)
        figures = data.get("figures") or ()
        if any("kind" not in f for f in figures):
            for f in figures:
                f.setdefault("kind", figure_kind(f.get("unit")))
            conn.execute("UPDATE articles SET record = ? WHERE id = ?", (json.dumps(data, ensure_ascii=False), aid))


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the pending migrations in order; returns the names applied."""
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)")
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    applied = []
    for name, sql, *then in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(sql):
                conn.execute(statement)
            for step in then:  # a data step in Python, named in the migration
                globals()[step](conn)
            conn.execute("INSERT INTO migrations(name) VALUES (?)", (name,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied


def _statements(sql: str) -> list[str]:
    """Split a script on complete statements (triggers hold inner semicolons)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
