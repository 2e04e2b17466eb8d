"""The command line: a thin shell over ``Pipeline`` and the readers."""
from __future__ import annotations

import logging
import sys

import click
from rich.console import Console
from rich.markup import escape

from . import __version__, cli_serve, cli_store, jsonout
from .errors import ArticleError, ConfigError, NewsgraphError
from .settings import Settings

__all__ = ["main", "cli"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsgraph")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """newsgraph: who said what, did what to whom, where and when — from news text."""
    logging.basicConfig(level=[logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)], format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default=None,
              help="Output format; default: text on a terminal, jsonl otherwise.")
@click.option("--published", callback=cli_store.check_date, metavar="DATE",
              help="Publication date for articles that do not carry one (resolves 'on Wednesday').")
@click.option("--model", default=None, help="Installed spaCy pipeline to use (setting `model`, env NEWSGRAPH_MODEL).")
@cli_store.CONFIG
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None, metavar="X",
              help="Leave out quotes, figures and events whose confidence is below X (0..1).")
@click.option("--input-format", type=click.Choice(["auto", "jsonl", "text"]), default="auto", show_default=True,
              help="What - (standard input) holds: JSON Lines (one article per line, each printed as soon as it is done), "
                   "one text or HTML article, or auto: JSON Lines when the first line is a JSON object.")
def extract(paths: tuple[str, ...], fmt: str | None, published: str | None, model: str | None, config_path: str | None,
            min_confidence: float | None, input_format: str) -> None:
    """Extract records from articles.

    PATHS are .txt files, .html/.htm pages, .jsonl files (one article per line,
    with id and text or html) or - for standard input (see --input-format;
    `tail -f feed.jsonl | newsgraph extract -` prints as it goes). Output follows the
    newsgraph contract (one JSON object per article with --format jsonl).
    A bad article is reported on stderr and skipped; the exit status is then 1.
    """
    # the NLP stack loads here, not at import: `newsgraph --help` and the
    # knowledge-base commands start without spaCy (issue: cold start)
    from .extract.confidence import filter_confidence
    from .ingest import read_paths
    from .pipeline import Pipeline
    from .report import print_report

    err = Console(stderr=True, soft_wrap=True)  # one line per error, for grep
    try:
        settings = Settings.load({"model": model}, config_path=config_path)
        pipeline = Pipeline(settings)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    if fmt is None:
        fmt = "text" if sys.stdout.isatty() else "jsonl"
    out = Console(highlight=False, soft_wrap=False) if fmt == "text" else None
    failed = 0
    first = True
    if fmt == "json":
        sys.stdout.write("[")
    for result in pipeline.pipe(read_paths(paths, settings, published=published, input_format=input_format)):
        if isinstance(result, ArticleError):
            failed += 1
            err.print(f"[red]error[/red] {escape(str(result))}", highlight=False)
            continue
        if min_confidence is not None:
            result = filter_confidence(result, min_confidence)
        if fmt == "text":
            print_report(result, out)
        elif fmt == "jsonl":
            sys.stdout.write(jsonout.dumps(result.to_dict()) + "\n")
        else:
            sys.stdout.write(("\n" if first else ",\n") + jsonout.dumps(result.to_dict(), indent=True))
        first = False
        sys.stdout.flush()
    if fmt == "json":
        sys.stdout.write("\n]\n" if not first else "]\n")
    if failed:
        err.print(f"{failed} article(s) skipped", style="red", highlight=False)
        sys.exit(1)


cli_store.register(cli)  # ingest, reprocess, watch, quotes, events, entities, entity, search, show, export
cli_serve.register(cli)  # serve


def main() -> None:
    # text as read may hold what no encoder writes (a lone surrogate): shown escaped, never a crash
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        cli()
    except NewsgraphError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
