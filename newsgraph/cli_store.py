"""The knowledge-base commands: ingest, load, reprocess, watch, quotes, events,
entities, entity, search, show, export. Thin shells over ``newsgraph.store``,
``newsgraph.run`` and ``newsgraph.export``; registered on the main group."""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
import time
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from .errors import ConfigError, NewsgraphError
from .settings import Settings
from .lexicons import ACTS

#: newsgraph.export.FORMATS, named here so that --help does not import the exporters
EXPORT_FORMATS = ["jsonl", "csv", "parquet", "gkg", "events", "mentions"]

__all__ = ["register", "emit", "parse_every"]

COMMANDS: list[click.Command] = []


def _command(fn) -> click.Command:
    cmd = click.command()(fn)
    COMMANDS.append(cmd)
    return cmd


def register(group: click.Group) -> None:
    """Add the knowledge-base commands to the main ``newsgraph`` group."""
    for cmd in COMMANDS:
        group.add_command(cmd)


def check_date(ctx, param, value):
    """Click callback: an ISO date or datetime, else a clear usage error."""
    if value is None:
        return None
    try:
        (dt.datetime if "T" in value else dt.date).fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD) or datetime") from None
    return value

DB = click.option("--db", default="newsgraph.db", show_default=True, type=click.Path(dir_okay=False), help="The knowledge base (SQLite file).")
FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
LIMIT = click.option("--limit", default=50, show_default=True, help="At most this many rows.")
MIN_CONFIDENCE = click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None, metavar="X",
                              help="Only rows whose confidence is at least X (0..1).")
CONFIG = click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
                      help="A newsgraph.toml settings file (default: $NEWSGRAPH_CONFIG, ./newsgraph.toml, ~/.config/newsgraph/config.toml).")


def _kb(db: str):
    from .kb import KnowledgeBase

    try:
        return KnowledgeBase(db, create=False)
    except NewsgraphError as exc:
        raise click.ClickException(str(exc)) from None


def emit(rows: list[dict[str, Any]] | dict[str, Any], fmt: str, title: str | None = None) -> None:
    """Rows as a rich table, JSON, or CSV on stdout."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if isinstance(rows, dict):
        rows = [rows]
    if fmt == "csv":
        if rows:
            w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in r.items()} for r in rows)
        return
    table = Table(title=title, show_lines=False)
    for col in (rows[0] if rows else {}):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(*("" if v is None else (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else str(v)) for v in r.values()))
    Console(highlight=False).print(table if rows else "(no rows)")


def settings_from(config_path: str | None, **flags: Any) -> Settings:
    """The one settings object: config file <- environment <- these flags."""
    try:
        return Settings.load(flags, config_path=config_path)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


def _run_with_progress(label: str, job, total: int | None = None):
    err = Console(stderr=True)
    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
               TextColumn("{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn()]
    started = time.perf_counter()
    with Progress(*columns, console=err, transient=False, disable=not err.is_terminal) as progress:
        task = progress.add_task(label, total=total, rate=0.0)

        def tick(n: int) -> None:
            done = progress.tasks[0].completed + n
            progress.update(task, advance=n, rate=done / max(time.perf_counter() - started, 1e-6))

        return job(tick)


def _summary(summary, what: str = "new") -> None:
    err = Console(stderr=True, highlight=False)
    err.print(f"{summary.new} {what}, {summary.duplicate} duplicate, {len(summary.failed)} failed "
              f"in {summary.seconds:.1f} s ({summary.rate:.1f} articles/s)")
    for origin, reason in summary.failed[:20]:
        err.print(f"  [red]failed[/red] {reason}")
    if len(summary.failed) > 20:
        err.print(f"  ... and {len(summary.failed) - 20} more (table `failures`)")


def _count_inputs(sources: tuple[str, ...]) -> int | None:
    """A cheap total for the progress bar: files, or lines of plain .jsonl."""
    from .ingest.sources import expand, is_url

    total = 0
    for s in expand(sources):
        if is_url(s) or s == "-" or s.endswith((".gz", ".warc", ".rss", ".atom", ".xml")):
            return None
        if s.endswith((".jsonl", ".ndjson")):
            try:
                with open(s, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1  # unreadable: the ingest reports it as a failed source
        else:
            total += 1
    return total


@_command
@click.argument("sources", nargs=-1, required=True)
@DB
@click.option("--workers", type=int, default=None, help="NLP worker processes, or Ray actors (default: the number of CPUs).")
@click.option("--published", callback=check_date, metavar="DATE", help="Publication date for articles that carry none.")
@click.option("--model", default=None, help="Installed spaCy pipeline to use.")
@CONFIG
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Worker processes on this machine, or a Ray cluster (needs --out).")
@click.option("--address", default=None, metavar="auto|ray://HOST:PORT", help="The Ray cluster to join (default: start Ray here).")
@click.option("--out", default=None, metavar="DIR", help="Write Parquet (one dataset per record kind, by day) here instead of --db; "
              "a path or a pyarrow URI (s3://...). Merge it later with `newsgraph load DIR`.")
def ingest(sources: tuple[str, ...], db: str, workers: int | None, published: str | None, model: str | None,
           config_path: str | None, engine: str, address: str | None, out: str | None) -> None:
    """Extract SOURCES into the knowledge base; what it holds already is skipped.

    SOURCES are files, directories (recursive), globs, .txt, .html, .jsonl(.gz),
    .warc(.gz), and RSS/Atom feeds (files or http(s) URLs; linked pages are fetched).
    With --out, SOURCES may also be pyarrow URIs (s3://bucket/news/).
    """
    settings = settings_from(config_path, model=model)
    if engine == "ray" and not out:
        raise click.UsageError("--engine ray writes Parquet: give --out DIR (then `newsgraph load DIR --db ...`)")
    if address and engine != "ray":
        raise click.UsageError("--address needs --engine ray")
    if out and engine == "ray":
        from .run.ray_runner import ingest_ray

        job = lambda tick: ingest_ray(sources, out, settings=settings, workers=workers, address=address, published=published, progress=tick)
    elif out:
        from .run.parquet import ingest_parquet

        job = lambda tick: ingest_parquet(sources, out, settings=settings, workers=workers, published=published, progress=tick)
    else:
        from .run.local import ingest as run_ingest

        job = lambda tick: run_ingest(sources, db, settings=settings, workers=workers, published=published, progress=tick)
    summary = _run_with_progress("ingest", job, None if any("://" in s for s in sources) else _count_inputs(sources))
    _summary(summary)
    if summary.failed:
        sys.exit(1)


@_command
@click.argument("out", metavar="DIR")
@DB
def load(out: str, db: str) -> None:
    """Merge the Parquet output of `ingest --out DIR` into the knowledge base
    (articles it holds already are skipped, so loading twice adds nothing)."""
    from .store.load import load as run_load

    try:
        summary = run_load(out, db)
    except NewsgraphError as exc:
        raise click.ClickException(str(exc)) from None
    Console(stderr=True, highlight=False).print(
        f"{summary.new} new, {summary.duplicate} already held, {len(summary.failed)} failures noted (table `failures`)")


@_command
@DB
@click.option("--workers", type=int, default=None)
@click.option("--all", "everything", is_flag=True, help="Re-extract every article, not only those of another extractor version.")
@click.option("--model", default=None)
@CONFIG
def reprocess(db: str, workers: int | None, everything: bool, model: str | None, config_path: str | None) -> None:
    """Re-extract stored articles after an upgrade, from their stored text."""
    from .run.local import pending, reprocess as run_reprocess

    settings = settings_from(config_path, model=model)
    _kb(db).close()
    total = None if everything else pending(db, settings)
    summary = _run_with_progress("reprocess", lambda tick: run_reprocess(db, settings=settings, workers=workers, everything=everything, progress=tick), total)
    _summary(summary, "re-extracted")


def parse_every(text: str) -> float:
    """'15m' -> 900.0 seconds; units s, m, h; a bare number is seconds."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text)
    if not m:
        raise click.BadParameter(f"{text!r}: use a number with s, m or h (15m)")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2)]


@_command
@click.argument("feeds", nargs=-1, required=True)
@DB
@click.option("--every", default="15m", show_default=True, help="Polling interval (s, m, h).")
@click.option("--workers", type=int, default=1, show_default=True)
@click.option("--rounds", type=int, default=0, help="Stop after this many polls (0: never).")
@click.option("--model", default=None)
@CONFIG
def watch(feeds: tuple[str, ...], db: str, every: str, workers: int, rounds: int, model: str | None, config_path: str | None) -> None:
    """Poll FEEDS and ingest only their new items, every --every."""
    from .run.local import ingest as run_ingest

    interval = parse_every(every)
    settings = settings_from(config_path, model=model)
    n = 0
    while True:
        summary = run_ingest(feeds, db, settings=settings, workers=workers)
        _summary(summary)
        n += 1
        if rounds and n >= rounds:
            return
        time.sleep(interval)


@_command
@DB
@click.option("--speaker", help="Who said it (any alias or spelling of the name).")
@click.option("--search", help="Words in the quote (full-text).")
@click.option("--since", callback=check_date, metavar="DATE")
@click.option("--until", callback=check_date, metavar="DATE")
@click.option("--act", type=click.Choice([*ACTS, "all"]), default="statement",
              show_default=True, help="Which attributions: who said what (statement), or beliefs, intentions, findings, all.")
@MIN_CONFIDENCE
@LIMIT
@FORMAT
def quotes(db, speaker, search, since, until, act, min_confidence, limit, fmt) -> None:
    """Quotes in the knowledge base, newest first: statements unless --act says otherwise."""
    from .store.filters import QuoteFilter

    filt = QuoteFilter(speaker=speaker, search=search, since=since, until=until, act=act, min_confidence=min_confidence)
    with _kb(db) as kb:
        emit(kb.quotes(filt, limit=limit), fmt, "quotes")


@_command
@DB
@click.option("--min-articles", type=click.IntRange(1), default=2, show_default=True, help="Only stories of at least this many articles.")
@LIMIT
@FORMAT
def stories(db, min_articles, limit, fmt) -> None:
    """Stories: articles that are copies or updates of one report (wire copies, re-publications), largest first."""
    with _kb(db) as kb:
        rows = kb.stories(min_articles=min_articles, limit=limit)
    if fmt == "table":
        rows = [{"story": r["story"], "articles": r["n_articles"], "outlets": r["n_outlets"], "first published": r["first_published"],
                 "titles": " | ".join(dict.fromkeys(a["title"] or a["article"] for a in r["articles"]))} for r in rows]
    emit(rows, fmt, "stories")


@_command
@DB
@click.option("--speaker", help="Whose statements (any alias or spelling of the name).")
@click.option("--min-reports", type=click.IntRange(2), default=2, show_default=True, help="Only statements reported at least this often.")
@LIMIT
@FORMAT
def statements(db, speaker, min_reports, limit, fmt) -> None:
    """Statements reported by several articles: who said it first, every report, and who denied it."""
    with _kb(db) as kb:
        rows = kb.statements(speaker=speaker, min_reports=min_reports, limit=limit)
    if fmt == "table":
        rows = [{"speaker": r["speaker"], "quote": r["quote"], "said first": f'{r["first_report"]} ({r["first_published"]})',
                 "reports": r["n_reports"], "articles": r["n_articles"], "sources": r["n_sources"],
                 "denied by": "; ".join(f'{d["speaker"]} ({d["article"]})' for d in r["denied_by"])} for r in rows]
    emit(rows, fmt, "statements")


@_command
@DB
@click.option("--type", "type_", help="PLOVER event type (ASSAULT, PROTEST, ...).")
@click.option("--since", callback=check_date, metavar="DATE")
@click.option("--until", callback=check_date, metavar="DATE")
@click.option("--min-articles", type=click.IntRange(2), default=2, show_default=True, help="Only incidents told by at least this many articles.")
@LIMIT
@FORMAT
def incidents(db, type_, since, until, min_articles, limit, fmt) -> None:
    """Incidents: one real-world event told by several articles, with every report and its casualty figures."""
    with _kb(db) as kb:
        rows = kb.incidents(type=type_, since=since, until=until, min_articles=min_articles, limit=limit)
    if fmt == "table":
        Console(stderr=True, highlight=False).print(
            f"{len(rows)} incidents, {sum(r['n_articles'] for r in rows)} articles, {sum(r['n_sources'] for r in rows)} sources")
        rows = [{"type": r["type"], "day": r["day"], "actor": r["actor"], "target": r["target"], "place": r["place"],
                 "first report": f'{r["first_report"]} ({r["first_published"]})', "articles": r["n_articles"], "sources": r["n_sources"],
                 "casualties": "; ".join(f'{c["text"]} ({m["article"]})' for m in r["mentions"] for c in m["casualties"])} for r in rows]
    emit(rows, fmt, "incidents")


@_command
@DB
@click.option("--type", "type_", help="PLOVER event type (ASSAULT, PROTEST, ...).")
@click.option("--actor", help="The actor's name (any alias).")
@click.option("--target", help="The target's name (any alias).")
@click.option("--country", help="Actor or target country (ISO alpha-3).")
@click.option("--place", help="Where it happened (location name).")
@click.option("--since", callback=check_date, metavar="DATE")
@click.option("--until", callback=check_date, metavar="DATE")
@MIN_CONFIDENCE
@LIMIT
@FORMAT
def events(db, type_, actor, target, country, place, since, until, min_confidence, limit, fmt) -> None:
    """Events in the knowledge base, newest first."""
    from .store.filters import EventFilter

    filt = EventFilter(type=type_, actor=actor, target=target, country=country, place=place, since=since, until=until,
                       min_confidence=min_confidence)
    with _kb(db) as kb:
        emit(kb.events(filt, limit=limit), fmt, "events")


@_command
@DB
@click.option("--type", "type_", help="Entity type (PERSON, ORG, GPE, ...).")
@click.option("--top", default=20, show_default=True)
@FORMAT
def entities(db, type_, top, fmt) -> None:
    """The corpus entities in the most articles."""
    with _kb(db) as kb:
        emit(kb.entities(type=type_, top=top), fmt, "entities")


@_command
@click.argument("name")
@DB
@LIMIT
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def entity(name, db, limit, fmt) -> None:
    """A profile of NAME: aliases, titles, quotes, events as actor and target, co-mentions."""
    with _kb(db) as kb:
        profile = kb.entity(name, limit=limit)
    if profile is None:
        raise click.ClickException(f"no entity matches {name!r}")
    if fmt == "json":
        emit(profile, "json")
        return
    out = Console(highlight=False)
    out.print(f"[bold]{profile['name']}[/bold] ({profile['type']}, {profile['country'] or 'country unknown'}) — "
              f"{profile['articles']} article(s), {profile['mentions']} mention(s)")
    out.print(f"aliases: {', '.join(profile['aliases']) or '-'}")
    out.print(f"titles: {', '.join(profile['titles']) or '-'}")
    for key in ("quotes", "events_as_actor", "events_as_target", "co_mentions"):
        if profile[key]:
            emit(profile[key], "table", key.replace("_", " "))
    if profile["other_matches"]:
        out.print("also matching: " + "; ".join(f"{m['name']} ({m['type']}, {m['country'] or '?'})" for m in profile["other_matches"]))


@_command
@click.argument("query")
@DB
@LIMIT
@FORMAT
def search(query, db, limit, fmt) -> None:
    """Full-text search over article titles and text (every word must occur)."""
    with _kb(db) as kb:
        emit(kb.search(query, limit=limit), fmt, "articles")


@_command
@click.argument("article")
@DB
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(article, db, fmt) -> None:
    """One stored article: its id, URL or row number."""
    with _kb(db) as kb:
        record = kb.show(article)
    if record is None:
        raise click.ClickException(f"no article {article!r}")
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    from .report import print_report
    from .store.convert import record_from_dict

    print_report(record_from_dict(record), Console(highlight=False, soft_wrap=False))


@_command
@click.argument("out")
@DB
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True)
@click.option("--since", callback=check_date, metavar="DATE", help="Only articles published on or after DATE.")
def export(out, db, fmt, since) -> None:
    """Write the knowledge base to OUT (a file or - ; a directory for csv and parquet)."""
    with _kb(db) as kb:
        try:
            counts = kb.export(fmt, out, since=since)
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from None
    Console(stderr=True, highlight=False).print(", ".join(f"{n} {t}" for t, n in counts.items()))
