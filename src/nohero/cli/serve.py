"""`nohero serve`: check, then serve the site with live reload."""

from __future__ import annotations

import datetime as dt

import click

from .build import mkdocs_session, prepare
from .common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    config_option,
    exits,
    today_option,
)


@click.command("serve")
@config_option
@today_option
@click.option(
    "-a",
    "--dev-addr",
    default=None,
    metavar="IP:PORT",
    help="Address to serve on (default 127.0.0.1:8000).",
)
@click.option("--open", "open_in_browser", is_flag=True, help="Open the site in a browser.")
@click.option("--strict", is_flag=True, help="Fail on MkDocs warnings too.")
@exits
def command(
    config_file: str | None,
    today: dt.date | None,
    dev_addr: str | None,
    open_in_browser: bool,
    strict: bool,
) -> int:
    """Check the documents, then serve the site, rebuilding on changes."""
    ready = prepare(config_file, today)
    if isinstance(ready, int):
        return ready
    config = ready[0].config
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    with mkdocs_session(today):
        try:
            serve(
                str(config.config_file),
                open_in_browser=open_in_browser,
                dev_addr=dev_addr,
                strict=strict or None,
            )
        except MkDocsException as exc:
            click.echo(f"nohero: {exc.format_message()}", err=True)
            return EXIT_FINDINGS
    return EXIT_CLEAN
