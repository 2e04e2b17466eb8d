"""JSON as newsgraph writes it to streams and files: one record per line that
every line splitter keeps whole, and text exactly as read.

* U+2028, U+2029 and U+0085 are escaped (``\\u2028``): JSON allows them raw,
  but Python's ``str.splitlines`` and JavaScript's line readers break on them;
* a lone surrogate (an unpaired ``\\ud800`` escape read from scraped JSON) is
  written back as the same escape, so the text stays as read and the output
  stays valid UTF-8;
* compact lines are encoded with ``orjson`` (the cost of ``--format jsonl``
  on a fast pipeline), the indented form with the standard library.
"""
from __future__ import annotations

import json
import re
from typing import Any

import orjson

__all__ = ["dumps"]

_UNSAFE = re.compile("[\u2028\u2029\x85\ud800-\udfff]")


def _escape(m: re.Match) -> str:
    return f"\\u{ord(m.group()):04x}"


def dumps(obj: Any, *, indent: bool = False) -> str:
    """``obj`` as JSON text: compact (one line) or indented by two spaces."""
    if indent:
        out = json.dumps(obj, ensure_ascii=False, indent=2)
    else:
        try:
            out = orjson.dumps(obj).decode("utf-8")
        except TypeError:  # lone surrogates, or keys orjson does not take
            out = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE.sub(_escape, out) if _UNSAFE.search(out) else out
