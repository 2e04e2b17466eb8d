"""``newsgraph serve``: the web UI and HTTP API over a knowledge base."""
from __future__ import annotations

import click

from .cli_store import CONFIG, settings_from
from .errors import NewsgraphError

__all__ = ["register", "serve"]


@click.command()
@click.option("--db", default="newsgraph.db", show_default=True, type=click.Path(dir_okay=False), help="The knowledge base (SQLite file).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@CONFIG
def serve(db: str, host: str, port: int, config_path: str | None) -> None:
    """Serve the web UI and the HTTP API (docs at /docs) over the knowledge base.

    Read-only unless the setting `token` (NEWSGRAPH_TOKEN) is set; then POST
    /api/articles accepts articles carrying it (Authorization: Bearer TOKEN).
    """
    import uvicorn

    from .app import create_app

    try:
        settings = settings_from(config_path)
        app = create_app(db, token=settings.token or None, settings=settings)
    except NewsgraphError as exc:
        raise click.ClickException(str(exc)) from None
    mode = "accepting articles with the token" if app.state.newsgraph.token else "read-only"
    click.echo(f"newsgraph: serving {db} ({mode}) at http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(group: click.Group) -> None:
    group.add_command(serve)
