"""Opening a knowledge base: one SQLite file, WAL on, migrations applied.

Reads may run in parallel from many connections; every write goes through the
one ``Writer`` (see ``writer.py``).
"""
from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import unicodedata
from pathlib import Path

from ..storable import storable
from ..errors import NewsgraphError
from .migrations import migrate

__all__ = ["connect", "article_key", "StoreError", "NoDatabase", "table_contents", "CLOCK_COLUMNS"]

_SPACES = re.compile(r"\s+")


class StoreError(NewsgraphError):
    """The knowledge base cannot be opened or used."""


class NoDatabase(StoreError):
    """The database file does not exist (queries never create one)."""


def connect(path: str | os.PathLike, *, create: bool = True) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL on,
    foreign keys on, migrations applied when ``create``."""
    path = Path(path)
    if not create and not path.exists():
        raise NoDatabase(f"no knowledge base at {path}; run `newsgraph ingest SOURCE --db {path}` first")
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30.0, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a killed process loses nothing committed
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA cache_size=-65536")
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.row_factory = sqlite3.Row
        if create:
            migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open {path}: {exc}") from None
    return conn


def article_key(url: str | None, text: str) -> str:
    """An article's identity: its URL when it has one, else a hash of its
    normalised text (Unicode NFC, whitespace collapsed) as it is stored."""
    if url:
        return storable(url.strip())
    norm = _SPACES.sub(" ", unicodedata.normalize("NFC", storable(text))).strip()
    return "sha1:" + hashlib.sha1(norm.encode("utf-8")).hexdigest()


#: columns that say when something was written, not what: left out when two knowledge bases are compared
CLOCK_COLUMNS = frozenset({"ingested_at", "at", "applied_at", "applied"})


def table_contents(conn: sqlite3.Connection, skip: frozenset[str] = CLOCK_COLUMNS) -> dict[str, list[tuple]]:
    """Every stored table's rows, in rowid (or primary key) order, without the
    wall-clock columns: two knowledge bases hold the same when these are equal
    (ids included). The full-text indexes are derived and left out."""
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                                        " AND sql NOT LIKE '%VIRTUAL%' AND name NOT LIKE '%fts%' ORDER BY name")]
    out = {}
    for name in names:
        cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")') if r[1] not in skip]
        select = f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{name}"'
        try:
            out[name] = conn.execute(select + " ORDER BY rowid").fetchall()
        except sqlite3.OperationalError:  # WITHOUT ROWID: its primary key orders it
            out[name] = conn.execute(select).fetchall()
    return out
