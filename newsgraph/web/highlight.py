"""An article's text cut into segments for highlighting: every span of its
record (entity mentions, quotes and their cues, event triggers, figures,
quality flags) becomes a ``Mark``; wherever marks overlap, the text is cut so
that each ``Segment`` carries the set of marks covering all of it. The
template escapes each segment's text; nothing here builds HTML."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

__all__ = ["Mark", "Segment", "marks", "segments"]


@dataclass(frozen=True)
class Mark:
    ref: str  # the record's id: e1, q1, v1, f1, l1, or flag1
    kind: str  # entity | quote | cue | trigger | figure | place | flag
    start: int
    end: int
    label: str = ""  # CSS-safe detail: the entity type, the flag kind

    @property
    def css(self) -> str:
        detail = "".join(c for c in self.label if c.isalnum() or c in "_-")
        return f"m-{self.kind}" + (f" m-{self.kind}-{detail}" if detail else "")


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str
    marks: tuple[Mark, ...] = ()

    @property
    def css(self) -> str:
        return " ".join(dict.fromkeys(m.css for m in self.marks))

    @property
    def refs(self) -> str:
        """The records under this segment, innermost (shortest span) first."""
        ordered = sorted(self.marks, key=lambda m: (m.end - m.start, m.kind != "quote"))
        return " ".join(dict.fromkeys(m.ref for m in ordered))


def _span(value: Any) -> tuple[int, int] | None:
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, int) for v in value) and value[0] < value[1]:
        return value[0], value[1]
    return None


def marks(record: Mapping[str, Any]) -> list[Mark]:
    """The highlightable spans of a record in the contract's JSON shape."""
    out: list[Mark] = []

    def add(ref: str, kind: str, span: Any, label: str = "") -> None:
        s = _span(span)
        if s:
            out.append(Mark(ref, kind, s[0], s[1], label))

    for e in record.get("entities", ()):
        for m in e.get("mentions", ()):
            add(e["id"], "entity", m, e.get("type", ""))
    for q in record.get("quotes", ()):
        add(q["id"], "quote", q.get("span"), q.get("kind", ""))
        add(q["id"], "cue", q.get("cue_span"))
    for v in record.get("events", ()):
        add(v["id"], "trigger", v.get("trigger_span"), v.get("type", ""))
    for f in record.get("figures", ()):
        add(f["id"], "figure", f.get("span"), f.get("category") or "")
    for n, flag in enumerate((record.get("quality") or {}).get("flags", ()), 1):
        add(f"flag{n}", "flag", flag.get("span"), flag.get("kind", ""))
    return out


def segments(text: str, items: Iterable[Mark]) -> list[Segment]:
    """``text`` cut at every mark boundary; unmarked stretches have no marks.
    Marks outside the text are clipped; the segments' texts join to ``text``."""
    n = len(text)
    items = [m for m in items if 0 <= m.start < m.end and m.start < n]
    cuts = sorted({0, n, *(m.start for m in items), *(min(m.end, n) for m in items)})
    starts: dict[int, list[Mark]] = {}
    for m in items:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        out.append(Segment(a, b, text[a:b], tuple(active)))
    return out
