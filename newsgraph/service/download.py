"""Downloads: every row of a filtered list as CSV or JSON, streamed.

The rows come from a ``queries.Listing`` read through its own read-only
connection, a few hundred at a time from one cursor, and leave as text as
they come: memory stays the same for ten rows or a million. The sorter, if
the order needs one, spills to a temporary file rather than to memory."""
from __future__ import annotations

import csv
import io
import json
import os
from typing import Any, Iterable, Iterator

from fastapi import Request
from fastapi.responses import StreamingResponse

from ..store.db import connect
from ..store.queries import Listing

__all__ = ["wanted", "rows", "csv_chunks", "json_chunks", "download"]

MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
ROWS_PER_CHUNK = 200


def wanted(request: Request, format: str | None) -> str | None:
    """The download asked for: ``?format=csv|json``, else ``Accept: text/csv``; None for a page of JSON."""
    if format:
        return format
    accept = request.headers.get("accept", "")
    return "csv" if "text/csv" in accept else None


def rows(db_path: str | os.PathLike, listing: Listing) -> Iterator[dict[str, Any]]:
    """Every row of ``listing``, from a connection of its own (closed when the stream ends or is dropped)."""
    conn = connect(db_path, create=False)
    try:
        conn.execute("PRAGMA query_only=ON")
        conn.execute("PRAGMA temp_store=FILE")
        yield from listing.stream(conn)
    finally:
        conn.close()


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value  # a spreadsheet would run it as a formula
    return value


def csv_chunks(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    """CSV with a header line (the first row's keys; no rows, no header)."""
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    n = 0
    for row in items:
        if n == 0:
            out.writerow(row.keys())
        out.writerow([_cell(v) for v in row.values()])
        n += 1
        if n % ROWS_PER_CHUNK == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    if buf.tell():
        yield buf.getvalue()


def json_chunks(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A JSON array, one row per line."""
    yield "["
    sep = "\n"
    for row in items:
        yield sep + json.dumps(row, ensure_ascii=False)
        sep = ",\n"
    yield "\n]\n"


def download(db_path: str | os.PathLike, listing: Listing, fmt: str, name: str) -> StreamingResponse:
    chunks = (csv_chunks if fmt == "csv" else json_chunks)(rows(db_path, listing))
    return StreamingResponse(chunks, media_type=MEDIA[fmt],
                             headers={"content-disposition": f'attachment; filename="newsgraph-{name}.{fmt}"'})
