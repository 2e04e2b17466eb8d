"""Stories: articles that are copies or updates of one report.

Each article's text becomes a MinHash signature (``datasketch``) over its
shingles, word 5-grams of the lower-cased, NFKC-folded words; two articles
resemble each other by the share of signature slots that agree (an estimate
of the Jaccard similarity of their shingle sets). Candidates are found by
locality-sensitive hashing: the signature is cut into ``BANDS`` bands and two
articles are compared only when one band is equal, so finding them costs an
index lookup, not a scan of the corpus. A wire copy under a new headline
shares nearly all its shingles (~0.8-1.0); an update that adds a paragraph
keeps most (~0.5-0.8); two reports of one event by different newsrooms share
few (< 0.2), and stay apart.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from datasketch import MinHash

__all__ = ["Fingerprint", "fingerprint", "resemblance", "SAME_STORY", "NUM_PERM", "BANDS", "SHINGLE_WORDS", "MIN_WORDS"]

SHINGLE_WORDS = 5
NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: pairs above ~0.5 nearly always meet, pairs below ~0.2 rarely
#: estimated Jaccard similarity of shingles at or above which two articles are one story
SAME_STORY = 0.5
#: texts shorter than this (in words) are not grouped: too little to tell a copy from a coincidence
MIN_WORDS = 25
_SEED = 1  # fixed: signatures are comparable across processes and runs
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    signature: tuple[int, ...]
    #: one key per band: equal keys make two articles candidates
    bands: tuple[str, ...]

    def to_bytes(self) -> bytes:
        return b"".join(v.to_bytes(4, "little") for v in self.signature)

    @classmethod
    def from_bytes(cls, data: bytes) -> "Fingerprint":
        sig = tuple(int.from_bytes(data[i : i + 4], "little") for i in range(0, len(data), 4))
        return cls(sig, _bands(sig))


def fingerprint(text: str) -> Fingerprint | None:
    """The article's signature, or None when it is too short to group."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).lower())
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}
    m = MinHash(num_perm=NUM_PERM, seed=_SEED)
    m.update_batch(sorted(shingles))
    sig = tuple(int(v) for v in m.hashvalues)
    return Fingerprint(sig, _bands(sig))


def resemblance(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated Jaccard similarity of the two articles' shingles (0..1)."""
    return sum(1 for x, y in zip(a.signature, b.signature) if x == y) / len(a.signature)


def _bands(sig: tuple[int, ...]) -> tuple[str, ...]:
    rows = len(sig) // BANDS
    out = []
    for band in range(BANDS):
        part = b"".join(v.to_bytes(4, "little") for v in sig[band * rows : (band + 1) * rows])
        out.append(f"{band}:{hashlib.blake2b(part, digest_size=8).hexdigest()}")
    return tuple(out)
