"""Normalise an article's text for the NLP without ever moving its offsets.

The NLP sees ``NormalizedText.text``; every span it produces is mapped back to
the original with ``NormalizedText.to_original``. What changes:

* quote marks of every script (curly, German „…“, guillemets «…» ›…‹, primes)
  become ASCII ``"`` and ``'``; exotic spaces become plain spaces; these are
  one-for-one, so they need no offset map at all;
* machine-translation spacing artefacts, ``high -ranking`` → ``high-ranking``;
* exact doubled words and phrases, ``minerals minerals`` → ``minerals``, where
  the doubling is certain noise (not "had had", "that that": see
  ``lexicons/data/doubling.tsv``);
* mojibake (``Ã©`` for ``é``, ``â€™`` for ``’``) repaired word by word with ftfy;
* soft hyphens and zero-width characters dropped;
* text no encoder can write (lone surrogates from ``\ud800`` escapes in
  scraped JSON) becomes U+FFFD, one for one, flagged ``unencodable``;
* control characters (NUL, backspace, ...) become spaces, one for one, and
  terminal escape sequences (``ESC[31m``) are dropped, flagged ``control``:
  the article is read, not refused, and ``Article.text`` keeps them.

Length-changing edits are recorded as ``(start, end, replacement)`` triples on
the original; the map is built only when there is at least one. Each repair is
reported with the span a reader would point at (the whole ``high -ranking``,
both copies of ``minerals minerals``), which may be wider than the edit.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from ..lexicons import Doubling, doubling
from ..records import Span

__all__ = ["NormalizedText", "normalize", "REPAIR_KINDS"]

# one-for-one substitutions: same length, same offsets
_QUOTES = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\u301d": '"', "\u301e": '"', "\uff02": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2039": "'", "\u203a": "'",
    "\u2032": "'", "\u02bc": "'", "\uff07": "'",
}
_SPACES = {c: " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c"}
_LINES = {"\u2028": "\n", "\u2029": "\n", "\x85": "\n", "\r": "\n"}
_ONE_FOR_ONE = str.maketrans({**_QUOTES, **_SPACES, **_LINES})

# one-for-one repairs that are flagged: what no encoder can write, and controls
_UNENCODABLE = re.compile("[\ud800-\udfff]+")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]+")

# length-changing repairs, each a (kind, pattern, replacement) triple
# a terminal escape sequence: CSI ("ESC[1;31m"), OSC ("ESC]0;title BEL"), or ESC + one char
_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_DROP = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# "high -ranking", "Pro -quo", "Russian -occupied": a space before a hyphen inside a word.
# Words are matched possessively (``++``) and only from their first letter: giving
# letters back can never let a space or hyphen match, so the matches are the same,
# found without retrying every suffix of every word
_SPACED_HYPHEN = re.compile(r"(?<![^\W\d_])[^\W\d_]++( +-)[^\W\d_]+")
# "minerals minerals", "the Middle East the Middle East": one to six words said twice
# (possessive words and spaces, as above: half the time of the backtracking form)
_DOUBLED = re.compile(r"\b([^\W\d_]++(?:[ ][^\W\d_]++){0,5})([ ]++\1)\b")
# a dash whose space after it was lost: "the economy -which stagnated ... 1990s -may be"
_SENTENCE_END = re.compile(r"[.!?\n]")
_COORDINATORS = frozenset({"and", "or"})
# candidate mojibake: a word holding a character typical of UTF-8 read as Latin-1/cp1252
_MOJIBAKE_PAIR = "[\u00c2\u00c3\u00c5\u00c6\u00d0\u00d1\u00e2\u00ef\u00f0][\u0080-\u02ff\u2010-\u203a\u20ac\u2122]"
_MOJIBAKE_WORD = re.compile(rf"\S*{_MOJIBAKE_PAIR}\S*")
#: the same test without the words around the pair: ten times cheaper on clean text
_MOJIBAKE = re.compile(_MOJIBAKE_PAIR)

REPAIR_KINDS = ("hyphen-spacing", "repetition", "encoding", "invisible", "unencodable", "control")


@dataclass(frozen=True)
class NormalizedText:
    original: str
    text: str
    #: for each normalised char, its (start, end) in the original; None = identity
    _starts: tuple[int, ...] | None = field(default=None, repr=False)
    _ends: tuple[int, ...] | None = field(default=None, repr=False)
    #: the length-changing repairs made: (kind, original span)
    repairs: tuple[tuple[str, Span], ...] = ()

    @property
    def is_identity(self) -> bool:
        """True when every offset of ``text`` is the same offset in the original."""
        return self._starts is None

    def to_original(self, start: int, end: int) -> Span:
        """Map a ``[start, end)`` span of ``text`` to the original text."""
        if self._starts is None:
            return (start, end)
        if end <= start:
            pos = self._starts[start] if start < len(self._starts) else len(self.original)
            return (pos, pos)
        return (self._starts[start], self._ends[end - 1])

    def offset(self, index: int) -> int:
        """Original offset of the normalised position ``index``."""
        if self._starts is None:
            return index
        return self._starts[index] if index < len(self._starts) else len(self.original)


def normalize(original: str) -> NormalizedText:
    """Return the text the NLP should read, with a map back to ``original``."""
    same_length = original.translate(_ONE_FOR_ONE)
    flagged: list[tuple[str, Span]] = []  # one-for-one repairs a reader is told of
    edits: list[tuple[int, int, str, str, Span | None]] = []
    if "\x1b" in same_length:
        for m in _ESCAPE_SEQUENCE.finditer(same_length):
            edits.append((m.start(), m.end(), "", "control", None))
    same_length = _one_for_one(same_length, _UNENCODABLE, "\ufffd", "unencodable", flagged)
    same_length = _one_for_one(same_length, _CONTROL, " ", "control", flagged)
    for m in _DROP.finditer(same_length):
        edits.append((m.start(), m.end(), "", "invisible", None))
    if " -" in same_length:
        for m in _spaced_hyphens(same_length):
            edits.append((m.start(1), m.end(1), "-", "hyphen-spacing", m.span()))
    known = doubling()
    for m in _DOUBLED.finditer(same_length):
        if _certain_doubling(m.group(1), known):
            edits.append((m.start(2), m.end(2), "", "repetition", m.span()))
    if _MOJIBAKE.search(original):
        import ftfy  # only for text that holds mojibake: its import costs more than most articles' normalisation

        for m in _MOJIBAKE_WORD.finditer(original):
            fixed = ftfy.fix_text(m.group(), normalization=None, uncurl_quotes=False, fix_line_breaks=False)
            if fixed != m.group():
                edits.append((m.start(), m.end(), fixed.translate(_ONE_FOR_ONE), "encoding", None))
    if not edits:
        return NormalizedText(original, same_length, repairs=tuple(flagged))
    ntext = _apply(original, same_length, edits)
    if not flagged:
        return ntext
    return dataclasses.replace(ntext, repairs=tuple(sorted(ntext.repairs + tuple(flagged), key=lambda r: (r[1], r[0]))))


def _one_for_one(text: str, pattern: re.Pattern, char: str, kind: str, flagged: list[tuple[str, Span]]) -> str:
    """Every run of ``pattern`` replaced by as many ``char``: offsets stay."""
    if pattern.search(text) is None:
        return text
    pieces, pos = [], 0
    for m in pattern.finditer(text):
        pieces.append(text[pos : m.start()])
        pieces.append(char * (m.end() - m.start()))
        flagged.append((kind, m.span()))
        pos = m.end()
    pieces.append(text[pos:])
    return "".join(pieces)


def _spaced_hyphens(text: str) -> list[re.Match]:
    """``word -word`` artefacts, leaving out paired dashes that lost a space
    ("the economy -which stagnated in the 1990s -may recover"): two in one
    sentence are a parenthesis, not two broken compounds."""
    found = list(_SPACED_HYPHEN.finditer(text))
    paired = set()
    for a, b in zip(found, found[1:]):
        if not _SENTENCE_END.search(text, a.end(), b.start()):
            paired.update((a.start(), b.start()))
    # "style -and price": a dash before a function word
    return [m for m in found if m.start() not in paired and m.group().rsplit("-", 1)[1].lower() not in STOP_WORDS]


def _certain_doubling(phrase: str, known: Doubling) -> bool:
    """Is ``phrase`` said twice in a row certainly noise? Not when English
    doubles it ("had had", "that that", "no no no"), not inside a
    reduplication ("to back to back", "and more and more"), and not for
    capitalised words, which may be a name or a title ("Phi Phi", "Spend
    Spend Spend", "Measure for Measure")."""
    words = phrase.split()
    if any(w[0].isupper() for w in words) or words[0] in _COORDINATORS or words[-1] in _COORDINATORS:
        return False
    if len(words) == 2:
        first, second = words
        # "to back to back" reads as "back to back"; "time after time after" as "time after time"
        if (first in known.links) != (second in known.links) and "the" not in words:
            return False
    return not all(w in known.doubles for w in words)


def _apply(original: str, base: str, edits: list[tuple[int, int, str, str, Span | None]]) -> NormalizedText:
    edits.sort(key=lambda e: (e[0], -e[1]))
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    repairs: list[tuple[str, Span]] = []
    pos = 0
    for start, end, replacement, kind, shown in edits:
        if start < pos:  # overlaps an earlier edit: the earlier one wins
            continue
        pieces.append(base[pos:start])
        starts.extend(range(pos, start))
        ends.extend(range(pos + 1, start + 1))
        pieces.append(replacement)
        # each replacement char stands for the whole original run
        starts.extend([start] * len(replacement))
        ends.extend([end] * len(replacement))
        repairs.append((kind, shown or (start, end)))
        pos = end
    pieces.append(base[pos:])
    starts.extend(range(pos, len(base)))
    ends.extend(range(pos + 1, len(base) + 1))
    return NormalizedText(original, "".join(pieces), tuple(starts), tuple(ends), tuple(repairs))
