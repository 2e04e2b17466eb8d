"""What a request needs from the app: a read-only connection, the (lazily
loaded) pipeline, and the write token check."""
from __future__ import annotations

import hmac
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from fastapi import HTTPException, Request

from ..settings import Settings
from ..store.db import connect

__all__ = ["AppState", "state", "read_conn", "require_token"]


@dataclass
class AppState:
    db_path: Path
    token: str | None
    settings: Settings
    pipeline: Any = None  # a newsgraph.Pipeline, loaded on first extract
    lock: threading.Lock = field(default_factory=threading.Lock)

    def run_pipeline(self, articles: list) -> list:
        """Records (or ArticleErrors) for ``articles``; one extraction at a time."""
        with self.lock:
            if self.pipeline is None:
                from ..pipeline import Pipeline

                self.pipeline = Pipeline(self.settings)
            return list(self.pipeline.pipe(articles))


def state(request: Request) -> AppState:
    return request.app.state.newsgraph


def read_conn(request: Request) -> Iterator[sqlite3.Connection]:
    """A fresh connection per request that cannot write (``query_only``)."""
    conn = connect(state(request).db_path, create=False)
    conn.execute("PRAGMA query_only=ON")
    try:
        yield conn
    finally:
        conn.close()


def require_token(request: Request) -> None:
    """Writes need the server's token as ``Authorization: Bearer TOKEN``; a
    server started without one is read-only."""
    expected = state(request).token
    if not expected:
        raise HTTPException(403, "this server is read-only: start it with NEWSGRAPH_TOKEN set to accept articles")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), expected.encode()):
        raise HTTPException(401, "a valid token is required (Authorization: Bearer TOKEN)", headers={"WWW-Authenticate": "Bearer"})
