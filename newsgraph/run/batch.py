"""The one batch function every runner calls: articles in, outcomes out.

Local worker processes (``local.py``), the Parquet runners (``parquet.py``)
and the Ray actors (``ray_runner.py``) all turn a chunk of articles into
outcomes here, over ``pipeline.process_batch``; nothing else extracts.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Sequence

from ..errors import ArticleError
from ..records import Article

__all__ = ["Outcome", "CHUNK", "process_articles", "chunked"]

CHUNK = 16
Outcome = tuple[str, Any]  # ("ok", record dict) | ("error", (origin, reason))


def process_articles(pipeline, articles: Sequence[Article | ArticleError]) -> list[Outcome]:
    """Outcomes for ``articles`` in input order, with ``pipeline`` (a loaded
    ``newsgraph.Pipeline``): a record dict, or the failure's (origin, reason)."""
    from ..pipeline import process_batch

    out: list[Outcome] = []
    for result in process_batch(pipeline.nlp, articles, pipeline.settings, pipeline.gazetteer):
        if isinstance(result, ArticleError):
            out.append(("error", (result.article_id, str(result))))
            continue
        try:
            out.append(("ok", result.to_dict()))
        except Exception as exc:  # one article's failure must not stop the batch
            out.append(("error", (result.article.id, f"{result.article.id}: cannot be serialised: {exc.__class__.__name__}: {exc}")))
    return out


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
