"""Ingest: bytes and files to ``Article`` objects, and text normalised for the NLP."""
from .decode import decode_bytes
from .normalize import NormalizedText, normalize
from .readers import article_from_bytes, article_from_mapping, make_article, read_path, read_paths, read_stdin

__all__ = [
    "decode_bytes",
    "normalize",
    "NormalizedText",
    "read_paths",
    "read_path",
    "read_stdin",
    "article_from_bytes",
    "article_from_mapping",
    "make_article",
]
