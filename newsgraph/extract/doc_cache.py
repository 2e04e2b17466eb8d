"""What several extractors read from a parsed Doc, computed once per Doc.

``doc.text`` joins every token's text each time it is read, and ``doc.sents``
walks every token; the extractors share one copy of each, kept in
``doc.user_data``.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["sentences", "doc_text", "remember_text"]

_SENTS = "newsgraph.sentences"
_TEXT = "newsgraph.text"


def sentences(doc: Doc) -> list[Span]:
    cached = doc.user_data.get(_SENTS)
    if cached is None:
        cached = doc.user_data[_SENTS] = list(doc.sents)
    return cached


def doc_text(doc: Doc) -> str:
    cached = doc.user_data.get(_TEXT)
    if cached is None:
        cached = doc.user_data[_TEXT] = doc.text
    return cached


def remember_text(doc: Doc, text: str) -> None:
    """Record ``text`` (which the caller knows ``doc`` was made from) as its text."""
    doc.user_data[_TEXT] = text
