"""Exports of a knowledge base: jsonl, csv, parquet, gkg, events, mentions."""
from __future__ import annotations

import contextlib
import sqlite3
import sys
from pathlib import Path

from ..errors import ConfigError
from .gdelt import export_events, export_gkg, export_mentions
from .tables import export_csv, export_jsonl, export_parquet

__all__ = ["FORMATS", "export", "export_jsonl", "export_csv", "export_parquet", "export_gkg", "export_events", "export_mentions"]

FORMATS = ("jsonl", "csv", "parquet", "gkg", "events", "mentions")


def export(conn: sqlite3.Connection, fmt: str, out: str | Path, *, since: str | None = None) -> dict[str, int]:
    """Write the knowledge base in ``fmt`` to ``out`` (a file, ``-`` for
    stdout, or a directory for csv and parquet). Returns rows per table."""
    if fmt in ("csv", "parquet"):
        if str(out) == "-":
            raise ConfigError(f"--format {fmt} writes one file per table: OUT must be a directory")
        return (export_csv if fmt == "csv" else export_parquet)(conn, Path(out), since)
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")
    writer = {"jsonl": export_jsonl, "gkg": export_gkg, "events": export_events, "mentions": export_mentions}[fmt]
    with contextlib.ExitStack() as stack:
        fh = sys.stdout if str(out) == "-" else stack.enter_context(open(out, "w", encoding="utf-8", newline="\n"))
        return {fmt: writer(conn, fh, since)}
