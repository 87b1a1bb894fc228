"""A cold `nohero report` starts `git log` before it fingerprints its inputs
(the fingerprint stats every document: a tenth of a second or more that git
log, the critical path, would otherwise wait), but only when no answer is
kept at all, so a run that may hit its remembered answer never mines."""

from __future__ import annotations

import json
import threading

import pytest

from gitrepo import Repo, runbook
from nohero import resultcache
from nohero.config import load_config


@pytest.fixture
def kb(repo: Repo) -> Repo:
    repo.knowledge_base()
    repo.commit("setup")
    repo.commit(files={"docs/db.md": runbook()}, date="2026-02-02T12:00:00+00:00")
    return repo


def _mining_when_fingerprinted(kb: Repo, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    seen: list[bool] = []
    fingerprint = resultcache.fingerprint

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(any(t.name == "nohero-mine" for t in threading.enumerate()))
        return fingerprint(*args, **kwargs)

    monkeypatch.setattr(resultcache, "fingerprint", watched)
    result = kb.cli("report", "--format", "json", "--today", "2026-03-01")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["docs"][0]["path"] == "docs/db.md"
    return seen


def test_a_run_that_can_only_miss_mines_before_it_fingerprints(
    kb: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resultcache.nothing_kept(load_config(cwd=kb.path))
    assert _mining_when_fingerprinted(kb, monkeypatch)[0] is True


def test_a_run_that_may_hit_fingerprints_first(kb: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = kb.path / ".git" / "nohero" / resultcache.FOLDER
    kept.mkdir(parents=True)
    (kept / f"{'0' * 64}{resultcache.SUFFIX}").write_bytes(b"not ours\n")
    assert not resultcache.nothing_kept(load_config(cwd=kb.path))
    assert _mining_when_fingerprinted(kb, monkeypatch)[0] is False


def test_nothing_kept_says_no_without_a_cache_or_a_git_folder(kb: Repo) -> None:
    config = load_config(cwd=kb.path)
    assert resultcache.nothing_kept(config)
    config.cache_dir = None  # cache_dir: false
    assert not resultcache.nothing_kept(config)
    linked = Repo(kb.path.parent / "linked", init=False)  # a linked worktree: .git is a file
    kb.git("worktree", "add", "-q", str(linked.path))
    assert (linked.path / ".git").is_file()
    assert not resultcache.nothing_kept(load_config(cwd=linked.path))
