"""Local ingest: worker processes run ``pipeline.process_batch``; the parent
reads sources, skips what is stored, and is the one writer.

    sources --read--> Article --known?--> chunk --workers (NLP)--> record dicts
        --Writer (one transaction per chunk)--> SQLite

Chunks come back in input order (a bounded window of chunks is in flight), so
two runs over the same input write the same rows in the same order; a run
killed at any moment and started again ends with the database a clean run
makes.
"""
from __future__ import annotations

import collections
import json
import logging
import multiprocessing as mp
import os
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Sequence

from ..errors import ArticleError
from ..ingest.fetch import Fetcher
from ..ingest.sources import Known, iter_sources
from ..records import Article
from ..settings import Settings
from ..store.db import article_key, connect
from ..store.writer import Writer
from ..version import extractor_version
from .batch import CHUNK, Outcome, chunked as _chunked, process_articles

__all__ = ["ingest", "reprocess", "IngestSummary"]

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    new: int = 0
    duplicate: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # extraction CPU time in the workers (Parquet runners)

    @property
    def rate(self) -> float:
        return self.new / self.seconds if self.seconds else 0.0


# ------------------------------------------------------------------ workers

_pipeline = None


def _init_worker(settings: Settings) -> None:
    global _pipeline
    from ..pipeline import Pipeline

    _pipeline = Pipeline(settings)


def _process(articles: Sequence[Article]) -> list[Outcome]:
    return process_articles(_pipeline, articles)


def _process_chunk(chunk: Sequence[tuple[Any, Article]]) -> list[Outcome]:
    return _process([c[-1] for c in chunk])


class WorkerPool:
    """Maps chunks to ``task(chunk)`` (by default: articles to outcomes), in
    order: in this process for one worker, else in a pool of spawned processes
    (each loads the pipeline once) with a bounded window."""

    def __init__(self, settings: Settings, workers: int):
        self.settings = settings
        self.workers = max(1, workers)
        self.pool = None

    def _start(self) -> None:
        """Load the models only once there is work (a rerun with nothing new is instant)."""
        if self.workers == 1:
            if _pipeline is None or _pipeline.settings != self.settings:
                _init_worker(self.settings)
        elif self.pool is None:
            ctx = mp.get_context("spawn")
            self.pool = ctx.Pool(self.workers, initializer=_init_worker, initargs=(self.settings,))

    def map(self, chunks: Iterable[Any], task: Callable[[Any], Any] = _process_chunk) -> Iterator[tuple[Any, Any]]:
        if self.workers == 1:
            for chunk in chunks:
                self._start()
                yield chunk, task(chunk)
            return
        window: collections.deque = collections.deque()
        for chunk in chunks:
            self._start()
            window.append((chunk, self.pool.apply_async(task, (chunk,))))
            if len(window) >= 2 * self.workers + 1:
                done, res = window.popleft()
                yield done, res.get()
        while window:
            done, res = window.popleft()
            yield done, res.get()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, exc_type, *rest) -> None:
        if exc_type is not None and self.pool is not None:
            self.pool.terminate()
        self.close()


# ------------------------------------------------------------------ ingest

def ingest(sources: Iterable[str], db: str | os.PathLike, *, settings: Settings | None = None, workers: int | None = None,
           fetcher: Fetcher | None = None, published: str | None = None,
           progress: Callable[[int], None] | None = None) -> IngestSummary:
    """Read ``sources`` into the knowledge base ``db``; only articles it does
    not hold yet are processed. ``progress(n)`` is called as articles finish."""
    settings = settings or Settings.load()
    workers = workers or os.cpu_count() or 1
    started = time.perf_counter()
    summary = IngestSummary()
    conn = connect(db)
    writer = Writer(conn, extractor_version(settings))
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher()
    tick = progress or (lambda n: None)
    seen: set[str] = set()
    failures: list[tuple[str, str]] = []

    def known_url(url: str) -> bool:
        return url in seen or writer.known(url)

    def fresh() -> Iterator[tuple[str, Article]]:
        for item in iter_sources(sources, settings, fetcher=fetcher, known=known_url, published=published):
            if isinstance(item, Known):
                summary.duplicate += 1
                tick(1)
            elif isinstance(item, ArticleError):
                failures.append((item.article_id, str(item)))
                tick(1)
            else:
                key = article_key(item.url, item.text)
                if key in seen or writer.known(key):
                    summary.duplicate += 1
                    tick(1)
                    continue
                seen.add(key)
                yield key, item

    try:
        with WorkerPool(settings, workers) as engine:
            for chunk, outcomes in engine.map(_chunked(fresh(), CHUNK)):
                records = [value for kind, value in outcomes if kind == "ok"]
                failed = [value for kind, value in outcomes if kind == "error"] + failures
                failures.clear()
                new, dup = writer.write(records, failed)
                summary.new += new
                summary.duplicate += dup
                summary.failed.extend(failed)
                tick(len(chunk))
            if failures:  # failures read after the last chunk
                writer.write([], failures)
                summary.failed.extend(failures)
    finally:
        if own_fetcher:
            fetcher.close()
        conn.close()
    summary.seconds = time.perf_counter() - started
    return summary


def reprocess(db: str | os.PathLike, *, settings: Settings | None = None, workers: int | None = None, everything: bool = False,
              progress: Callable[[int], None] | None = None) -> IngestSummary:
    """Re-extract stored articles whose extractor version differs from the
    current one (all of them with ``everything``) from their stored text."""
    settings = settings or Settings.load()
    workers = workers or os.cpu_count() or 1
    started = time.perf_counter()
    version = extractor_version(settings)
    conn = connect(db)
    writer = Writer(conn, version)
    read = connect(db)
    tick = progress or (lambda n: None)
    summary = IngestSummary()
    where = "" if everything else "WHERE extractor_version != ?"
    rows = read.execute(f"SELECT id, ref, url, title, source, published, language, text, meta FROM articles {where} ORDER BY id",
                        () if everything else (version,))

    def articles() -> Iterator[tuple[int, Article]]:
        for r in rows:
            yield r["id"], Article(id=r["ref"], text=r["text"], title=r["title"], url=r["url"], source=r["source"],
                                   published=r["published"], language=r["language"], meta=json.loads(r["meta"]))

    try:
        with WorkerPool(settings, workers) as engine:
            for chunk, outcomes in engine.map(_chunked(articles(), CHUNK)):
                for (rowid, _), (kind, value) in zip(chunk, outcomes):
                    if kind == "ok":
                        writer.replace(rowid, value)
                        summary.new += 1
                    else:
                        summary.failed.append(value)
                tick(len(chunk))
        writer.prune()
    finally:
        read.close()
        conn.close()
    summary.seconds = time.perf_counter() - started
    return summary


def pending(db: str | os.PathLike, settings: Settings) -> int:
    """How many stored articles ``reprocess`` would re-extract."""
    conn = connect(db)
    try:
        return conn.execute("SELECT COUNT(*) FROM articles WHERE extractor_version != ?", (extractor_version(settings),)).fetchone()[0]
    finally:
        conn.close()
