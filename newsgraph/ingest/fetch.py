"""Fetching pages over HTTP: timeouts, retries with backoff, and a polite
per-host interval. The transport is swappable (httpx transports), so tests
need no network beyond 127.0.0.1.
"""
from __future__ import annotations

import logging
import threading
import time
from urllib.parse import urlsplit

import httpx

from ..version import __version__
from ..errors import ArticleError

__all__ = ["Fetcher", "FetchFailed"]

log = logging.getLogger(__name__)


class FetchFailed(ArticleError):
    reason = "cannot fetch"


class Fetcher:
    """``get(url) -> bytes``; at most one request per ``interval`` seconds per host."""

    def __init__(self, *, timeout: float = 15.0, retries: int = 2, interval: float = 1.0, backoff: float = 0.5,
                 max_bytes: int = 10_000_000, transport: httpx.BaseTransport | None = None):
        self.retries = retries
        self.interval = interval
        self.backoff = backoff
        self.max_bytes = max_bytes
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout), follow_redirects=True, transport=transport,
            headers={"User-Agent": f"newsgraph/{__version__} (+https://github.com/newsgraph)"},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            wait = self._last.get(host, 0.0) + self.interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last[host] = time.monotonic()

    def get(self, url: str) -> bytes:
        host = urlsplit(url).netloc
        last = "no attempt"
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_turn(host)
            try:
                resp = self._client.get(url)
            except httpx.HTTPError as exc:
                last = f"{exc.__class__.__name__}: {exc}"
                continue
            if resp.status_code >= 500 or resp.status_code == 429:
                last = f"HTTP {resp.status_code}"
                continue
            if resp.status_code >= 400:
                raise FetchFailed(url, f"HTTP {resp.status_code}")
            if len(resp.content) > self.max_bytes:
                raise FetchFailed(url, f"larger than {self.max_bytes:,} bytes")
            return resp.content
        raise FetchFailed(url, f"{last} after {self.retries + 1} attempt(s)")
