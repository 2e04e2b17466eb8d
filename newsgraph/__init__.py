"""newsgraph: who said what, did what to whom, where, when and how many — from
news text, offline, with every record pointing back to its characters."""
from __future__ import annotations

import importlib
import sys
import types
from typing import Any

from .errors import ArticleError, ConfigError, ModelNotFound, NewsgraphError
from .records import Article, DateRef, Entity, Event, Figure, Flag, Location, Quality, Quote, Record
from .settings import Settings
from .version import __version__

#: loaded on first use, so that ``import newsgraph`` (and ``newsgraph --help``)
#: does not pay for spaCy and the extractors until something is extracted
_LAZY = {"Pipeline": ".pipeline", "extract": ".pipeline", "process_batch": ".pipeline", "KnowledgeBase": ".kb", "EventFilter": ".store.filters", "QuoteFilter": ".store.filters"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Package(types.ModuleType):
    """``newsgraph.extract`` is both the function and the extractors'
    subpackage; importing the subpackage must not replace the function
    (the import system sets the parent's attribute)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "extract" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "extract",
    "Pipeline",
    "process_batch",
    "KnowledgeBase",
    "EventFilter",
    "QuoteFilter",
    "Settings",
    "Record",
    "Article",
    "Entity",
    "Quote",
    "Figure",
    "Event",
    "Location",
    "DateRef",
    "Flag",
    "Quality",
    "NewsgraphError",
    "ArticleError",
    "ConfigError",
    "ModelNotFound",
    "__version__",
]
