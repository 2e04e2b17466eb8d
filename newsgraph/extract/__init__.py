"""Extractors: one module per record kind, each a pure function of a parsed Doc."""
from .entities import extract_entities
from .quotes import extract_quotes

__all__ = ["extract_entities", "extract_quotes"]
