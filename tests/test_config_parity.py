"""The CLI reads mkdocs.yml exactly as MkDocs does (INHERIT deep merge,
`!ENV`), so `nohero check` and the site answer from one configuration.
MkDocs' own loader is the reference."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

from gitrepo import DEFAULT_PEOPLE, Repo, runbook
from nohero.config import load_config, read_mkdocs_yaml

BASE = """\
site_name: Base
docs_dir: docs
theme: {name: material, features: [navigation.tabs]}
extra: {team: {name: sre, chat: "#sre"}, version: 1}
plugins:
  search: {}
  nohero:
    roster: team.yml
    severity: {drift: error}
    review_intervals: {runbook: 60d}
"""

CHILD = """\
INHERIT: base.yml
site_name: !ENV [NOHERO_TEST_SITE, "Child default"]
extra: {team: {chat: "#sre-oncall"}, unset: !ENV NOHERO_TEST_UNSET}
theme: {features: [navigation.sections]}
plugins:
  nohero:
    severity: {single-author: "off"}
    history: !ENV [NOHERO_TEST_HISTORY, true]
"""


def mkdocs_reads(path: Path) -> dict[str, object]:
    with path.open("rb") as fh:
        return yaml_load(fh)


@pytest.mark.parametrize(
    "env", [{}, {"NOHERO_TEST_SITE": "From env", "NOHERO_TEST_HISTORY": "false"}]
)
def test_nohero_reads_what_mkdocs_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("NOHERO_TEST_UNSET", raising=False)
    (tmp_path / "base.yml").write_text(BASE, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CHILD, encoding="utf-8")
    ours = read_mkdocs_yaml(tmp_path / "mkdocs.yml")
    assert ours == mkdocs_reads(tmp_path / "mkdocs.yml")
    options = ours["plugins"]["nohero"]  # type: ignore[index]
    assert options["roster"] == "team.yml"  # from the parent: merged, not replaced
    assert options["severity"] == {"drift": "error", "single-author": "off"}
    assert ours["extra"] == {
        "team": {"name": "sre", "chat": "#sre-oncall"},
        "version": 1,
        "unset": None,
    }
    assert ours["theme"]["features"] == ["navigation.sections"]  # type: ignore[index]  # lists replace
    assert options["history"] is (not env)
    assert ours["site_name"] == env.get("NOHERO_TEST_SITE", "Child default")


def test_the_cli_config_follows_env_and_inherited_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOHERO_TEST_HISTORY", "false")
    (tmp_path / "base.yml").write_text(BASE, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CHILD, encoding="utf-8")
    config = load_config(cwd=tmp_path)
    assert config.history is False
    assert config.roster_path == tmp_path / "team.yml"
    assert config.severities["drift"] is not None and config.severities["drift"].value == "error"
    assert config.severities["single-author"] is None


def test_changed_since_counts_an_edit_to_an_inherited_file_as_a_settings_change(
    repo: Repo,
) -> None:
    base = "site_name: KB\ndocs_dir: docs\nplugins:\n  - nohero:\n      severity: {}\n"
    repo.write("base.yml", base)
    repo.write("mkdocs.yml", "INHERIT: base.yml\n")
    repo.write("people.yml", DEFAULT_PEOPLE)
    repo.write("docs/old.md", runbook(reviewed="2026-01-01"))
    repo.commit("setup")
    repo.git("checkout", "-q", "-b", "stricter")
    repo.write("base.yml", base.replace("{}", "{review-overdue: error}"))
    repo.commit("overdue reviews fail the build")
    result = repo.cli(
        "check", "--changed-since", "main", "--today", "2026-12-01", "--format", "json"
    )
    assert result.exit_code == 1, result.output
    rules = [f["rule"] for d in json.loads(result.stdout)["docs"] for f in d["findings"]]
    assert "review-overdue" in rules
