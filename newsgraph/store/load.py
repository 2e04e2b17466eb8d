"""Merge Parquet ingest output (``ingest --out DIR``, local or Ray) into a
knowledge base, through the one ``Writer``.

The ``articles`` dataset holds each article's text and full record, so
loading is the store's own path: ``Writer.write`` with the records, one
transaction per batch, an article already held (same key) skipped. Loading the
same output twice, or two overlapping outputs, adds nothing the second time.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Callable, Iterator

from ..ingest.filesystems import open_filesystem
from .db import StoreError, connect
from .writer import Writer

__all__ = ["load", "LoadSummary"]

_BATCH = 256


@dataclass
class LoadSummary:
    new: int = 0
    duplicate: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def _files(root: str, table: str) -> list[str]:
    """The table's Parquet files in a repeatable order (hidden files skipped)."""
    from pyarrow import fs

    filesystem, path, _ = open_filesystem(root)
    base = f"{path.rstrip('/')}/{table}"
    if filesystem.get_file_info(base).type != fs.FileType.Directory:
        return []
    found = filesystem.get_file_info(fs.FileSelector(base, recursive=True))
    return sorted(f.path for f in found if f.type == fs.FileType.File and f.base_name.endswith(".parquet")
                  and not f.base_name.startswith((".", "_")))


def _rows(root: str, table: str, columns: list[str]) -> Iterator[dict]:
    import pyarrow.parquet as pq

    filesystem, _, _ = open_filesystem(root)
    for path in _files(root, table):
        for batch in pq.ParquetFile(filesystem.open_input_file(path)).iter_batches(batch_size=_BATCH, columns=columns):
            yield from batch.to_pylist()


def load(out: str | os.PathLike, db: str | os.PathLike, *, progress: Callable[[int], None] | None = None) -> LoadSummary:
    """Write the articles (and failures) of the Parquet output ``out`` into the
    knowledge base ``db``; returns what was new, already held, and failed."""
    out = str(out)
    if not _files(out, "articles") and not _files(out, "failures"):
        raise StoreError(f"no newsgraph Parquet output under {out} (expected {out}/articles/day=.../*.parquet)")
    tick = progress or (lambda n: None)
    summary = LoadSummary()
    conn = connect(db)
    writers: dict[str, Writer] = {}
    try:
        batch: list[tuple[str, dict]] = []

        def flush() -> None:
            for version in dict.fromkeys(v for v, _ in batch):
                writer = writers.setdefault(version, Writer(conn, version))
                new, dup = writer.write([r for v, r in batch if v == version])
                summary.new += new
                summary.duplicate += dup
            tick(len(batch))
            batch.clear()

        for row in _rows(out, "articles", ["text", "record", "extractor_version"]):
            record = json.loads(row["record"])
            record["article"]["text"] = row["text"]
            batch.append((row["extractor_version"], record))
            if len(batch) >= _BATCH:
                flush()
        flush()
        failures = [(r["origin"], r["reason"]) for r in _rows(out, "failures", ["origin", "reason"])]
        # an article stored since (another output, a later run) is no failure any more
        failures = [f for f in failures if conn.execute("SELECT 1 FROM articles WHERE ref = ?", (f[0],)).fetchone() is None]
        if failures:
            Writer(conn, "").write([], failures)
        summary.failed = failures
    finally:
        conn.close()
    return summary
