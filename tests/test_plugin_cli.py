"""`nohero build` and `nohero serve`: the check first, then MkDocs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from gitrepo import runbook
from nohero.cli import main
from test_plugin import DOCS, MKDOCS, TODAY, make_repo


def run(repo_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(repo_path)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_build_checks_then_builds_with_today(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path / "repo")
    result = run(repo.path, monkeypatch, "build", "--today", TODAY, "-d", "out")
    assert result.exit_code == 0, result.output
    assert "cache-flush.md" in result.output and "[review-overdue]" in result.output
    page = (repo.path / "out" / "cache-flush" / "index.html").read_text(encoding="utf-8")
    assert "Last reviewed 328 days ago" in page
    assert (repo.path / "out" / "nohero" / "owners" / "index.html").is_file()
    assert "NOHERO_TODAY" not in os.environ


def test_build_refuses_on_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = dict(DOCS, **{"ghost.md": runbook(owner="ghost", title="Ghost")})
    repo = make_repo(tmp_path / "repo", docs=docs)
    result = run(repo.path, monkeypatch, "build", "--today", TODAY)
    assert result.exit_code == 1
    assert "docs/ghost.md:" in result.output and "[owner-unknown]" in result.output
    assert "block publishing" in result.output
    assert not (repo.path / "site").exists()


def test_build_with_a_missing_theme_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(
        tmp_path / "repo", mkdocs=MKDOCS.replace("name: material", "name: nosuchtheme")
    )
    result = run(repo.path, monkeypatch, "build", "--today", TODAY)
    assert result.exit_code == 2
    assert "theme 'nosuchtheme' named in mkdocs.yml is not installed" in result.output


def test_build_without_mkdocs_yml_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(tmp_path, monkeypatch, "build")
    assert result.exit_code == 2
    assert "no mkdocs.yml" in result.output


def test_serve_refuses_on_errors_before_serving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = dict(DOCS, **{"ghost.md": runbook(owner="ghost", title="Ghost")})
    repo = make_repo(tmp_path / "repo", docs=docs)
    result = run(repo.path, monkeypatch, "serve", "--today", TODAY)
    assert result.exit_code == 1
    assert "[owner-unknown]" in result.output
