"""Bytes to text, the way news arrives: UTF-8 first, then a detected encoding.

Binary data (many NUL bytes or control characters) is refused rather than
decoded into noise; a stray NUL in ordinary text is not binary, it is repaired
for the NLP (``normalize``) and flagged. The decoded text is what ``Article.text`` holds; later
repairs (``normalize``) never change it.
"""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import BinaryInput, UndecodableInput

__all__ = ["decode_bytes", "looks_binary"]

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


#: NUL bytes above this share of the first 8 KiB: binary (UTF-16 without a BOM
#: is half NULs, images and archives are full of them; text has one at most)
_MAX_NUL_SHARE = 0.01
#: control characters (NUL included) above this share: binary
_MAX_CONTROL_SHARE = 0.05
#: one stray character is never enough, however short the text
_MIN_COUNT = 1


def looks_binary(data: bytes) -> bool:
    """More than 1% NUL bytes or 5% control characters in the first 8 KiB
    (and more than one of them)."""
    head = data[:8192]
    if not head:
        return False
    nuls = head.count(b"\x00")
    if nuls > max(_MIN_COUNT, len(head) * _MAX_NUL_SHARE):
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls > max(_MIN_COUNT, len(head) * _MAX_CONTROL_SHARE)


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
