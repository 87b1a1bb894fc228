"""This repository's workflows and action, and those `nohero init` writes:
every action pinned by full commit SHA with the version in a comment,
permissions granted per job (Pages/OIDC only to the deploy job), checkouts
without stored credentials, the nohero version pinned, and zizmor clean."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from gitrepo import Repo
from nohero import __version__

ROOT = Path(__file__).resolve().parent.parent
USES = re.compile(r"^\s*-?\s*uses:\s*(\S+)(.*)$", re.M)
PINNED = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}")
VERSION_COMMENT = re.compile(r"\s+# v\d+(\.\d+)*\b")


def _initialised(repo: Repo) -> list[Path]:
    repo.cli("init", "--today", "2026-01-01", ".")
    return sorted((repo.path / ".github" / "workflows").glob("*.yml"))


def _ours() -> list[Path]:
    return [*sorted((ROOT / ".github" / "workflows").glob("*.yml")), ROOT / "action.yml"]


def _check_uses(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = USES.findall(text)
    assert found, path
    for ref, rest in found:
        assert PINNED.fullmatch(ref), f"{path.name}: {ref} is not pinned by commit"
        assert VERSION_COMMENT.match(rest), f"{path.name}: {ref} has no '# vX.Y.Z' comment"


def _check_jobs(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow.get("permissions") == {}, f"{path.name}: default permissions not empty"
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions")
        assert isinstance(granted, dict), f"{path.name}: job {name} without permissions"
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False
        if any(str(s.get("uses", "")).startswith("actions/deploy-pages@") for s in job["steps"]):
            assert granted == {"pages": "write", "id-token": "write"}
        else:
            assert "pages" not in granted and "id-token" not in granted


def test_this_repositorys_workflows_are_pinned_and_least_privilege() -> None:
    for path in _ours():
        _check_uses(path)
        if path.name != "action.yml":
            _check_jobs(path)


def test_init_workflows_are_pinned_and_install_this_nohero_version(repo: Repo) -> None:
    written = _initialised(repo)
    assert {p.name for p in written} == {"nohero.yml", "nohero-due.yml"}
    for path in written:
        _check_uses(path)
        _check_jobs(path)
        assert f'pip install "nohero=={__version__}"' in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("where", ["repository", "init"])
def test_zizmor_finds_nothing(repo: Repo, where: str) -> None:
    zizmor = shutil.which("zizmor")
    assert zizmor, "zizmor is a test dependency: pip install -e '.[test]'"
    target = ROOT if where == "repository" else repo.path
    if where == "init":
        _initialised(repo)
    out = subprocess.run(
        [zizmor, "--min-severity", "low", "--offline", "--no-progress", str(target)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
