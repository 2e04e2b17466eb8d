"""The knowledge base: one SQLite file of articles and their records, with
ingest, queries and exports as methods.

    >>> kb = KnowledgeBase("newsgraph.db")             # doctest: +SKIP
    >>> kb.ingest(["feeds/", "archive.warc.gz"])       # doctest: +SKIP
    >>> kb.quotes(speaker="Zelensky")                   # doctest: +SKIP
    >>> kb.entity("Volodymyr Zelenskyy")["aliases"]     # doctest: +SKIP
    >>> kb.export("gkg", "out.gkg.tsv")                 # doctest: +SKIP

The CLI commands (ingest, reprocess, watch, quotes, events, entities, entity,
search, show, export) are thin shells over these methods. This façade sits
above the store (``newsgraph.store``), the runners (``newsgraph.run``) and the
exports (``newsgraph.export``), so that none of them imports another upwards.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .store import corpus_queries, queries
from .store.db import connect
from .store.filters import EventFilter, QuoteFilter

__all__ = ["KnowledgeBase"]


class KnowledgeBase:
    """Queries, ingest and exports over one database file."""

    def __init__(self, path: str | os.PathLike = "newsgraph.db", *, create: bool = True):
        self.path = Path(path)
        self.conn = connect(self.path, create=create)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # writes (each opens its own writer connection)
    def ingest(self, sources, **options: Any):
        from .run.local import ingest  # downwards, loaded on use: queries need not pay for the NLP's imports

        return ingest(sources, self.path, **options)

    def reprocess(self, **options: Any):
        from .run.local import reprocess

        return reprocess(self.path, **options)

    # reads
    def articles(self, **filters: Any) -> list[dict]:
        return queries.articles(self.conn, **filters)

    def places(self, **filters: Any) -> list[dict]:
        return queries.places(self.conn, **filters)

    def quotes(self, filt: QuoteFilter | None = None, *, limit: int = 50, offset: int = 0, sort: str | None = None,
               **fields: Any) -> list[dict]:
        """Quotes ``filt`` selects, or a ``QuoteFilter`` of ``fields`` (speaker=..., act="all")."""
        return queries.quotes(self.conn, filt or QuoteFilter(**fields), limit=limit, offset=offset, sort=sort)

    def events(self, filt: EventFilter | None = None, *, limit: int = 50, offset: int = 0, sort: str | None = None,
               **fields: Any) -> list[dict]:
        """Events ``filt`` selects, or an ``EventFilter`` of ``fields`` (type=..., actor=...)."""
        return queries.events(self.conn, filt or EventFilter(**fields), limit=limit, offset=offset, sort=sort)

    def entities(self, **filters: Any) -> list[dict]:
        return queries.entities(self.conn, **filters)

    def entity(self, name: str, **options: Any) -> dict | None:
        return queries.entity(self.conn, name, **options)

    def search(self, query: str, **options: Any) -> list[dict]:
        return queries.search(self.conn, query, **options)

    def show(self, article: str) -> dict | None:
        return queries.show(self.conn, article)

    def stories(self, **options: Any) -> list[dict]:
        return corpus_queries.stories(self.conn, **options)

    def statements(self, **options: Any) -> list[dict]:
        return corpus_queries.statements(self.conn, **options)

    def incidents(self, **options: Any) -> list[dict]:
        return corpus_queries.incidents(self.conn, **options)

    def export(self, fmt: str, out: str | os.PathLike, *, since: str | None = None) -> dict[str, int]:
        from .export import export

        return export(self.conn, fmt, out, since=since)

    def count(self, table: str = "articles") -> int:
        return self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
