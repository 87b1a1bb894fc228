"""One reporter shape for every command: reporters/<command>/<format>.py holds
one Reporter subclass, the folder's file names are the command's --format
choices, so a new format for any command is one file."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click
import pytest

import nohero.reporters.whatif as whatif_formats
from gitrepo import Repo, runbook
from nohero.cli import main
from nohero.reporters import Rendered, Reporter, formats, reporter_class, reporters_for
from nohero.whatif import DocRisk, WhatIf

# command -> the commands whose formats its --format offers
CLI_FORMATS = {
    "check": ("check",),
    "report": ("report", "trend"),
    "whatif": ("whatif",),
    "due": ("due",),
    "adopt": ("adopt",),
    "handover": ("handover",),
}


def format_choices(name: str) -> list[str]:
    command = main.get_command(click.Context(main), name)
    assert command is not None
    (option,) = [p for p in command.params if p.name == "fmt"]
    return sorted(option.type.choices)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(CLI_FORMATS))
def test_every_command_offers_exactly_its_reporter_files(name: str) -> None:
    expected = sorted({f for c in CLI_FORMATS[name] for f in formats(c)})
    assert "text" in expected
    assert format_choices(name) == expected


@pytest.mark.parametrize(
    "command", ["check", "report", "trend", "whatif", "due", "adopt", "handover"]
)
def test_every_format_file_holds_one_reporter(command: str) -> None:
    classes = reporters_for(command)
    assert classes and "text" in classes
    for fmt, cls in classes.items():
        assert issubclass(cls, Reporter), fmt
        assert cls.__module__ == f"nohero.reporters.{command}.{fmt}"


def test_a_new_format_is_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "csv.py").write_text(
        "from nohero.reporters.base import Rendered, Reporter\n"
        "from nohero.whatif import WhatIf\n\n\n"
        "class WhatifCsv(Reporter[WhatIf]):\n"
        "    def render(self, data: WhatIf, color: bool = False) -> Rendered:\n"
        "        return Rendered(''.join(f'{r.path},{r.reason}\\n' for r in data.docs_at_risk))\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(whatif_formats, "__path__", [*whatif_formats.__path__, str(tmp_path)])
    formats.cache_clear()
    reporter_class.cache_clear()
    try:
        assert "csv" in formats("whatif")
        at_risk = [DocRisk("docs/db.md", "payments", "owner and backup away")]
        result = WhatIf(
            ["alice"], dt.date(2026, 12, 1), dt.date(2026, 12, 14), docs_at_risk=at_risk
        )
        rendered = reporter_class("whatif", "csv")().render(result)
        assert isinstance(rendered, Rendered)
        assert rendered.text == "docs/db.md,owner and backup away\n"
    finally:
        monkeypatch.undo()
        formats.cache_clear()
        reporter_class.cache_clear()
        sys.modules.pop("nohero.reporters.whatif.csv", None)
    assert "csv" not in formats("whatif")


def test_a_module_without_exactly_one_reporter_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "empty.py").write_text("X = 1\n", encoding="utf-8")
    monkeypatch.setattr(whatif_formats, "__path__", [*whatif_formats.__path__, str(tmp_path)])
    formats.cache_clear()
    try:
        with pytest.raises(LookupError, match="exactly one Reporter"):
            reporter_class("whatif", "empty")
    finally:
        monkeypatch.undo()
        formats.cache_clear()
        reporter_class.cache_clear()
        sys.modules.pop("nohero.reporters.whatif.empty", None)


def run(repo: Repo, *args: str) -> Any:
    return repo.cli(*args, catch_exceptions=False)


def test_the_trend_chart_is_reachable_from_the_cli(repo: Repo) -> None:
    """`report --trend monthly --format svg` was offered by the trend formats
    but refused by report's own --format list."""
    repo.knowledge_base(docs={"a.md": runbook(reviewed="2026-01-05")})
    repo.commit(message="docs", date="2026-01-05T10:00:00+00:00")
    trend = ("report", "--trend", "monthly", "--since", "2026-01-01", "--today", "2026-03-10")
    svg = run(repo, *trend, "--format", "svg")
    assert svg.exit_code == 0 and svg.stdout.startswith("<svg ")
    plain = run(repo, "report", "--today", "2026-03-10", "--format", "svg")
    assert plain.exit_code == 2
    assert "without --trend, --format is one of json, markdown, text, not svg" in plain.stderr
