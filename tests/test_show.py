"""`nohero show PATH --at TIMESTAMP` on a real repository with renames and deletes."""

from __future__ import annotations

import json

import pytest
from click.testing import Result

from gitrepo import DEFAULT_MKDOCS, DEFAULT_PEOPLE, Repo, runbook

ALICE = "Alice Example <alice@example.com>"
V1 = b"\xef\xbb\xbf" + runbook(owner="alice", reviewed="2026-01-10").replace("\n", "\r\n").encode()
V2 = runbook(owner="bob", backup="alice", reviewed="2026-01-10").encode()
V3 = runbook(owner="dave", backup="alice", reviewed="2026-05-01", body="# New\n").encode()


@pytest.fixture
def history(repo: Repo) -> Repo:
    repo.commit(
        "first",
        files={
            "mkdocs.yml": DEFAULT_MKDOCS,
            "people.yml": DEFAULT_PEOPLE,
            "docs/old.md": V1,
            "docs/gone.md": runbook(),
        },
        author=ALICE,
        date="2026-01-10T10:00:00+00:00",
    )
    repo.git("mv", "docs/old.md", "docs/new.md")
    repo.commit("rename, bob owns it", files={"docs/new.md": V2}, date="2026-03-01T10:00:00+00:00")
    repo.commit(
        "dave owns it",
        files={"docs/new.md": V3},
        date="2026-05-01T10:00:00+00:00",
        delete=["docs/gone.md"],
    )
    return repo


def show(repo: Repo, *args: str) -> Result:
    return repo.cli("show", *args, catch_exceptions=False)


def test_prints_exact_old_bytes_across_a_rename(history: Repo) -> None:
    result = show(history, "docs/new.md", "--at", "2026-02-01T00:00:00+00:00")
    assert result.exit_code == 0
    assert result.stdout_bytes == V1  # BOM and CRLF as committed
    assert "# docs/new.md (then named docs/old.md) as of 2026-02-01T00:00:00+00:00" in result.stderr
    assert "# owner: alice (Alice Example); backup: bob (Bob Example)" in result.stderr
    assert "# review: fresh then (last reviewed 2026-01-10, due 2026-04-10)" in result.stderr


def test_overdue_then_and_owner_at_that_version(history: Repo) -> None:
    result = show(history, "docs/new.md", "--at", "2026-04-20T12:00:00+02:00")
    assert result.exit_code == 0 and result.stdout_bytes == V2
    assert "owner: bob (Bob Example); backup: alice (Alice Example)" in result.stderr
    assert (
        "review: OVERDUE then by 10 days (last reviewed 2026-01-10, due 2026-04-10)"
        in result.stderr
    )


def test_owner_who_had_left_by_then_is_marked(history: Repo) -> None:
    result = show(history, "docs/new.md", "--at", "2026-07-15")
    assert result.stdout_bytes == V3
    assert "owner: dave (Dave Former, left 2026-06-30)" in result.stderr


def test_json(history: Repo) -> None:
    result = show(history, "docs/new.md", "--at", "2026-01-11", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert (data["path"], data["path_then"]) == ("docs/new.md", "docs/old.md")
    assert data["committed"] == "2026-01-10T10:00:00+00:00"
    assert data["owner"] == {
        "id": "alice",
        "name": "Alice Example",
        "known": True,
        "departed_then": False,
    }
    assert (data["last_reviewed"], data["next_review"], data["status"], data["overdue"]) == (
        "2026-01-10",
        "2026-04-10",
        "fresh",
        False,
    )
    assert data["text"] == V1.decode("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("docs/new.md", "--at", "2026-01-01"), "did not exist yet at 2026-01-01T23:59:59"),
        (("docs/gone.md", "--at", "2026-06-01T00:00:00Z"), "docs/gone.md had been deleted"),
        (("docs/untracked.md", "--at", "2026-06-01"), "docs/untracked.md is not in git history"),
        (("docs/new.md", "--at", "last tuesday"), "is not a moment like"),
        (("../outside.md", "--at", "2026-06-01"), "outside the repository"),
    ],
)
def test_no_version_then_exits_2(history: Repo, args: tuple[str, ...], message: str) -> None:
    history.write("docs/untracked.md", runbook())
    result = show(history, *args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout_bytes == b""


def test_deleted_doc_before_deletion_is_shown(history: Repo) -> None:
    result = show(history, "docs/gone.md", "--at", "2026-04-01T00:00:00Z")
    assert result.exit_code == 0 and result.stdout_bytes == runbook().encode()


def test_not_a_git_repository_exits_2(folder: Repo) -> None:
    folder.knowledge_base(docs={"a.md": runbook()})
    result = show(folder, "docs/a.md", "--at", "2026-06-01")
    assert result.exit_code == 2 and "is not a git repository" in result.stderr
