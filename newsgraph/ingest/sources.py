"""Sources for ``ingest``: files, directories, globs, WARC archives and RSS/Atom
feeds (files or URLs) to ``Article`` objects.

Like the readers, a source never raises for one bad article: it yields the
``ArticleError``. An item the caller already has (``known(url)`` is true) is
yielded as ``Known`` without fetching it, so ``watch`` re-reads a feed cheaply.
"""
from __future__ import annotations

import dataclasses
import glob
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import ArticleError
from ..records import Article
from ..settings import Settings
from .fetch import Fetcher, FetchFailed
from .readers import IDLE, article_from_bytes, read_path, read_stdin

__all__ = ["Known", "iter_sources", "expand", "read_warc", "read_feed", "is_url"]

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".warc", ".rss", ".atom", ".xml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}


@dataclass(frozen=True)
class Known:
    """A feed item whose URL is already stored: skipped without fetching."""

    url: str


Item = Article | ArticleError | Known


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def expand(sources: Iterable[str]) -> Iterator[str]:
    """Paths and URLs of ``sources``: directories recursively, globs expanded,
    in sorted order so that a run is repeatable."""
    for source in sources:
        if is_url(source) or source == "-":
            yield source
        elif any(c in source for c in "*?["):
            yield from sorted(glob.glob(source, recursive=True))
        elif Path(source).is_dir():
            for p in sorted(Path(source).rglob("*")):
                if p.is_file() and source_kind(p) in ARTICLE_SUFFIXES:
                    yield str(p)
        else:
            yield source


def source_kind(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-1:] == [".gz"] and len(suffixes) > 1:
        return suffixes[-2]
    return suffixes[-1] if suffixes else ""


def iter_sources(sources: Iterable[str], settings: Settings, *, fetcher: Fetcher | None = None,
                 known: Callable[[str], bool] = lambda url: False, published: str | None = None) -> Iterator[Item]:
    for source in expand(sources):
        if source == "-":
            yield from (item for item in read_stdin(settings, published=published) if item is not IDLE)
            continue
        if is_url(source):
            if fetcher is None:
                yield ArticleError(source, "URL sources need a fetcher")
                continue
            try:
                data = fetcher.get(source)
            except FetchFailed as exc:
                yield exc
                continue
            yield from read_feed(data, source, settings, fetcher=fetcher, known=known)
            continue
        path = Path(source)
        kind = source_kind(path)
        if kind == ".warc":
            yield from read_warc(path, settings, published=published)
        elif kind in FEED_SUFFIXES or (kind not in ARTICLE_SUFFIXES and _sniff_feed(path)):
            try:
                data = path.read_bytes()
            except OSError as exc:
                yield ArticleError(source, f"cannot read: {exc.strerror or exc}")
                continue
            yield from read_feed(data, source, settings, fetcher=fetcher, known=known)
        else:
            yield from read_path(path, settings, published=published)


def _sniff_feed(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(1024).lower()
    except OSError:
        return False
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def read_feed(data: bytes, name: str, settings: Settings, *, fetcher: Fetcher | None,
              known: Callable[[str], bool] = lambda url: False) -> Iterator[Item]:
    """Items of an RSS/Atom feed; each linked page is fetched and its main
    text extracted. Without a fetcher, or when the page cannot be had, the
    feed's own content (if any) is the text."""
    import feedparser

    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        yield ArticleError(name, f"not a feed: {feed.get('bozo_exception')}")
        return
    for n, entry in enumerate(feed.entries, 1):
        url = entry.get("link")
        ref = entry.get("id") or url or f"{name}#{n}"
        if url and known(url):
            yield Known(url)
            continue
        published = _entry_date(entry)
        article: Article | ArticleError
        try:
            if url and fetcher is not None:
                article = article_from_bytes(fetcher.get(url), ref, settings, html=True, published=published)
            else:
                article = _from_entry_content(entry, ref, settings, published)
        except ArticleError as exc:
            try:
                article = _from_entry_content(entry, ref, settings, published)
            except ArticleError:
                article = exc
        if isinstance(article, Article):
            article = dataclasses.replace(article, url=url or article.url, title=entry.get("title") or article.title,
                                          source=article.source or feed.feed.get("title"))
        yield article


def _from_entry_content(entry, ref: str, settings: Settings, published: str | None) -> Article:
    content = entry.get("content")
    body = content[0].get("value") if content else entry.get("summary")
    if not body:
        raise ArticleError(ref, "the feed item has no text and its page could not be fetched")
    return article_from_bytes(body.encode("utf-8"), ref, settings, html="<" in body, published=published)


def _entry_date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return "%04d-%02d-%02dT%02d:%02d:%02d" % tuple(parsed[:6])
    return None


def read_warc(path: Path, settings: Settings, *, published: str | None = None) -> Iterator[Item]:
    """HTML (and plain-text) responses of a WARC file, through the same text extraction."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield ArticleError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        try:
            for rec in ArchiveIterator(fh):
                if rec.rec_type not in ("response", "resource"):
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI")
                ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else
                         rec.rec_headers.get_header("Content-Type")) or ""
                if rec.http_headers and not rec.http_headers.get_statuscode().startswith("2"):
                    continue
                if "html" not in ctype and "text/plain" not in ctype:
                    continue
                date = published or (rec.rec_headers.get_header("WARC-Date") or "")[:10] or None
                try:
                    article = article_from_bytes(rec.content_stream().read(), url or str(path), settings,
                                                 html="html" in ctype, published=date)
                    yield dataclasses.replace(article, url=url or article.url)
                except ArticleError as exc:
                    yield exc
        except Exception as exc:  # a truncated or corrupt archive: report and stop this file
            yield ArticleError(str(path), f"bad WARC: {exc.__class__.__name__}: {exc}")
