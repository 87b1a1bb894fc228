"""Every face of nohero takes "today" from one place: --today, else
NOHERO_TODAY, else the real date. Nothing a test asserts may hang on the clock."""

from __future__ import annotations

import datetime as dt

import pytest

from gitrepo import Repo, runbook
from nohero.clock import TODAY_ENV, resolve_today
from nohero.config import ConfigError


def test_explicit_date_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, "2030-01-01")
    assert resolve_today(dt.date(2026, 11, 25)) == dt.date(2026, 11, 25)


def test_environment_pins_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, "2030-01-01")
    assert resolve_today(None) == dt.date(2030, 1, 1)


def test_bad_environment_date_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, "next tuesday")
    with pytest.raises(ConfigError, match="NOHERO_TODAY"):
        resolve_today(None)


def test_check_without_today_uses_the_environment(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook(reviewed="2026-09-01")})
    due_soon = repo.cli("check", "--no-history", env={TODAY_ENV: "2026-11-25"})
    assert due_soon.exit_code == 0 and "review-due-soon" in due_soon.output
    overdue = repo.cli("check", "--no-history", env={TODAY_ENV: "2026-12-25"})
    assert "review-overdue" in overdue.output


def test_bad_environment_date_exits_2(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook()})
    result = repo.cli("check", "--no-history", env={TODAY_ENV: "soon"})
    assert result.exit_code == 2 and "NOHERO_TODAY" in result.output
