"""Table exports: JSON Lines in the contract's shape; CSV and Parquet with one
file per record kind. Rows stream in batches, so size is bounded by disk."""
from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import IO, Iterator

from ..store.queries import full_record

__all__ = ["TABLES", "export_jsonl", "export_csv", "export_parquet", "table_rows"]

#: table -> its SELECT (aliased ``t``), joined to the article for the date filter
TABLES = ["articles", "entities", "mentions", "quotes", "figures", "events", "locations", "dates", "flags", "corpus_entities", "failures"]
_BATCH = 5000


def _select(conn: sqlite3.Connection, table: str, since: str | None) -> sqlite3.Cursor:
    if table in ("corpus_entities", "failures"):
        return conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
    if table == "articles":
        cols = [r[1] for r in conn.execute("PRAGMA table_info(articles)") if r[1] != "record"]
        sql = f"SELECT {', '.join(cols)} FROM articles t"
        return conn.execute(sql + (" WHERE t.published >= ?" if since else "") + " ORDER BY t.id", (since,) if since else ())
    sql = f"SELECT t.* FROM {table} t"
    if since:
        sql += " JOIN articles a ON a.id = t.article_id WHERE a.published >= ?"
    return conn.execute(sql + " ORDER BY t.rowid", (since,) if since else ())


def table_rows(conn: sqlite3.Connection, table: str, since: str | None = None) -> tuple[list[str], Iterator[list[tuple]]]:
    cur = _select(conn, table, since)
    names = [d[0] for d in cur.description]

    def batches() -> Iterator[list[tuple]]:
        while True:
            rows = cur.fetchmany(_BATCH)
            if not rows:
                return
            yield [tuple(r) for r in rows]

    return names, batches()


def export_jsonl(conn: sqlite3.Connection, out: IO[str], since: str | None = None) -> int:
    sql = "SELECT text, record FROM articles" + (" WHERE published >= ?" if since else "") + " ORDER BY id"
    n = 0
    for row in conn.execute(sql, (since,) if since else ()):
        out.write(json.dumps(full_record(row[1], row[0]), ensure_ascii=False) + "\n")
        n += 1
    return n


def export_csv(conn: sqlite3.Connection, outdir: Path, since: str | None = None) -> dict[str, int]:
    outdir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        names, batches = table_rows(conn, table, since)
        n = 0
        with open(outdir / f"{table}.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(names)
            for batch in batches:
                w.writerows(batch)
                n += len(batch)
        counts[table] = n
    return counts


_ARROW = {"INTEGER": "int64", "REAL": "float64", "TEXT": "string"}


def export_parquet(conn: sqlite3.Connection, outdir: Path, since: str | None = None) -> dict[str, int]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    outdir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        declared = {r[1]: (r[2] or "TEXT").upper() for r in conn.execute(f"PRAGMA table_info({table})")}
        names, batches = table_rows(conn, table, since)
        schema = pa.schema([(n, getattr(pa, _ARROW.get(declared.get(n, "TEXT"), "string"))()) for n in names])
        n = 0
        with pq.ParquetWriter(outdir / f"{table}.parquet", schema) as writer:
            for batch in batches:
                columns = list(zip(*batch))
                writer.write_table(pa.table([pa.array(col, type=f.type) for col, f in zip(columns, schema)], schema=schema))
                n += len(batch)
            if n == 0:
                writer.write_table(schema.empty_table())
        counts[table] = n
    return counts
