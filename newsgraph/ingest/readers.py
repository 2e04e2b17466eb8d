"""Readers: paths, JSON Lines and standard input to ``Article`` objects.

Each reader yields ``Article`` or, for an input that cannot become one, the
``ArticleError`` describing why (never raises for a single bad article), so the
batch goes on and the caller decides how to report it.
"""
from __future__ import annotations

import gzip
import itertools
import json
import os
import select
import stat
import sys
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Mapping

from ..errors import ArticleError, ArticleTooLarge, BinaryInput, EmptyArticle, MalformedRecord
from ..records import Article
from ..settings import Settings
from .decode import decode_bytes, looks_binary
from .html import html_to_text

__all__ = ["read_paths", "read_path", "read_stdin", "article_from_bytes", "article_from_mapping", "make_article",
           "INPUT_FORMATS", "IDLE"]

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_KNOWN_KEYS = {"id", "text", "html", "title", "url", "source", "published", "language"}

ReadResult = Article | ArticleError
INPUT_FORMATS = ("auto", "jsonl", "text")
IDLE = None  # yielded by a stream reader when no more input is ready yet: the batch so far should go out
_CHUNK = 1 << 16


def read_paths(paths: Iterable[str], settings: Settings, *, published: str | None = None, stdin: IO[bytes] | None = None,
               input_format: str = "auto") -> Iterator[ReadResult | None]:
    """Articles of ``paths`` in order; ``-`` is standard input (see ``read_stdin``),
    which may also yield ``IDLE`` while a pipe held open has nothing new."""
    for path in paths:
        if path == "-":
            yield from read_stdin(settings, published=published, stream=stdin, input_format=input_format)
        else:
            yield from read_path(Path(path), settings, published=published)


def read_stdin(settings: Settings, *, published: str | None = None, stream: IO[bytes] | None = None,
               input_format: str = "auto") -> Iterator[ReadResult | None]:
    """Standard input as articles: JSON Lines (one article per line, read as it
    arrives) or one plain-text / HTML article. ``auto`` reads JSON Lines when
    the first line is a JSON object. While a JSON Lines stream has nothing new
    ready, ``IDLE`` is yielded so that a consumer can finish the records it
    holds (``tail -f feed.jsonl | newsgraph extract -`` prints as it goes)."""
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"input_format must be one of {', '.join(INPUT_FORMATS)}, not {input_format!r}")
    stream = stream if stream is not None else sys.stdin.buffer
    chunks = _chunks(stream)
    head = b""
    if input_format != "text":
        # enough to see the first line (or the whole input, when it has no newline)
        for chunk in chunks:
            if chunk is IDLE:
                continue
            head += chunk
            if b"\n" in head:
                break
    if input_format == "jsonl" or (input_format == "auto" and _is_json_object(head.split(b"\n", 1)[0])):
        yield from _read_jsonl_stream(head, chunks, settings, published)
        return
    data = head + b"".join(c for c in chunks if c is not IDLE)
    try:
        yield article_from_bytes(data, "stdin", settings, published=published)
    except ArticleError as exc:
        yield exc


def _read_jsonl_stream(head: bytes, chunks: Iterator[bytes | None], settings: Settings, published: str | None) -> Iterator[ReadResult | None]:
    limit = settings.max_article_bytes * 4  # a line longer than any article may be is refused, not held
    lineno, parts, size, skipping = 0, [], 0, False
    for chunk in itertools.chain([head], chunks):
        if chunk is IDLE:
            yield IDLE
            continue
        if b"\n" not in chunk:  # a line still arriving
            parts.append(chunk)
            size += len(chunk)
            if size > limit:
                parts, size, skipping = [], 0, True
            continue
        *lines, tail = b"".join([*parts, chunk]).split(b"\n")
        for line in lines:
            lineno += 1
            if skipping:
                yield MalformedRecord(f"stdin:{lineno}", f"a line over {limit:,} bytes")
                skipping = False
            else:
                yield from _jsonl_line(line, f"stdin:{lineno}", settings, published)
        parts, size = [tail], len(tail)
    if skipping:
        yield MalformedRecord(f"stdin:{lineno + 1}", f"a line over {limit:,} bytes")
    elif (rest := b"".join(parts)).strip():
        yield from _jsonl_line(rest, f"stdin:{lineno + 1}", settings, published)


def _chunks(stream: IO[bytes]) -> Iterator[bytes | None]:
    """The bytes of ``stream`` as they arrive, with ``IDLE`` before a read
    that would block (a pipe or terminal with nothing ready)."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        fd = None
    if fd is None or not _is_pipe_like(fd):
        while chunk := stream.read(_CHUNK):
            yield chunk
        return
    while True:
        ready, _, _ = select.select([fd], [], [], 0)
        if not ready:
            yield IDLE
        chunk = os.read(fd, _CHUNK)
        if not chunk:
            return
        yield chunk


def _is_pipe_like(fd: int) -> bool:
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISSOCK(mode)


def _is_json_object(line: bytes) -> bool:
    line = line.strip()
    if not line.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False


def read_path(path: Path, settings: Settings, *, published: str | None = None) -> Iterator[ReadResult]:
    suffixes = [s.lower() for s in path.suffixes]
    gz = suffixes[-1:] == [".gz"]
    kind = suffixes[-2] if gz and len(suffixes) > 1 else (suffixes[-1] if suffixes else "")
    article_id = path.name.split(".")[0] if path.name else str(path)
    try:
        opener = gzip.open if gz else open
        if kind in JSONL_SUFFIXES:
            with opener(path, "rb") as fh:
                yield from read_jsonl(fh, str(path), settings, published=published)
            return
        with opener(path, "rb") as fh:
            data = fh.read(settings.max_article_bytes * 4 + 1)
    except OSError as exc:
        yield ArticleError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    try:
        yield article_from_bytes(data, article_id, settings, html=kind in HTML_SUFFIXES, published=published)
    except ArticleError as exc:
        yield exc


def read_jsonl(lines: Iterable[bytes], name: str, settings: Settings, *, published: str | None = None) -> Iterator[ReadResult]:
    for lineno, raw in enumerate(lines, 1):
        yield from _jsonl_line(raw, f"{name}:{lineno}", settings, published)


def _jsonl_line(raw: bytes, where: str, settings: Settings, published: str | None) -> Iterator[ReadResult]:
    if not raw.strip():
        return
    try:
        try:
            obj = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise MalformedRecord(where, f"not JSON: {exc}") from None
        if not isinstance(obj, dict):
            raise MalformedRecord(where, "a line must be a JSON object")
        yield article_from_mapping(obj, settings, default_id=where, published=published)
    except ArticleError as exc:
        yield exc


def article_from_mapping(obj: Mapping[str, Any], settings: Settings, *, default_id: str, published: str | None = None) -> Article:
    article_id = str(obj.get("id") if obj.get("id") is not None else default_id)
    text, html = obj.get("text"), obj.get("html")
    meta: dict[str, Any] = {}
    if text is None and html is not None:
        if not isinstance(html, str):
            raise MalformedRecord(article_id, "'html' must be a string")
        _check_size(html.encode("utf-8", "surrogatepass"), article_id, settings)
        text, meta = html_to_text(html, article_id)
    if not isinstance(text, str):
        raise MalformedRecord(article_id, "needs a 'text' (or 'html') string")
    extra = {k: v for k, v in obj.items() if k not in _KNOWN_KEYS}
    return make_article(
        article_id,
        text,
        settings,
        title=obj.get("title") or meta.get("title"),
        url=obj.get("url") or meta.get("url"),
        source=obj.get("source") or meta.get("sitename"),
        published=obj.get("published") or published or meta.get("date"),
        language=obj.get("language"),
        meta=extra,
    )


def article_from_bytes(data: bytes, article_id: str, settings: Settings, *, html: bool = False, published: str | None = None) -> Article:
    _check_size(data, article_id, settings)
    text = decode_bytes(data, article_id)
    meta: dict[str, Any] = {}
    if html or _looks_like_html(text):
        text, meta = html_to_text(text, article_id)
    return make_article(
        article_id,
        text,
        settings,
        title=meta.get("title"),
        url=meta.get("url"),
        source=meta.get("sitename"),
        published=published or meta.get("date"),
    )


def make_article(article_id: str, text: str, settings: Settings, *, meta: dict | None = None, **fields: Any) -> Article:
    """Validate ``text`` and build the ``Article``; raises ``ArticleError``."""
    if "\x00" in text and looks_binary(text[:8192].encode("utf-8", "surrogatepass")):
        raise BinaryInput(article_id, "NUL characters throughout the text")
    _check_size(text.encode("utf-8", "surrogatepass"), article_id, settings)
    if not text.strip():
        raise EmptyArticle(article_id)
    for key in ("title", "url", "source", "published", "language"):
        if fields.get(key) is not None and not isinstance(fields[key], str):
            fields[key] = str(fields[key])
    return Article(id=article_id, text=text, meta=meta or {}, **fields)


def _check_size(data: bytes, article_id: str, settings: Settings) -> None:
    if len(data) > settings.max_article_bytes:
        raise ArticleTooLarge(article_id, f"{len(data):,} bytes; the limit is {settings.max_article_bytes:,} (setting max_article_bytes)")


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)
