"""Writes and output under hostile conditions: files the user may not write,
files owned by someone else, folders that refuse new files, a closed stdout,
a full disk. Nothing half-written, never a traceback, exit 2 for lost output."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from faketime import without_faketime
from gitrepo import Repo, runbook
from nohero.atomic import WriteRefused, write_atomic

NOBODY = 65534
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as two users")


@contextmanager
def as_nobody() -> Iterator[None]:
    """Act as an unprivileged user for file permission checks (in process:
    every module this needs is already imported)."""
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Path]:
    """A world-traversable folder (pytest's tmp is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="nohero-shared-", dir="/tmp"))
    path.chmod(0o777)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def kb(repo: Repo) -> Repo:
    repo.knowledge_base(docs={"db.md": runbook(reviewed="2026-01-01")})
    return repo


def review(repo: Repo) -> tuple[int, str]:
    result = repo.cli("review", "docs/db.md", "--by", "alice", "--today", "2026-11-20")
    return result.exit_code, result.stderr


def test_review_refuses_a_read_only_file_and_leaves_it_as_it_was(kb: Repo) -> None:
    doc = kb.path / "docs/db.md"
    before = doc.read_bytes()
    doc.chmod(0o444)
    code, err = review(kb)
    assert code == 1
    assert "refused docs/db.md" in err and "read-only" in err and "Traceback" not in err
    assert doc.read_bytes() == before and stat.S_IMODE(doc.stat().st_mode) == 0o444


@ROOT_ONLY
def test_review_as_root_keeps_a_colleagues_file_theirs_with_its_mode(kb: Repo) -> None:
    doc = kb.path / "docs/db.md"
    os.chown(doc, 1234, 2345)
    doc.chmod(0o640)
    code, _ = review(kb)
    assert code == 0 and "last_reviewed: 2026-11-20" in doc.read_text(encoding="utf-8")
    after = doc.stat()
    assert (after.st_uid, after.st_gid, stat.S_IMODE(after.st_mode)) == (1234, 2345, 0o640)


@ROOT_ONLY
def test_a_user_cannot_replace_a_file_they_may_not_write_through_the_folder(shared: Path) -> None:
    target = shared / "runbook.md"
    target.write_bytes(b"root's\n")
    target.chmod(0o644)  # root's file in a folder anyone may write
    with as_nobody(), pytest.raises(WriteRefused, match="may not write"):
        write_atomic(target, b"taken over\n")
    assert target.read_bytes() == b"root's\n" and target.stat().st_uid == 0
    assert sorted(p.name for p in shared.iterdir()) == ["runbook.md"]  # no temp file left


@ROOT_ONLY
def test_a_group_writable_file_of_another_user_is_refused_not_taken_over(shared: Path) -> None:
    target = shared / "runbook.md"
    target.write_bytes(b"theirs\n")
    os.chown(target, 1234, NOBODY)
    target.chmod(0o664)
    with as_nobody(), pytest.raises(WriteRefused, match="another user"):
        write_atomic(target, b"mine\n")
    assert target.read_bytes() == b"theirs\n" and target.stat().st_uid == 1234


@ROOT_ONLY
def test_a_folder_that_refuses_new_files_fails_cleanly(shared: Path) -> None:
    folder = shared / "locked"
    folder.mkdir()
    target = folder / "runbook.md"
    target.write_bytes(b"old\n")
    os.chown(target, NOBODY, NOBODY)
    target.chmod(0o644)
    folder.chmod(0o555)
    with as_nobody(), pytest.raises(PermissionError):
        write_atomic(target, b"new\n")
    assert target.read_bytes() == b"old\n"


@ROOT_ONLY
def test_review_in_a_folder_that_refuses_new_files_is_a_refusal_not_a_traceback(
    shared: Path,
) -> None:
    repo = Repo(shared / "repo")
    repo.knowledge_base(docs={"db.md": runbook(reviewed="2026-01-01")})
    review(repo)  # warm: every module review needs is imported while still root
    doc = repo.path / "docs/db.md"
    doc.write_text(runbook(reviewed="2026-01-01"), encoding="utf-8")
    for path in [repo.path, *repo.path.rglob("*")]:
        os.chown(path, NOBODY, NOBODY, follow_symlinks=False)
    (repo.path / "docs").chmod(0o555)
    os.chown(repo.path / "docs", 0, 0)
    before = doc.read_bytes()
    with as_nobody():
        code, err = review(repo)
    assert code == 1, err
    assert "refused docs/db.md: cannot write it: Permission denied" in err
    assert doc.read_bytes() == before


def test_create_only_never_replaces(tmp_path: Path) -> None:
    target = tmp_path / "new.md"
    assert write_atomic(target, b"first\n", create_only=True)
    assert not write_atomic(target, b"second\n", create_only=True)
    assert target.read_bytes() == b"first\n"


# --- output that cannot be written ------------------------------------------

NOHERO = [sys.executable, "-c", "from nohero.cli import main; main()"]


def _env() -> dict[str, str]:
    src = str(Path(__file__).resolve().parents[1] / "src")
    return {**os.environ, "PYTHONPATH": src, "NOHERO_TODAY": "2026-11-20"}


@pytest.mark.parametrize("args", [["check"], ["report"], ["schema"]])
def test_a_full_disk_is_exit_2_with_one_line(kb: Repo, args: list[str]) -> None:
    kb.commit("setup")
    with open("/dev/full", "wb") as full:
        out = subprocess.run(
            NOHERO + args, cwd=kb.path, env=_env(), stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert out.returncode == 2, out.stderr
    assert out.stderr.strip().splitlines() == [
        "nohero: error: cannot write the output: No space left on device"
    ]


@pytest.mark.parametrize("args", [["check"], ["report"], ["schema"]])
def test_a_closed_pipe_or_stdout_is_exit_2_with_one_line(kb: Repo, args: list[str]) -> None:
    kb.commit("setup")
    reader, writer = os.pipe()
    os.close(reader)  # the reader went away before the first byte
    out = subprocess.run(
        NOHERO + args, cwd=kb.path, env=_env(), stdout=writer, stderr=subprocess.PIPE, text=True
    )
    os.close(writer)
    assert out.returncode == 2, out.stderr
    assert out.stderr.strip().splitlines() == [
        "nohero: error: cannot write the output: Broken pipe"
    ]
    # libfaketime would reopen descriptor 1 in the child (tests/faketime.py);
    # the date is pinned, so the child runs without it
    closed = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *NOHERO, *args],
        cwd=kb.path,
        env=without_faketime(_env()),
        stderr=subprocess.PIPE,
        text=True,
    )
    assert closed.returncode == 2 and "Traceback" not in closed.stderr
    assert len(closed.stderr.strip().splitlines()) == 1


def test_the_temporary_file_is_new_private_and_gone_after_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What tempfile.mkstemp guaranteed, kept without importing it: a new
    file (never one that exists, never through a symlink), mode 0600, in the
    target's folder, and nothing left beside the target afterwards."""
    opened: list[tuple[str, int, int]] = []
    real_open = os.open

    def spy(path: str, flags: int, mode: int = 0o777, **kwargs: object) -> int:
        opened.append((str(path), flags, mode))
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", spy)
    folder = Path(os.path.realpath(tmp_path))
    assert write_atomic(folder / "x.json", b"data")
    name, flags, mode = opened[0]
    assert os.path.dirname(name) == str(folder), name
    assert os.path.basename(name).startswith(".x.json.") and name.endswith(".tmp"), name
    assert flags & os.O_CREAT and flags & os.O_EXCL and flags & os.O_NOFOLLOW and mode == 0o600
    assert os.listdir(folder) == ["x.json"] and (folder / "x.json").read_bytes() == b"data"


def test_writing_a_cache_does_not_import_tempfile() -> None:
    """tempfile brings shutil, random, bz2 and lzma: ~10 ms of every cold
    command that writes a cache."""
    code = (
        "import sys\n"
        "for name in ('tempfile', 'shutil', 'random'):\n"
        "    sys.modules.pop(name, None)\n"
        "import nohero.atomic\n"
        "assert 'tempfile' not in sys.modules and 'shutil' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
