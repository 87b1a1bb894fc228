"""The pre-commit hook and the GitHub Action: their files parse, and the
commands they run behave as the hook and the action expect, on real repos."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from gitrepo import Repo, runbook

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-25"


def load(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def hook() -> dict[str, Any]:
    hooks = load(".pre-commit-hooks.yaml")
    assert isinstance(hooks, list) and len(hooks) == 1
    return hooks[0]  # type: ignore[no-any-return]


def test_pre_commit_hook_definition() -> None:
    h = hook()
    assert h["id"] == "nohero-check"
    assert h["entry"] == "nohero check --only-documents"
    assert h["language"] == "python"
    assert h["pass_filenames"] is True
    assert set(h) <= {
        "id", "name", "description", "entry", "language", "files", "exclude", "types",
        "pass_filenames", "require_serial", "minimum_pre_commit_version", "args", "stages",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("path", "matches"),
    [
        ("runbooks/payments/db.md", True),
        ("docs/Guide.markdown", True),
        ("people.yml", True),
        ("ops/people.yaml", True),
        ("mkdocs.yml", True),  # a settings change can fail any document
        ("site/mkdocs.yaml", True),
        ("people.yml.bak", False),
        ("src/people_yml.py", False),
        ("notes.mdx", False),
    ],
)
def test_pre_commit_hook_files_pattern(path: str, matches: bool) -> None:
    assert bool(re.search(hook()["files"], path)) is matches  # pre-commit uses re.search


def env_for(repo: Repo, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_"))}
    env.update({"HOME": str(repo.path), "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1"})
    env["NOHERO_TODAY"] = TODAY  # the action and workflows run without --today
    env.update(extra)
    return env


def hook_run(repo: Repo, files: list[str]) -> subprocess.CompletedProcess[str]:
    """What pre-commit runs: the entry, then the staged files matching `files`."""
    h = hook()
    chosen = [f for f in files if re.search(h["files"], f)]
    cmd = [*h["entry"].split(), "--today", TODAY, "--no-history", *chosen]
    return subprocess.run(cmd, cwd=repo.path, capture_output=True, text=True, env=env_for(repo))


def test_hook_checks_only_the_documents_passed(repo: Repo) -> None:
    repo.knowledge_base({"good.md": runbook(), "bad.md": runbook(owner="alicia")})
    repo.write("README.md", "# Not a document\n")
    clean = hook_run(repo, ["docs/good.md", "README.md", "src/app.py"])
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Traceback" not in clean.stderr
    dirty = hook_run(repo, ["docs/good.md", "docs/bad.md"])
    assert dirty.returncode == 1
    assert "docs/bad.md" in dirty.stdout and "owner-unknown" in dirty.stdout
    roster_edit = hook_run(repo, ["people.yml"])  # a roster edit can orphan any doc
    assert roster_edit.returncode == 1
    assert "docs/bad.md" in roster_edit.stdout


def test_hook_runs_when_only_mkdocs_yml_changes(repo: Repo) -> None:
    """A settings change (a severity raised) can fail any document: the hook
    must run on mkdocs.yml alone, and check everything."""
    repo.knowledge_base({"bad.md": runbook(owner="alicia")})
    result = hook_run(repo, ["mkdocs.yml"])
    assert result.returncode == 1, result.stdout + result.stderr
    assert "docs/bad.md" in result.stdout and "owner-unknown" in result.stdout


def test_hook_with_only_non_documents_is_not_an_error(repo: Repo) -> None:
    repo.knowledge_base({"bad.md": runbook(owner="alicia")})
    repo.write("README.md", "# Not a document\n")
    result = hook_run(repo, ["README.md"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


# -- action.yml ---------------------------------------------------------------


def action() -> dict[str, Any]:
    return load("action.yml")  # type: ignore[no-any-return]


def test_action_is_a_composite_with_the_expected_inputs() -> None:
    a = action()
    assert a["name"] and a["description"]
    assert set(a["inputs"]) == {
        "config-file",
        "changed-since",
        "fail-on",
        "version",
        "python-version",
    }
    for spec in a["inputs"].values():
        assert spec["description"] and "default" in spec
    assert a["runs"]["using"] == "composite"
    steps = a["runs"]["steps"]
    setup = steps[0]
    assert setup["uses"].startswith("actions/setup-python@")
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    for step in steps[1:]:
        assert step["shell"] == "bash"
        assert "${{" not in step["run"], "inputs reach scripts through env, never by interpolation"
    assert any("--format github" in s.get("run", "") for s in steps)


def check_step_script() -> str:
    return next(s["run"] for s in action()["runs"]["steps"] if "nohero check" in s.get("name", ""))


def run_action_check(repo: Repo, summary: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    """The action's check step, as the runner would run it (inputs via env)."""
    env = env_for(
        repo,
        CONFIG_FILE=inputs.get("config_file", "mkdocs.yml"),
        CHANGED_SINCE=inputs.get("changed_since", "auto"),
        FAIL_ON=inputs.get("fail_on", "error"),
        BASE_REF=inputs.get("base_ref", ""),
        GITHUB_STEP_SUMMARY=str(summary),
    )
    return subprocess.run(
        ["bash", "-e", "-c", check_step_script()],
        cwd=repo.path,
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.fixture
def pr_repo(repo: Repo) -> Repo:
    """A base branch with old debt, and a pull request that adds one bad doc."""
    repo.knowledge_base({"old.md": runbook(owner="dave", reviewed=TODAY)})
    repo.commit("base", date="2026-11-01T10:00:00+00:00")
    repo.git("update-ref", "refs/remotes/origin/main", "HEAD")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit(
        "add",
        files={"docs/new.md": runbook(owner="alicia", reviewed=TODAY)},
        date="2026-11-02T10:00:00+00:00",
    )
    return repo


def test_action_on_a_pull_request_annotates_only_what_it_touches(
    pr_repo: Repo, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    result = run_action_check(pr_repo, summary, base_ref="main")
    assert result.returncode == 1, result.stderr
    annotations = [x for x in result.stdout.splitlines() if x.startswith("::")]
    assert all("file=docs/new.md," in x for x in annotations)
    assert "::error file=docs/new.md,line=5,title=nohero owner-unknown::" in result.stdout
    assert "docs/old.md" not in result.stdout
    assert "## nohero check" in summary.read_text() and "docs/new.md" in summary.read_text()


def test_action_outside_pull_requests_checks_everything(pr_repo: Repo, tmp_path: Path) -> None:
    result = run_action_check(pr_repo, tmp_path / "s.md")
    assert result.returncode == 1
    assert "file=docs/old.md" in result.stdout and "file=docs/new.md" in result.stdout


def test_action_passes_fail_on_and_an_explicit_ref(pr_repo: Repo, tmp_path: Path) -> None:
    pr_repo.commit(
        "fix",
        files={"docs/new.md": runbook(reviewed="2026-09-01")},
        date="2026-11-03T10:00:00+00:00",
    )
    quiet = run_action_check(pr_repo, tmp_path / "s.md", changed_since="origin/main")
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    assert "::notice file=docs/new.md" in quiet.stdout  # due soon: info
    strict = run_action_check(
        pr_repo, tmp_path / "s.md", changed_since="origin/main", fail_on="info"
    )
    assert strict.returncode == 1


def test_init_workflow_command_runs_as_written(pr_repo: Repo, tmp_path: Path) -> None:
    """The `nohero check` line of the workflow `nohero init` writes."""
    from nohero.scaffold import template_files

    workflow = yaml.safe_load(dict(template_files("init"))[".github/workflows/nohero.yml"])
    step = next(s for s in workflow["jobs"]["check"]["steps"] if "nohero check" in s.get("run", ""))
    env = env_for(pr_repo, BASE_REF="main", GITHUB_STEP_SUMMARY=str(tmp_path / "s.md"))
    result = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=pr_repo.path, capture_output=True, text=True, env=env
    )
    assert result.returncode == 1
    assert "file=docs/new.md" in result.stdout and "docs/old.md" not in result.stdout
