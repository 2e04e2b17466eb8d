"""Main text of an HTML page, via trafilatura (boilerplate, menus and ads removed)."""
from __future__ import annotations

from ..errors import EmptyArticle

__all__ = ["html_to_text"]


def html_to_text(html: str, article_id: str) -> tuple[str, dict]:
    """Return ``(text, metadata)``; metadata holds title, url, date where the page says."""
    # imported on the first page, not with the readers: text and JSON Lines
    # input (and every process that reads no HTML) skip its ~50 ms import
    import trafilatura

    text = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,
        with_metadata=False,
    )
    if not text or not text.strip():
        # short pages fall below trafilatura's precision threshold; retry leniently
        text = trafilatura.extract(html, include_comments=False, favor_recall=True)
    if not text or not text.strip():
        raise EmptyArticle(article_id, "no main text found in the HTML")
    meta = {}
    doc = trafilatura.extract_metadata(html)
    if doc is not None:
        for key in ("title", "url", "date", "sitename"):
            value = getattr(doc, key, None)
            if value:
                meta[key] = value
    return text, meta
