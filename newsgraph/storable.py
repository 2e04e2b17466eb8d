"""Text as a store can hold it: SQLite and Parquet take UTF-8 only, and a
lone surrogate (an unpaired ``\\ud800`` escape in scraped JSON) has no UTF-8
form. It is stored as U+FFFD, one character for one, so every stored span
still indexes the stored text; the record's ``quality.flags`` already says
where (``unencodable``). Everything else is stored exactly as read.
"""
from __future__ import annotations

import re
from typing import Any

__all__ = ["storable", "storable_record"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(value: Any) -> Any:
    """``value`` (a string, or lists, tuples and dicts of them) with lone
    surrogates replaced by U+FFFD; the same object when there are none."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, dict):
        return {storable(k): storable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(storable(v) for v in value)
    return value


def storable_record(record: dict) -> dict:
    """A record dict as a store can hold it. Every string of a record comes
    from its article (spans' text, names) or from newsgraph's own data, so
    when the article's strings are clean the record is returned untouched,
    without walking it."""
    if not _has_surrogate(record.get("article") or {}):
        return record
    return storable(record)


def _has_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(_has_surrogate(v) for v in value)
    return False
