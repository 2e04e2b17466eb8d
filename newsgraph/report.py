"""The human report of one record, rendered with rich."""
from __future__ import annotations

from collections import defaultdict

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .records import Record

__all__ = ["render", "print_report"]

_TYPE_ORDER = ["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE"]
_TYPE_NAMES = {
    "PERSON": "people", "ORG": "organisations", "GPE": "places", "LOC": "regions", "NORP": "groups",
    "FAC": "facilities", "EVENT": "events", "PRODUCT": "products", "LAW": "laws", "WORK_OF_ART": "works",
    "LANGUAGE": "languages",
}


def _snippet(record: Record, span, width: int = 90) -> str:
    text = record.text_of(span).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def render(record: Record) -> Group:
    a = record.article
    head = Text()
    head.append(a.title or a.id, style="bold")
    meta = [x for x in (a.source, a.published, a.language, f"{len(a.text):,} characters") if x]
    head.append("  " + " · ".join(meta), style="dim")
    parts: list = [head]

    by_type = defaultdict(list)
    for e in record.entities:
        by_type[e.type].append(e)
    table = Table(title="Entities", title_justify="left", show_lines=False, expand=True)
    table.add_column("", style="cyan", no_wrap=True)
    table.add_column("name", style="bold", ratio=3)
    table.add_column("", no_wrap=True)
    table.add_column("titles", ratio=3)
    table.add_column("also called", ratio=3)
    table.add_column("#", justify="right", no_wrap=True)
    for t in sorted(by_type, key=lambda t: _TYPE_ORDER.index(t) if t in _TYPE_ORDER else 99):
        for i, e in enumerate(sorted(by_type[t], key=lambda e: -len(e.mentions))):
            table.add_row(
                _TYPE_NAMES.get(t, t) if i == 0 else "",
                e.name, e.country or "", "; ".join(e.titles), ", ".join(e.aliases), str(len(e.mentions)),
                end_section=i == len(by_type[t]) - 1,
            )
    parts.append(table if record.entities else Text("No entities found.", style="dim"))

    if record.quotes:
        q = Table(title="Who said what", title_justify="left")
        q.add_column("speaker", style="bold")
        q.add_column("kind", style="cyan")
        q.add_column("quote")
        for quote in record.quotes:
            q.add_row(quote.speaker_name or "?", quote.kind, _snippet(record, quote.span))
        parts.append(q)
    if record.events:
        ev = Table(title="Events", title_justify="left")
        for col in ("type", "actor", "target", "date", "evidence"):
            ev.add_column(col)
        for e in record.events:
            ev.add_row(e.type + (" (negated)" if e.negated else ""), e.actor.text if e.actor else "", e.target.text if e.target else "", e.date or "", _snippet(record, e.span))
        parts.append(ev)
    if record.figures:
        fg = Table(title="Figures", title_justify="left")
        for col in ("value", "unit", "kind", "qualifier", "measures", "text"):
            fg.add_column(col)
        for f in record.figures:
            fg.add_row(_figure_value(f), f.unit or "", f.kind or "", f.qualifier or "", f.measures or "", f.text)
        parts.append(fg)
    if record.locations:
        lc = Table(title="Places", title_justify="left")
        for col in ("name", "country", "feature", "lat, lon", "mentions"):
            lc.add_column(col)
        for loc in record.locations:
            coords = f"{loc.lat:.2f}, {loc.lon:.2f}" if loc.lat is not None else ""
            lc.add_row(loc.name, loc.country or "", loc.feature or "", coords, str(len(loc.mentions)))
        parts.append(lc)
    if record.quality.flags:
        kinds = defaultdict(int)
        for flag in record.quality.flags:
            kinds[flag.kind] += 1
        parts.append(Text("Text repairs and noise: " + ", ".join(f"{k} ×{n}" for k, n in kinds.items()), style="yellow"))
    return Group(*parts)


def print_report(record: Record, console: Console) -> None:
    console.print(Panel(render(record), expand=True))


def _figure_value(f) -> str:
    """"1,200", and a range as "3–4"."""
    def num(v):
        return f"{v:,}" if isinstance(v, (int, float)) else str(v)
    return f"{num(f.low)}–{num(f.high)}" if f.high is not None else num(f.value)
