"""The store: one SQLite file of articles and their records — the schema and
its migrations (``migrations.py``), the one writer (``writer.py``), the
column map shared with the Parquet rows (``rows.py``), the queries
(``queries.py``, ``corpus_queries.py``). ``newsgraph.kb.KnowledgeBase`` is the
façade over it, the runners and the exports.
"""
from __future__ import annotations

from .db import NoDatabase, StoreError, article_key, connect
from .migrations import MIGRATIONS, migrate
from .writer import Writer

__all__ = ["connect", "migrate", "MIGRATIONS", "Writer", "article_key", "StoreError", "NoDatabase"]
