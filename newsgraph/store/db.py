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

__all__ = ["connect", "article_key", "StoreError", "NoDatabase"]

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
