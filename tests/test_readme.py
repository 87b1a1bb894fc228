"""README truth: every console session in the README is run by this test,
command by command, in the scenario named above it, and must print exactly
what the README shows. The README cannot drift from the code.

A session is a ```console block preceded by `<!-- session: NAME -->`; `$ `
lines are commands (run by bash, in one shell, so `echo $?` works), the
other lines their output (stdout and stderr together). A line `  ...` in the
README stands for any number of lines.

When the output changes on purpose, rewrite the sessions from the code:
    NOHERO_README_UPDATE=1 python3 -m pytest -q tests/test_readme.py
and read the diff.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from adoptrepos import mkdocs_site
from alertkb import alert_repo
from gitrepo import Repo
from test_handover import handover_team

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
TODAY = "2026-11-25"
MAINTAINER = "Seed 846f770e maintainers <maintainers@users.noreply.h-seed-846f770e.example>"
UPDATE = os.environ.get("NOHERO_README_UPDATE") == "1"
SESSION = re.compile(r"<!-- session: ([\w-]+) -->\n```console\n(.*?)```", re.S)
ELLIPSIS = "  ..."


def own_knowledge_base(tmp: Path) -> Path:
    """This repository's knowledge base (mkdocs.yml, people.yml, runbooks/) as
    committed by its one maintainer identity before the README's day, so the
    sessions do not move with every commit to the code the runbooks cover."""
    repo = Repo(tmp / "kestrel")
    for rel in ("mkdocs.yml", "people.yml"):
        repo.write(rel, (ROOT / rel).read_bytes())
    for source in sorted((ROOT / "runbooks").rglob("*")):
        if source.is_file():
            repo.write(str(source.relative_to(ROOT)), source.read_bytes())
    repo.commit("knowledge base", author=MAINTAINER, date="2026-11-20T10:00:00+00:00")
    return repo.path


def tomas_leaves(tmp: Path) -> Path:
    """A pull request against this repository that marks Tomás as having left."""
    repo = own_knowledge_base(tmp)
    env = _git_env(tmp)

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, env=env)

    git("update-ref", "refs/remotes/origin/main", "HEAD")
    git("checkout", "-q", "-b", "tomas-leaves")
    people = repo / "people.yml"
    text = people.read_text(encoding="utf-8")
    marker = "    name: Tomás Okafor\n"
    assert marker in text
    people.write_text(text.replace(marker, marker + "    left: 2026-11-20\n"), encoding="utf-8")
    git("commit", "-q", "-am", "Tomás has left")
    return repo


def handbook(tmp: Path) -> Path:
    """A plain MkDocs handbook that predates nohero (tests/adoptrepos.py)."""
    repo = Repo(tmp / "ops")
    mkdocs_site(repo)
    return repo.path


def team(tmp: Path) -> Path:
    """A small team's knowledge base where alice is leaving (tests/test_handover.py)."""
    return handover_team(Repo(tmp / "team")).path


def alerts(tmp: Path) -> Path:
    """The kube-prometheus-style rule set and runbooks (tests/alertkb.py)."""
    return alert_repo(tmp / "alerts").path


SCENARIOS: dict[str, Callable[[Path], Path]] = {
    "alerts": alerts,
    "own": own_knowledge_base,
    "tomas-leaves": tomas_leaves,
    "handbook": handbook,
    "team": team,
}


def _git_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "TZ": "UTC"})
    env.update({"GIT_AUTHOR_NAME": "Test Runner", "GIT_AUTHOR_EMAIL": "runner@example.com"})
    env.update({"GIT_COMMITTER_NAME": "Test Runner", "GIT_COMMITTER_EMAIL": "runner@example.com"})
    return env


def run_session(block: str, cwd: Path, home: Path) -> str:
    """Run the block's commands in one bash; return the session as the README shows it."""
    commands = [line[2:] for line in block.splitlines() if line.startswith("$ ")]
    script = "__s=0\n" + "".join(
        f"printf '%s\\n' {_quote('$ ' + c)}\n(exit $__s)\n{c} 2>&1\n__s=$?\n" for c in commands
    )
    env = _git_env(home)
    env.update({"NOHERO_TODAY": TODAY, "NO_COLOR": "1", "COLUMNS": "200"})
    nohero = shutil.which("nohero")
    assert nohero, "the nohero console script must be installed"
    env["PATH"] = os.pathsep.join([str(Path(nohero).parent), env.get("PATH", "")])
    result = subprocess.run(
        ["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert not result.stderr, result.stderr
    return result.stdout


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def matches(expected: str, actual: str) -> bool:
    """Line by line; an `  ...` line in the README stands for any lines."""
    pattern = "".join(
        r"(?:.*\n)*?" if line.strip() == "..." else re.escape(line) + r"\n"
        for line in expected.splitlines()
    )
    return re.fullmatch(pattern, actual) is not None


def elide(expected: str, actual: str) -> str:
    """`actual` with the lines the README elides (`  ...`) elided again: from
    after the README's last line before the elision to before its first
    line after it (found in `actual`), so the shown parts stay the same."""
    lines = expected.splitlines()
    if ELLIPSIS not in lines or sum(line.strip() == "..." for line in lines) > 1:
        return actual  # several elisions: rewrite by hand
    cut = lines.index(ELLIPSIS)
    got = actual.splitlines(keepends=True)
    plain = [g.rstrip("\n") for g in got]
    before = lines[cut - 1] if cut else None
    after = lines[cut + 1] if cut + 1 < len(lines) else None
    start = plain.index(before) + 1 if before in plain else cut
    end = plain.index(after, start) if after in plain[start:] else len(got)
    return "".join(got[:start]) + ELLIPSIS + "\n" + "".join(got[end:])


def test_every_console_block_in_the_readme_is_a_session() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = text.count("```console\n")
    assert blocks == len(SESSION.findall(text)) > 0, "precede each ```console with a session"
    assert {name for name, _ in SESSION.findall(text)} <= set(SCENARIOS)


@pytest.mark.parametrize("index", range(len(SESSION.findall(README.read_text(encoding="utf-8")))))
def test_readme_session_is_what_nohero_prints(index: int, tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    match = list(SESSION.finditer(text))[index]
    name, expected = match.group(1), match.group(2)
    cwd = SCENARIOS[name](tmp_path)
    actual = run_session(expected, cwd, tmp_path)
    if UPDATE and not matches(expected, actual):
        fresh = README.read_text(encoding="utf-8")
        start = fresh.index(match.group(0))
        new = match.group(0).replace(expected, elide(expected, actual), 1)
        README.write_text(fresh[:start] + new + fresh[start + len(match.group(0)) :])
        return
    assert matches(expected, actual), (
        f"README session {index + 1} ({name}) is out of date; rewrite it with "
        f"NOHERO_README_UPDATE=1 python3 -m pytest -q tests/test_readme.py\n--- README\n"
        f"{expected}--- nohero\n{actual}"
    )
