"""`rungit.run_captured`/`run_git`: git spawned without the subprocess
module answers as `subprocess.run(cwd=root)` would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gitrepo import Repo
from nohero.history.rungit import run_captured, run_git


def test_run_git_reads_what_subprocess_reads(repo: Repo) -> None:
    repo.write("a.md", "x\n")
    repo.commit("one")
    args = ("rev-parse", "--git-common-dir", "--is-shallow-repository", "--verify", "HEAD")
    ran = run_git(str(repo.path), *args)
    done = subprocess.run(
        ["git", *args], cwd=repo.path, capture_output=True, text=True, check=False
    )
    assert ran is not None
    assert (ran.returncode, ran.stdout, ran.stderr) == (done.returncode, done.stdout, done.stderr)


def test_a_failing_git_gives_its_status_and_message(repo: Repo) -> None:
    ran = run_git(str(repo.path), "rev-parse", "--verify", "no-such-ref")
    assert ran is not None and ran.returncode == 128 and "single revision" in ran.stderr


def test_no_folder_is_no_git(tmp_path: Path) -> None:
    assert run_git(str(tmp_path / "missing"), "status") is None
    with pytest.raises(OSError):
        run_captured(str(tmp_path / "missing"), "status")


def test_both_outputs_are_drained_however_big(repo: Repo) -> None:
    """Megabytes on stdout and stderr at once: read as they come, so git (here
    an alias running Python) never blocks on a full pipe."""
    script = (
        "import sys\n"
        "for i in range(2000):\n"
        "    sys.stdout.write('o' * 511 + '\\n'); sys.stderr.write('e' * 511 + '\\n')\n"
    )
    alias = f'alias.spam=!{sys.executable} -c "{script}"'
    status, out, err = run_captured(str(repo.path), "-c", alias, "spam")
    assert status == 0
    assert out == (b"o" * 511 + b"\n") * 2000 and err == (b"e" * 511 + b"\n") * 2000
