"""The exceptions newsgraph raises, named after their cause.

    NewsgraphError
    ├── ConfigError            a setting is invalid (unknown format, bad date, bad config file)
    │   └── ModelNotFound      the named spaCy pipeline is not installed
    └── ArticleError           one article cannot be processed; the batch goes on
        ├── EmptyArticle       no text after decoding and extraction
        ├── BinaryInput        the bytes are not text (NUL bytes, control characters)
        ├── UndecodableInput   no encoding decodes the bytes to plausible text
        ├── ArticleTooLarge    larger than ``Settings.max_article_bytes``
        ├── MalformedRecord    a JSON Lines line that is not an article object
        └── UnsupportedLanguage  not English, and no spaCy pipeline is configured for its language

Every ``ArticleError`` carries the article id (or ``path:line``) it concerns, so
that a batch runner can report it and move on.
"""
from __future__ import annotations

__all__ = [
    "NewsgraphError",
    "ConfigError",
    "ModelNotFound",
    "ArticleError",
    "EmptyArticle",
    "BinaryInput",
    "UndecodableInput",
    "ArticleTooLarge",
    "MalformedRecord",
    "UnsupportedLanguage",
]


class NewsgraphError(Exception):
    """Base class of every error newsgraph raises on purpose."""


class ConfigError(NewsgraphError):
    """A setting, flag or config file value is invalid."""


class ModelNotFound(ConfigError):
    """The requested spaCy pipeline is not installed."""


class ArticleError(NewsgraphError):
    """One article could not be processed; ``article_id`` says which."""

    reason = "cannot be processed"

    def __init__(self, article_id: str, detail: str | None = None):
        self.article_id = article_id
        self.detail = detail
        super().__init__(f"{article_id}: {self.reason}" + (f" ({detail})" if detail else ""))


class EmptyArticle(ArticleError):
    reason = "empty article: no text"


class BinaryInput(ArticleError):
    reason = "not text: looks like binary data"


class UndecodableInput(ArticleError):
    reason = "undecodable: no text encoding fits the bytes"


class ArticleTooLarge(ArticleError):
    reason = "too large"


class MalformedRecord(ArticleError):
    reason = "malformed JSON Lines record"


class UnsupportedLanguage(ArticleError):
    reason = "unsupported language: skipped"
