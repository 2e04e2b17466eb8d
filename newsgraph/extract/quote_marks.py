"""Quoted passages: quote marks paired into spans, paragraph by paragraph.

Works on the NLP text, where every double mark (straight, curly, German „…“,
guillemets) is already ``"`` and every single one ``'``; the typewriter double
``''…''`` (two single marks, a newspaper-archive habit) pairs like ``"``. Whether a mark opens or
closes is read from its neighbours (a space before: opens; a space or
punctuation after: closes), so reversed, German and French conventions pair
alike. Marks never pair across a paragraph: a paragraph whose quote is still
open at its end yields an unclosed passage (``closed=False``), and a following
paragraph that opens with a mark continues it (``continues=True``), the
newsroom convention for quotes running over several paragraphs. A stray mark
that cannot pair is ignored.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Passage", "find_passages", "paragraph_starts"]

_OPEN_BEFORE = frozenset(" \n([{-\u2014\u2013\u2015/:;,")
_CLOSE_AFTER = frozenset(" \n)]}.,;:!?-\u2014\u2013\u2015/")
#: single marks pair only around at least this many words (apostrophes abound)
_SINGLE_MIN_WORDS = 2


@dataclass(frozen=True)
class Passage:
    #: the quoted content, marks excluded, in doc coordinates
    start: int
    end: int
    #: the opening mark's offset; the closing mark's, or None when unclosed
    open_at: int
    close_at: int | None
    #: index of the paragraph it sits in (a line, or hard-wrapped lines)
    paragraph: int
    #: opens a paragraph while the previous paragraph's quote was left open
    continues: bool = False

    @property
    def closed(self) -> bool:
        return self.close_at is not None


def find_passages(text: str) -> list[Passage]:
    """Every quoted passage of ``text``, in order, none overlapping."""
    out: list[Passage] = []
    open_in = -2  # the paragraph whose last quote was left open
    for n, (start, para) in enumerate(_paragraphs(text)):
        left_open = open_in == n - 1
        found = _pair(para, start, n, '"') if '"' in para else []
        if not found and "''" in para:
            found = _pair(para, start, n, "''")
        if not found and "'" in para:
            found = _pair_single(para, start, n)
        if found and left_open and found[0].open_at == start + _indent(para):
            first = found[0]
            found[0] = Passage(first.start, first.end, first.open_at, first.close_at, n, continues=True)
        out.extend(found)
        open_in = n if found and not found[-1].closed else -2
    return out


def paragraph_starts(text: str) -> list[int]:
    """The offset where each paragraph starts: each line, except that a line
    hard-wrapped in mid-sentence runs on into the next."""
    return [start for start, _ in _paragraphs(text)]


def wrapped_lines(text: str) -> frozenset[int]:
    """The offsets of the lines that run on from the line before (a hard wrap
    in mid-sentence), where they start (after their indent)."""
    out = set()
    start = 0
    lines = text.split("\n")
    for k, line in enumerate(lines):
        if k and _wraps(lines[k - 1], line):
            out.add(start + _indent(line))
        start += len(line) + 1
    return frozenset(out)


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    start = 0
    lines = text.split("\n")
    for k, line in enumerate(lines):
        if out and _wraps(lines[k - 1], line):
            s, para = out[-1]
            out[-1] = (s, para + "\n" + line)
        else:
            out.append((start, line))
        start += len(line) + 1
    return out


#: a line ending so may end its paragraph; any other is wrapped if the next goes on
_ENDS = frozenset(".!?:;\"'\u201d\u2019)]")
#: a quote closed on a comma goes on to its attribution: '..., he said,"' wraps
_OPEN_ENDS = frozenset({',"', ",'", ",\u201d", ",\u2019"})
#: a wrapped line of text this long or longer (a headline is shorter)
_WRAP_WIDTH = 60


def _wraps(line: str, nxt: str) -> bool:
    """Whether ``nxt`` continues the sentence of ``line`` (hard-wrapped text:
    "... Anthony\n      Levandowski said ...")."""
    body, following = line.strip(), nxt.strip()
    if not body or not following or len(body) < _WRAP_WIDTH:
        return False
    if body[-1] in _ENDS and body[-2:] not in _OPEN_ENDS:
        return False
    return following[0].islower() or _indent(line) == _indent(nxt) > 0


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _can_open(line: str, i: int, width: int = 1) -> bool:
    return (i == 0 or line[i - 1] in _OPEN_BEFORE) and i + width < len(line) and not line[i + width].isspace()


def _can_close(line: str, i: int, width: int = 1) -> bool:
    j = i + width
    return i > 0 and not line[i - 1].isspace() and (j == len(line) or line[j] in _CLOSE_AFTER or line[j] in "\"'")


def _marks(line: str, mark: str):
    i = line.find(mark)
    while i != -1:
        yield i
        i = line.find(mark, i + len(mark))


def _pair(line: str, base: int, n: int, mark: str) -> list[Passage]:
    """Pair ``mark`` (``"``, or the typewriter double ``''``) along one line."""
    out: list[Passage] = []
    w = len(mark)
    opened: int | None = None
    for i in _marks(line, mark):
        if opened is None:
            if _can_open(line, i, w):
                opened = i
        elif _can_close(line, i, w):
            if line[opened + w : i].strip():
                out.append(_passage(line, base, n, opened, i, w))
            opened = None
        elif _can_open(line, i, w):
            # two openers in a row: the first one was stray
            opened = i
    if opened is not None and line[opened + w :].strip():
        out.append(_passage(line, base, n, opened, None, w))
    return out


def _pair_single(line: str, base: int, n: int) -> list[Passage]:
    """Single marks double as apostrophes: pair an opener (after a space,
    before a letter) with the next closer (after a non-space, before a space or
    punctuation) only around a few words."""
    out: list[Passage] = []
    i = 0
    while i < len(line):
        if line[i] == "'" and _can_open(line, i) and line[i + 1].isalpha():
            j = i + 1
            while j < len(line):
                if line[j] == "'" and _can_close(line, j) and line[j - 1] != "s":
                    break
                j += 1
            if j < len(line) and len(line[i + 1 : j].split()) >= _SINGLE_MIN_WORDS:
                out.append(_passage(line, base, n, i, j))
                i = j
        i += 1
    return out


def _passage(line: str, base: int, n: int, opened: int, closed: int | None, width: int = 1) -> Passage:
    end = closed if closed is not None else len(line.rstrip())
    s, e = opened + width, end
    while s < e and line[s].isspace():
        s += 1
    while e > s and line[e - 1].isspace():
        e -= 1
    return Passage(base + s, base + e, base + opened, None if closed is None else base + closed, n)
