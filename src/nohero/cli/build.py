"""`nohero build`: check, then build the MkDocs site (the plugin does the rest).

The check here is the fast front-matter pass, printed like `nohero check`;
the plugin inside the build mines history and renders the pages.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from collections.abc import Iterable, Iterator
from importlib import import_module, metadata
from pathlib import Path
from types import ModuleType

import click

from ..clock import TODAY_ENV
from ..config import Config, read_mkdocs_yaml
from ..findings import Severity
from ..pipeline import Analysis, analyse
from ..reporters.base import finding_line
from .common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_USAGE,
    config_option,
    exits,
    fail,
    load,
    resolve_today,
    today_option,
)


def precheck(config: Config, day: dt.date) -> Analysis | int:
    """Run the pipeline and print its findings: the analysis the site is
    built from, or an exit code when publishing is blocked."""
    analysis = analyse(config, day, history="optional")
    findings = analysis.findings
    for f in findings:
        click.echo(finding_line(f), err=True)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors and not config.publish_with_errors:
        click.echo(
            f"nohero: {len(errors)} error-level finding(s) block publishing: fix them, or set "
            "plugins.nohero.publish_with_errors: true in mkdocs.yml",
            err=True,
        )
        return EXIT_FINDINGS
    return analysis


def require_mkdocs(config: Config) -> ModuleType | str:
    """mkdocs' config module, or why the site cannot be built here."""
    try:
        mkdocs_config = import_module("mkdocs.config")
    except ModuleNotFoundError:
        return "mkdocs is not installed: pip install 'nohero' (or 'mkdocs>=1.6' 'mkdocs-material')"
    theme = _theme_name(config)
    if theme is not None:
        themes = {ep.name for ep in metadata.entry_points(group="mkdocs.themes")}
        if theme not in themes:
            hint = " (pip install mkdocs-material)" if theme == "material" else ""
            return f"the theme '{theme}' named in mkdocs.yml is not installed{hint}"
    return mkdocs_config


def prepare(config_file: str | None, today: dt.date | None) -> tuple[Analysis, ModuleType] | int:
    """What `build` and `serve` do before MkDocs runs: read the config, run
    the pipeline, make sure MkDocs and the theme are there. An exit code
    when publishing cannot go on."""
    config = load(config_file)
    analysis = precheck(config, resolve_today(today))
    if isinstance(analysis, int):
        return analysis
    mkdocs_config = require_mkdocs(config)
    if isinstance(mkdocs_config, str):
        return fail(mkdocs_config)
    return analysis, mkdocs_config


def hand_over(plugins: Iterable[object], analysis: Analysis) -> None:
    """Give the nohero plugin the analysis already made (no second parse)."""
    from ..plugin.plugin import NoheroPlugin

    for plugin in plugins:
        if isinstance(plugin, NoheroPlugin):
            plugin.use_analysis(analysis)


def _theme_name(config: Config) -> str | None:
    if config.config_file is None:
        return None
    theme = read_mkdocs_yaml(config.config_file).get("theme")
    if isinstance(theme, dict):
        theme = theme.get("name")
    return theme if isinstance(theme, str) else None


@contextlib.contextmanager
def mkdocs_session(today: dt.date | None) -> Iterator[None]:
    """MkDocs' log lines on stderr, and --today handed to the plugin."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    old_level, old_env = logger.level, os.environ.get(TODAY_ENV)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    if today is not None:
        os.environ[TODAY_ENV] = today.isoformat()
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        if old_env is None:
            os.environ.pop(TODAY_ENV, None)
        else:
            os.environ[TODAY_ENV] = old_env


@click.command("build")
@config_option
@today_option
@click.option("--strict", is_flag=True, help="Fail on MkDocs warnings too.")
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the site (default: mkdocs.yml's site_dir).",
)
@exits
def command(
    config_file: str | None, today: dt.date | None, strict: bool, site_dir: Path | None
) -> int:
    """Check the documents, then build the MkDocs site."""
    ready = prepare(config_file, today)
    if isinstance(ready, int):
        return ready
    analysis, mkdocs_config = ready
    config = analysis.config
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    with mkdocs_session(today):
        try:
            cfg = mkdocs_config.load_config(
                str(config.config_file),
                strict=strict or None,
                site_dir=str(site_dir.resolve()) if site_dir else None,
            )
        except MkDocsException as exc:
            return fail(f"mkdocs.yml: {exc.format_message()}")
        hand_over(cfg.plugins.values(), analysis)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(cfg)
        except MkDocsException as exc:
            click.echo(f"nohero: the site was not built: {exc.format_message()}", err=True)
            return EXIT_FINDINGS
        finally:
            cfg.plugins.on_shutdown()
    return EXIT_CLEAN


__all__ = ["EXIT_USAGE", "command", "mkdocs_session", "precheck", "prepare", "require_mkdocs"]
