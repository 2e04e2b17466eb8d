"""Text as a store can hold it: SQLite and Parquet take UTF-8 only, and a
lone surrogate (an unpaired ``\\ud800`` escape in scraped JSON) has no UTF-8
form. It is stored as U+FFFD, one character for one, so every stored span
still indexes the stored text; the record's ``quality.flags`` already says
where (``unencodable``). Everything else is stored exactly as read.
"""
from __future__ import annotations

import re
from typing import Any

__all__ = ["storable"]

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
