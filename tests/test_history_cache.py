"""The miner's cache: keyed by commit, incremental, never trusted when bad."""

from __future__ import annotations

import datetime as dt
import marshal
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gitrepo import DEFAULT_MKDOCS, DEFAULT_PEOPLE, Repo, runbook
from nohero.config import load_config
from nohero.digests import signature
from nohero.history import cache, scope
from nohero.history.miner import load_history
from nohero.history.model import History
from nohero.history.packed import Records
from nohero.roster import load_roster

ALICE = "Alice Example <alice@example.com>"
BOB = "Bob Example <bob@example.com>"


@pytest.fixture(autouse=True)
def docs_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read what a default mine lists: docs/ alone (the setup
    commit, which changes no document, is not listed)."""
    monkeypatch.setattr(scope, "requested", lambda config: ("docs/",))


def mine(repo: Repo) -> History:
    config = load_config(cwd=repo.path)
    return load_history(config, load_roster(config.roster_path))


def day(n: int) -> str:
    return f"2026-02-{n:02d}T12:00:00+00:00"


def cache_file(repo: Repo) -> Path:
    return repo.path / ".cache" / "nohero" / cache.FILE_NAME


def same(a: History, b: History) -> bool:
    return a.head == b.head and a.docs == b.docs and a.last_change == b.last_change


@pytest.fixture
def kb(repo: Repo) -> Repo:
    repo.knowledge_base()
    repo.commit("setup", author=ALICE, date=day(1))
    repo.commit(files={"docs/db.md": runbook()}, author=ALICE, date=day(2))
    repo.commit(files={"docs/db.md": runbook(reviewed="2026-10-02")}, author=BOB, date=day(3))
    return repo


def test_cold_then_warm_reads_no_commit(kb: Repo) -> None:
    cold = mine(kb)
    # the commits that changed docs/ (the setup commit did not: not listed)
    assert cold.stats["cache"] == "cold" and cold.stats["commits_parsed"] == 2
    assert cache_file(kb).is_file()
    assert (cache_file(kb).parent / ".gitignore").read_text().splitlines()[-1] == "*"
    assert kb.git("status", "--porcelain", "--untracked-files=all", ".cache") == ""
    warm = mine(kb)
    stats = {k: v for k, v in warm.stats.items() if k != "scope"}  # see test_miner_scoped
    assert stats == {"cache": "warm", "commits_parsed": 0, "commits": 2}
    assert same(warm, cold)


def test_one_new_commit_reads_only_that_commit(kb: Repo) -> None:
    mine(kb)
    kb.git("mv", "docs/db.md", "docs/payments-db.md")
    kb.commit(
        files={"docs/payments-db.md": runbook(body="# moved and edited\n")}, author=BOB, date=day(4)
    )
    incremental = mine(kb)
    assert incremental.stats["cache"] == "incremental" and incremental.stats["commits_parsed"] == 1
    doc = incremental.docs["docs/payments-db.md"]
    assert [c.content for c in doc.changes] == [True, False, True]
    shutil.rmtree(kb.path / ".cache")
    assert same(incremental, mine(kb))


def test_an_incremental_mine_over_merges_equals_a_cold_one(
    kb: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The main line of a whole-tree mine is walked down from HEAD by the
    parents git log prints (no `rev-list --first-parent`): a branch commit
    counts as a last change when its merge landed, incrementally as from
    scratch; a cache whose head was merged in as a side branch is mined
    again. (A docs-only mine: tests/test_miner_scoped.py.)"""
    monkeypatch.setattr(scope, "requested", lambda config: None)
    mine(kb)
    kb.git("checkout", "-q", "-b", "side")
    # written (and committed) after the merge was: still the merge time on the main line
    kb.commit(files={"src/side.py": "x\n", "docs/db.md": runbook(body="# side\n")}, date=day(20))
    kb.git("checkout", "-q", "main")
    kb.commit(files={"src/main.py": "y\n"}, author=BOB, date=day(5))
    merged = {"GIT_COMMITTER_DATE": day(9), "GIT_AUTHOR_DATE": day(9)}
    kb.git("merge", "-q", "--no-ff", "-m", "merge side", "side", env=merged)
    incremental = mine(kb)
    assert incremental.stats["cache"] == "incremental" and incremental.stats["commits_parsed"] == 3
    assert incremental.last_change["src/side.py"].date() == dt.date(2026, 2, 9)  # the merge's
    assert incremental.last_change["src/main.py"].date() == dt.date(2026, 2, 5)
    shutil.rmtree(kb.path / ".cache")
    assert same(incremental, mine(kb))
    # The old main line merged into another as its side branch: mined from scratch.
    kb.git("checkout", "-q", "-b", "other", "HEAD~2")
    kb.commit(files={"src/other.py": "z\n"}, date=day(10))
    kb.git(
        "merge", "-q", "--no-ff", "-m", "merge main", "main", env={"GIT_COMMITTER_DATE": day(11)}
    )
    again = mine(kb)
    assert again.stats["cache"] == "cold"
    assert again.last_change["src/side.py"].date() == dt.date(2026, 2, 11)
    shutil.rmtree(kb.path / ".cache")
    assert same(again, mine(kb))


def test_front_matter_only_commit_after_cache_compares_with_cached_version(kb: Repo) -> None:
    mine(kb)
    kb.commit(files={"docs/db.md": runbook(reviewed="2026-11-01")}, author=BOB, date=day(5))
    doc = mine(kb).docs["docs/db.md"]
    assert doc.changes[-1].content is False
    assert str(doc.changes[-1].last_reviewed) == "2026-11-01"


def test_roster_edits_apply_without_re_mining(kb: Repo) -> None:
    assert dict(mine(kb).docs["docs/db.md"].authors) == {"alice": 1, "bob": 1}
    kb.write(
        "people.yml",
        DEFAULT_PEOPLE.replace(
            "  bob:\n    name: Bob Example\n    emails: [bob@example.com]",
            "  robert:\n    name: Robert\n    emails: [bob@example.com]",
        ),
    )
    again = mine(kb)
    assert again.stats["commits_parsed"] == 0
    assert dict(again.docs["docs/db.md"].authors) == {"alice": 1, "robert": 1}


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),  # truncated
        lambda p: p.write_bytes(b"not gzip at all"),
        lambda p: _forge(p, b"0" * 64),  # the right header, another signature
        lambda p: p.write_bytes(p.read_bytes().replace(b" %d " % cache.VERSION, b" 999 ", 1)),
        lambda p: p.write_bytes(p.read_bytes().replace(b" python3.", b" python9.", 1)),  # marshal
        lambda p: p.write_bytes(p.read_bytes().split(b"\n", 1)[0] + b"\n" + marshal.dumps([1, 2])),
        lambda p: _edit(p, lambda d: d.update(times=d["times"][:-8])),  # a commit's time cut off
        lambda p: _edit(p, lambda d: d.update(events=d["events"] + b"N")),  # one record more
        # signed again with this clone's key: the shape check still refuses it
        lambda p: _edit(p, lambda d: d.update(times=d["times"][:-8]), sign=True),
        lambda p: _edit(p, lambda d: d.update(event_ends=d["event_ends"][:-8]), sign=True),
        lambda p: _edit(p, lambda d: d.update(last_change=d["last_change"] + b"\0" * 8), sign=True),
        lambda p: _edit(p, lambda d: d.update(head="z" * 40)),
    ],
)
def test_corrupt_cache_is_discarded(kb: Repo, damage) -> None:  # type: ignore[no-untyped-def]
    cold = mine(kb)
    damage(cache_file(kb))
    again = mine(kb)
    assert again.stats["cache"] == "cold" and again.stats["commits_parsed"] == 2
    assert same(again, cold)
    key = cache.secret(kb.path / ".git")
    assert cache.load(cache_file(kb).parent, key) is not None  # rewritten, good again


def test_signing_again_unchanged_keeps_the_cache(kb: Repo) -> None:
    """The control for the re-signed damage above: only the edit makes it a miss."""
    mine(kb)
    _edit(cache_file(kb), lambda d: None, sign=True)
    assert mine(kb).stats["cache"] == "warm"


def _forge(path: Path, mac: bytes) -> None:
    header, _, body = path.read_bytes().partition(b"\n")
    path.write_bytes(header.rpartition(b" ")[0] + b" " + mac + b"\n" + body)


def _edit(path: Path, change, sign: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Change the payload, keeping the header (and so the old signature), or
    signing it again with this clone's key (`sign`)."""
    header, _, body = path.read_bytes().partition(b"\n")
    data = marshal.loads(body)
    change(data)
    body = marshal.dumps(data)
    if sign:
        tag = header.rpartition(b" ")[0]
        key = cache.secret(path.parents[2] / ".git")
        assert key is not None
        header = tag + b" " + signature(key, tag + b"\n" + body).encode()
    path.write_bytes(header + b"\n" + body)


def test_foreign_cache_is_discarded(kb: Repo, tmp_path: Path) -> None:
    other = Repo(tmp_path / "other")
    other.knowledge_base()
    other.commit(files={"docs/x.md": runbook()}, author=BOB, date=day(9))
    mine(other)
    mine(kb)
    shutil.copy(cache_file(other), cache_file(kb))
    history = mine(kb)
    assert history.stats["cache"] == "cold"
    assert sorted(history.docs) == ["docs/db.md"]


def test_rebased_history_is_discarded(kb: Repo) -> None:
    kb.commit(files={"docs/db.md": runbook(body="# to be rewritten\n")}, author=BOB, date=day(6))
    mine(kb)
    kb.git("reset", "-q", "--hard", "HEAD~1")
    kb.commit(
        files={"docs/db.md": runbook(body="# rewritten instead\n")}, author=ALICE, date=day(7)
    )
    history = mine(kb)
    assert history.stats["cache"] == "cold" and history.stats["commits_parsed"] == 3
    assert dict(history.docs["docs/db.md"].authors) == {"alice": 2, "bob": 1}


def test_cache_can_be_turned_off(repo: Repo) -> None:
    repo.knowledge_base(
        mkdocs=DEFAULT_MKDOCS.replace("  - nohero:\n", "  - nohero:\n      cache_dir: false\n")
    )
    repo.commit(files={"docs/a.md": runbook()}, author=ALICE, date=day(1))
    assert mine(repo).stats["cache"] == "cold"
    assert mine(repo).stats["cache"] == "cold"
    assert not (repo.path / ".cache").exists()


def test_unwritable_cache_folder_is_skipped(kb: Repo) -> None:
    (kb.path / ".cache").write_text("a file where the folder should be\n")
    history = mine(kb)
    assert history.available and history.stats["cache_saved"] is False


def plain(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(plain(v) for v in value)
    return value is None or isinstance(value, str | int | bytes)


def test_cache_file_is_plain_data(kb: Repo) -> None:
    mine(kb)
    header, _, body = cache_file(kb).read_bytes().partition(b"\n")
    assert header.startswith(f"{cache.FORMAT} {cache.VERSION} python".encode())
    data = marshal.loads(body)
    assert plain(data)  # lists, dicts, strings, numbers: nothing that runs when read
    for blob, ends in (("commits", "commit_ends"), ("events", "event_ends")):
        assert plain(list(Records(data[blob], data[ends])))  # and so is every record
    assert data["format"] == cache.FORMAT and data["version"] == cache.VERSION
    assert data["head"] == kb.git("rev-parse", "HEAD").strip()
    assert (
        subprocess.run(["git", "check-ignore", "-q", str(cache_file(kb))], cwd=kb.path).returncode
        == 0
    )


def test_no_mine_imports_gitpython(kb: Repo) -> None:
    """A one-file pre-commit run finds the cache at HEAD, and a cold mine runs
    git log and cat-file through plain subprocess: neither imports GitPython
    (a fifth of a one-file run; a `git version` spawn and ~0.1 s of CPU in a
    cold one)."""
    kb.write(".mailmap", "Alice Example <alice@example.com> <alice@old.example.com>\n")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from nohero.config import load_config\n"
        "from nohero.history.miner import load_history\n"
        "from nohero.roster import load_roster\n"
        "config = load_config(cwd=Path(sys.argv[1]))\n"
        "history = load_history(config, load_roster(config.roster_path))\n"
        "print(history.stats['cache'], 'git' in sys.modules, history.docs['docs/db.md'].authors,"
        " history.last_change['docs/db.md'].date())\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, str(kb.path)], capture_output=True, text=True, check=True
        ).stdout.split(maxsplit=2)
        for _ in range(2)
    ]
    assert runs[0][:2] == ["cold", "False"]
    assert runs[1][:2] == ["warm", "False"]
    assert runs[1][2] == runs[0][2]  # same authors (through .mailmap) and last change
    assert "2026-02-03" in runs[1][2]


def test_a_key_made_by_two_at_once_is_one_whole_key(tmp_path: Path) -> None:
    """The covers pass and the mine ask for the key at the same moment: both
    get the same 32 bytes (the loser once read the winner's empty file: no
    cache for that run, so the next one-file run mined again)."""
    import threading

    for i in range(200):
        git_dir = tmp_path / f"g{i}"
        git_dir.mkdir()
        barrier = threading.Barrier(2)
        keys: list[bytes | None] = []

        def make(
            where: Path = git_dir, wait: threading.Barrier = barrier, got: list = keys
        ) -> None:
            wait.wait()
            got.append(cache.secret(where))

        threads = [threading.Thread(target=make) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert keys[0] is not None and len(keys[0]) == 32 and keys[0] == keys[1], i
