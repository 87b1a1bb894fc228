"""`nohero init`: a working knowledge base in an empty repository."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from gitrepo import Repo
from nohero import __version__
from nohero.cli import main
from nohero.config import load_config, read_mkdocs_yaml
from nohero.knowledge_base import load_knowledge_base
from nohero.scaffold import GitUser, person_id, template_files

TODAY = "2026-11-25"
SAMPLES = {
    "docs/index.md": "note",
    "docs/runbooks/web-high-error-rate.md": "runbook",
    "docs/escalation/web.md": "escalation",
    "docs/architecture/overview.md": "architecture",
}


def run(args: list[str], cwd: Path) -> tuple[int, str]:
    """The installed console script, with no global git identity (HOME is the repo)."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(cwd),
        "GIT_CONFIG_NOSYSTEM": "1",
        "NO_COLOR": "1",
    }
    result = subprocess.run(["nohero", *args], cwd=cwd, capture_output=True, text=True, env=env)
    return result.returncode, result.stdout + result.stderr


def init(repo: Repo, *extra: str) -> str:
    result = CliRunner().invoke(
        main, ["init", str(repo.path), "--today", TODAY, *extra], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_init_in_an_empty_repo_checks_clean(repo: Repo) -> None:
    output = init(repo)
    for rel in [
        *SAMPLES,
        "mkdocs.yml",
        "people.yml",
        ".github/workflows/nohero.yml",
        ".pre-commit-config.yaml",
    ]:
        assert (repo.path / rel).is_file(), rel
        assert f"created  {rel}" in output
    code, out = run(["check", "--today", TODAY], repo.path)
    assert code == 0 and "4 documents, all clean" in out.splitlines(), out
    code, out = run(["check", "--today", TODAY, "--format", "json"], repo.path)
    assert code == 0 and json.loads(out)["summary"]["by_severity"] == {
        "error": 0,
        "warning": 0,
        "info": 0,
    }


def test_every_sample_has_its_type_and_the_git_user_as_owner(repo: Repo) -> None:
    init(repo)
    kb = load_knowledge_base(load_config(cwd=repo.path))
    types = {d.path: d.doc_type for d in kb.documents}
    assert types == SAMPLES
    assert {d.owner for d in kb.documents} == {"runner"}  # from runner@example.com
    assert {d.get_date("last_reviewed") for d in kb.documents} == {dt.date(2026, 11, 25)}
    people = kb.roster.people
    assert people["runner"].name == "Test Runner" and people["runner"].emails == (
        "runner@example.com",
    )
    assert len(people) == 2 and list(kb.roster.teams) == ["platform"]
    escalation = next(d for d in kb.documents if d.doc_type == "escalation")
    assert [level["page"] for level in escalation.meta["escalation"]] == [
        "runner",
        "alex",
        "platform",
    ]
    runbook = (repo.path / "docs/runbooks/web-high-error-rate.md").read_text()
    for section in ("## Diagnosis", "## Mitigation", "## Rollback", "## Communication"):
        assert section in runbook


def test_init_site_builds_strictly(repo: Repo, tmp_path: Path) -> None:
    init(repo)
    repo.commit("init", author="Test Runner <runner@example.com>")
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HOME": str(repo.path)}
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=repo.path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert build.returncode == 0, build.stderr
    page = (site / "runbooks/web-high-error-rate/index.html").read_text(encoding="utf-8")
    assert "Web high error rate" in page and "Rollback" in page
    assert run(["check", "--today", TODAY], repo.path)[0] == 0  # warnings (one author) only


def test_mkdocs_yml_has_material_prune_search_and_nohero_types(repo: Repo) -> None:
    init(repo)
    cfg = read_mkdocs_yaml(repo.path / "mkdocs.yml")
    assert cfg["theme"]["name"] == "material" and "navigation.prune" in cfg["theme"]["features"]
    assert cfg["plugins"][0] == "search"
    assert cfg["plugins"][1]["nohero"]["types"] == {
        "runbooks": "runbook",
        "escalation": "escalation",
        "architecture": "architecture",
        "notes": "note",
    }


def test_workflow_checks_pull_requests_against_their_base(repo: Repo) -> None:
    init(repo)
    workflow = yaml.safe_load((repo.path / ".github/workflows/nohero.yml").read_text())
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    steps = workflow["jobs"]["check"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    runs = [s["run"] for s in steps if "run" in s]
    assert f'pip install "nohero=={__version__}"' in runs
    check = next(s for s in steps if "nohero check" in s.get("run", ""))
    assert '--format github --changed-since "origin/$BASE_REF"' in check["run"]
    assert check["env"]["BASE_REF"] == "${{ github.base_ref }}"


def test_pre_commit_config_uses_the_nohero_hook(repo: Repo) -> None:
    init(repo)
    config = yaml.safe_load((repo.path / ".pre-commit-config.yaml").read_text())
    hook = config["repos"][0]["hooks"][0]
    assert hook["id"] == "nohero-check" and hook["entry"] == "nohero check --only-documents"


def test_init_never_overwrites_and_says_what_it_skipped(repo: Repo) -> None:
    repo.write("people.yml", "people: {}\n")
    repo.write("docs/index.md", "# Mine\n")
    output = init(repo)
    assert (
        "skipped  " in output
        and "people.yml (exists)" in output
        and "docs/index.md (exists)" in output
    )
    assert (repo.path / "people.yml").read_text() == "people: {}\n"
    assert (repo.path / "docs/index.md").read_text() == "# Mine\n"
    again = init(repo)
    assert "created" not in again and again.count("(exists)") == len(template_files("init"))


def test_init_leaves_no_temp_files(repo: Repo) -> None:
    init(repo)
    leftovers = [p for p in repo.path.rglob("*.tmp")]
    assert leftovers == []


def test_init_without_git_identity_uses_placeholders(folder: Repo) -> None:
    code, _ = run(["init", ".", "--today", TODAY], folder.path)
    assert code == 0
    people = yaml.safe_load((folder.path / "people.yml").read_text())["people"]
    assert people["you"] == {"name": "Your Name", "emails": ["you@example.com"]}


def test_init_quotes_awkward_names(repo: Repo) -> None:
    repo.git("config", "user.name", "Zoë: O'Brien #1")
    repo.git("config", "user.email", "1234+zoe-ob@users.noreply.github.com")
    code, _ = run(["init", "--today", TODAY], repo.path)
    assert code == 0
    person = yaml.safe_load((repo.path / "people.yml").read_text())["people"]["zoe-ob"]
    assert person["name"] == "Zoë: O'Brien #1"
    assert run(["check", "--today", TODAY], repo.path)[0] == 0


@pytest.mark.parametrize(
    ("name", "email", "expected"),
    [
        ("Ann", "Ann.Lee@Corp.example", "ann-lee"),
        ("Ann Lee", None, "ann-lee"),
        (None, "42+octo@users.noreply.github.com", "octo"),
        (None, None, "you"),
        ("李", None, "you"),
    ],
)
def test_person_id(name: str | None, email: str | None, expected: str) -> None:
    assert person_id(GitUser(name, email)) == expected


def test_init_ships_dot_files_through_dot_prefix() -> None:
    targets = [rel for rel, _ in template_files("init")]
    assert ".github/workflows/nohero.yml" in targets and ".gitignore" in targets
    assert not any("dot-" in t for t in targets)


def test_unwritable_targets_are_exit_2_not_a_traceback(repo: Repo) -> None:
    repo.write("docs", "a file where the docs folder should be\n")
    result = CliRunner().invoke(
        main, ["init", str(repo.path), "--today", TODAY], catch_exceptions=False
    )
    assert result.exit_code == 2 and "nohero: error: cannot write docs/" in result.output
    nested = CliRunner().invoke(
        main, ["init", str(repo.path / "docs" / "kb")], catch_exceptions=False
    )
    assert nested.exit_code == 2 and "cannot create" in nested.output
