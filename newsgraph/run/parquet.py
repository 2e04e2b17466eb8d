"""Ingest to Parquet: sources -> chunks -> records -> one dataset per kind.

    source --read_chunks--> chunk (source, n, articles) --extract_chunk-->
        OUT/<kind>/day=<YYYY-MM-DD|none>/part-<source hash>-<n>.parquet  (+ OUT/failures/)

A chunk is named by its source and its position in it, and every row id is
derived from the article (``store/rows.py``), so extracting a chunk again (a
retried task, a rerun) rewrites the same files with the same rows; each file
appears whole (written aside, then renamed). Two runners drive the same two
functions: ``ingest_parquet`` here (local worker processes) and
``ray_runner.ingest_ray`` (a Ray Data actor pool). ``load.py`` merges the
output into a knowledge base.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import time
from typing import Any, Callable, Iterable, Iterator, Mapping

from ..errors import ArticleError
from ..ingest.filesystems import expand_any, local_copy, open_filesystem
from ..ingest.sources import is_url, iter_sources
from ..records import Article
from ..settings import Settings
from ..store.db import article_key
from ..store.rows import arrow_schema, day_of, record_rows
from .batch import CHUNK, process_articles
from ..version import extractor_version
from .local import IngestSummary

__all__ = ["read_chunks", "extract_chunk", "ingest_parquet", "Tally"]

_ARTICLE_KEYS = ("id", "text", "title", "url", "source", "published", "language")


# ------------------------------------------------------------------ chunks

def _article(a: Mapping[str, Any]) -> Article:
    return Article(**{k: a.get(k) for k in _ARTICLE_KEYS}, meta={k: v for k, v in a.items() if k not in _ARTICLE_KEYS})


def read_chunks(source: str, settings: Settings, *, published: str | None = None, size: int = CHUNK) -> Iterator[dict[str, Any]]:
    """The articles of one source in chunks of ``size``:
    ``{"source", "chunk", "articles"}`` (as JSON: ``["article", dict]``,
    ``["error", origin, reason]`` or ``["duplicate", key]``). An article met
    again in the same source is not extracted again; one met again in another
    source is (its rows have the same ids) and the runner counts it as a
    duplicate, as local ingest does."""
    from ..ingest.fetch import Fetcher

    seen: set[str] = set()
    batch: list[list] = []
    n = 0
    with local_copy(source) as path, (Fetcher() if is_url(source) else _no_fetcher()) as fetcher:
        for item in iter_sources([path], settings, fetcher=fetcher, published=published):
            if isinstance(item, ArticleError):  # as local ingest notes it, with the source's name
                batch.append(["error", item.article_id.replace(path, source), str(item).replace(path, source)])
            elif isinstance(item, Article):
                key = article_key(item.url, item.text)
                if key in seen:
                    batch.append(["duplicate", key])
                    continue
                seen.add(key)
                batch.append(["article", item.to_dict()])
            if len(batch) >= size:
                yield {"source": source, "chunk": n, "articles": json.dumps(batch)}
                batch, n = [], n + 1
    if batch:
        yield {"source": source, "chunk": n, "articles": json.dumps(batch)}


_no_fetcher = contextlib.nullcontext


def extract_chunk(pipeline, chunk: Mapping[str, Any], out: str, version: str) -> dict[str, Any]:
    """Extract one chunk with ``pipeline`` (through ``process_articles``, the
    one batch function) and write its rows under ``out``. Returns what the
    runner tallies: the article keys written, the failures, the CPU seconds."""
    cpu = time.process_time()
    items = json.loads(chunk["articles"])
    failures = [[x[1], x[2]] for x in items if x[0] == "error"]  # read errors, noted as read
    outcomes = process_articles(pipeline, [_article(x[1]) for x in items if x[0] == "article"])
    tables: dict[tuple[str, str], list[dict]] = {}
    keys: list[str] = []
    for kind, value in outcomes:
        if kind == "error":
            failures.append([value[0], value[1]])
            continue
        rows = record_rows(value, version)
        keys.append(rows["articles"][0]["key"])
        day = day_of(value["article"].get("published"))
        for table, table_rows in rows.items():
            if table_rows:
                tables.setdefault((table, f"day={day}"), []).extend(table_rows)
    keys += [x[1] for x in items if x[0] == "duplicate"]
    if failures:
        tables[("failures", "")] = [{"origin": o, "reason": r, "source": chunk["source"]} for o, r in failures]
    tag = f"part-{hashlib.sha1(str(chunk['source']).encode()).hexdigest()[:12]}-{int(chunk['chunk']):06d}.parquet"
    for (table, partition), rows in tables.items():
        _write(out, table, partition, tag, rows)
    return {"source": chunk["source"], "chunk": int(chunk["chunk"]), "keys": keys, "failures": failures,
            "cpu": time.process_time() - cpu}


def _write(out: str, table: str, partition: str, name: str, rows: list[dict]) -> None:
    """One Parquet file, written aside (a hidden name readers skip) and renamed."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    filesystem, root, _ = open_filesystem(out)
    folder = "/".join(p for p in (root.rstrip("/"), table, partition) if p)
    filesystem.create_dir(folder, recursive=True)
    schema = arrow_schema(table)
    data = pa.Table.from_pylist(rows, schema=schema)
    final, hidden = f"{folder}/{name}", f"{folder}/.{name}.{os.getpid()}.tmp"
    pq.write_table(data, hidden, filesystem=filesystem)
    filesystem.move(hidden, final)


class Tally:
    """The run's summary from the chunks' results, as local ingest reports it:
    an article key seen in an earlier chunk is a duplicate."""

    def __init__(self, progress: Callable[[int], None] | None = None):
        self.summary = IngestSummary()
        self.seen: set[str] = set()
        self.tick = progress or (lambda n: None)

    def add(self, result: Mapping[str, Any]) -> None:
        for key in result["keys"]:
            if key in self.seen:
                self.summary.duplicate += 1
            else:
                self.seen.add(key)
                self.summary.new += 1
        self.summary.failed.extend((o, r) for o, r in result["failures"])
        self.summary.cpu_seconds += result.get("cpu", 0.0)
        self.tick(len(result["keys"]) + len(result["failures"]))


# ------------------------------------------------------------------ local runner

def _extract_task(chunk: Mapping[str, Any], out: str, version: str) -> dict[str, Any]:
    from . import local

    return extract_chunk(local._pipeline, chunk, out, version)  # the worker's pipeline, loaded once


def ingest_parquet(sources: Iterable[str], out: str | os.PathLike, *, settings: Settings | None = None, workers: int | None = None,
                   published: str | None = None, progress: Callable[[int], None] | None = None, chunk: int = CHUNK) -> IngestSummary:
    """Extract ``sources`` into Parquet under ``out`` with local worker
    processes (the parent reads; the workers extract and write). ``chunk``:
    articles per chunk (and per file); keep it for reruns into the same OUT."""
    from .local import WorkerPool

    settings = settings or Settings.load()
    started = time.perf_counter()
    out = str(out)
    tally = Tally(progress)

    chunks = (c for source in expand_any(sources) for c in read_chunks(source, settings, published=published, size=chunk))
    task = functools.partial(_extract_task, out=out, version=extractor_version(settings))
    with WorkerPool(settings, workers or os.cpu_count() or 1) as engine:
        for _, result in engine.map(chunks, task):
            tally.add(result)
    tally.summary.seconds = time.perf_counter() - started
    return tally.summary
