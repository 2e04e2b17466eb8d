"""Readers: paths, JSON Lines and standard input to ``Article`` objects.

Each reader yields ``Article`` or, for an input that cannot become one, the
``ArticleError`` describing why (never raises for a single bad article), so the
batch goes on and the caller decides how to report it.
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Mapping

from ..errors import ArticleError, ArticleTooLarge, BinaryInput, EmptyArticle, MalformedRecord
from ..records import Article
from ..settings import Settings
from .decode import decode_bytes, looks_binary
from .html import html_to_text

__all__ = ["read_paths", "read_path", "read_stdin", "article_from_bytes", "article_from_mapping", "make_article"]

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_KNOWN_KEYS = {"id", "text", "html", "title", "url", "source", "published", "language"}

ReadResult = Article | ArticleError


def read_paths(paths: Iterable[str], settings: Settings, *, published: str | None = None, stdin: IO[bytes] | None = None) -> Iterator[ReadResult]:
    for path in paths:
        if path == "-":
            yield from read_stdin(settings, published=published, stream=stdin)
        else:
            yield from read_path(Path(path), settings, published=published)


def read_stdin(settings: Settings, *, published: str | None = None, stream: IO[bytes] | None = None) -> Iterator[ReadResult]:
    stream = stream if stream is not None else sys.stdin.buffer
    try:
        yield article_from_bytes(stream.read(), "stdin", settings, published=published)
    except ArticleError as exc:
        yield exc


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
        if not raw.strip():
            continue
        where = f"{name}:{lineno}"
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
