"""Bytes to text, the way news arrives: UTF-8 first, then a detected encoding.

Binary data (NUL bytes, many control characters) is refused rather than
decoded into noise. The decoded text is what ``Article.text`` holds; later
repairs (``normalize``) never change it.
"""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import BinaryInput, UndecodableInput

__all__ = ["decode_bytes", "looks_binary"]

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 5% control characters in the first 8 KiB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b in _CONTROL)
    return controls / len(head) > 0.05


def decode_bytes(data: bytes, article_id: str) -> str:
    """Decode ``data`` to ``str``; raise ``BinaryInput`` or ``UndecodableInput``."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    if looks_binary(data):
        raise BinaryInput(article_id)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        text = str(best)
        if _plausible(text):
            return text
    # the single-byte fallback every Western newsroom used for years
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if _plausible(text):
        return text
    raise UndecodableInput(article_id, "not UTF-8, and no detected encoding gives readable text")


def _plausible(text: str) -> bool:
    if not text:
        return True
    printable = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    return printable / len(text) > 0.95
