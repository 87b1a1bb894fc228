"""`nohero check [PATHS]`: validate front matter and roster."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..checker import check_documents
from ..findings import Severity
from ..knowledge_base import load_knowledge_base
from ..report import build_report
from .common import EXIT_CLEAN, EXIT_FINDINGS, config_option, exits, load, resolve_today, today_option


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_option
@today_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True)
@exits
def command(paths: tuple[Path, ...], config_file: str | None, today, fmt: str, fail_on: str) -> int:  # type: ignore[no-untyped-def]
    """Validate documents' front matter against the roster and the rules."""
    config = load(config_file)
    kb = load_knowledge_base(config, list(paths) or None)
    day = resolve_today(today)
    findings = check_documents(kb, day)
    if fmt == "json":
        click.echo(json.dumps(build_report(kb, day, None, findings).to_dict(), indent=2))
    else:
        for f in findings:
            click.echo(f"{f.path}:{f.line}: {f.severity.value} [{f.rule}] {f.message}")
    threshold = Severity(fail_on).rank
    return EXIT_FINDINGS if any(f.severity.rank >= threshold for f in findings) else EXIT_CLEAN
