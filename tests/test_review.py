"""`nohero review` through the CLI, on real files in a real git repository."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from gitrepo import Repo, runbook
from nohero.atomic import write_atomic

ESCALATION = """\
---
title: Payments escalation
type: escalation
service: payments-api
owner: alice
backup_owner: bob
last_reviewed: 2026-10-01
escalation:
  - page: alice
    after: 0m
  - page: {second}
    after: 15m
---
# Payments escalation
"""


def run(repo: Repo, *args: str) -> tuple[int, str, str]:
    result = repo.cli(*args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def kb(repo: Repo) -> Repo:
    repo.knowledge_base(docs={"db.md": runbook(reviewed="2026-01-01", extra="tags: [db]  # keep")})
    return repo


def test_review_sets_date_and_reviewer_only(kb: Repo) -> None:
    before = (kb.path / "docs/db.md").read_bytes()
    code, out, err = run(kb, "review", "docs/db.md", "--by", "bob", "--today", "2026-11-25")
    assert (code, err) == (0, "")
    assert "reviewed docs/db.md: last_reviewed 2026-11-25 by bob" in out
    after = (kb.path / "docs/db.md").read_bytes()
    assert after == before.replace(
        b"last_reviewed: 2026-01-01\n", b"last_reviewed: 2026-11-25\nreviewed_by: bob\n"
    )


def test_by_accepts_email_and_github_login(kb: Repo) -> None:
    assert (
        run(kb, "review", "docs/db.md", "--by", "BOB@example.com", "--today", "2026-11-25")[0] == 0
    )
    assert b"reviewed_by: bob\n" in (kb.path / "docs/db.md").read_bytes()
    assert run(kb, "review", "docs/db.md", "--by", "@alice-gh", "--today", "2026-11-26")[0] == 0
    assert b"reviewed_by: alice\n" in (kb.path / "docs/db.md").read_bytes()


def test_dry_run_prints_diff_and_writes_nothing(kb: Repo) -> None:
    before = (kb.path / "docs/db.md").read_bytes()
    code, out, _ = run(
        kb, "review", "docs/db.md", "--by", "bob", "--today", "2026-11-25", "--dry-run"
    )
    assert code == 0
    assert (kb.path / "docs/db.md").read_bytes() == before
    assert "--- a/docs/db.md\n+++ b/docs/db.md\n" in out
    assert "-last_reviewed: 2026-01-01\n+last_reviewed: 2026-11-25\n+reviewed_by: bob\n" in out


def test_reviewer_defaults_to_git_user_through_roster(kb: Repo) -> None:
    kb.git("config", "user.email", "Carol@Example.com")
    code, out, _ = run(kb, "review", "docs/db.md", "--today", "2026-11-25")
    assert code == 0, out
    assert b"reviewed_by: carol\n" in (kb.path / "docs/db.md").read_bytes()


def test_git_user_not_in_roster_is_a_usage_error(kb: Repo) -> None:
    before = (kb.path / "docs/db.md").read_bytes()
    code, _, err = run(kb, "review", "docs/db.md", "--today", "2026-11-25")  # runner@example.com
    assert code == 2
    assert "reviewer 'runner@example.com' is not a person" in err
    assert (kb.path / "docs/db.md").read_bytes() == before


@pytest.mark.parametrize(
    ("by", "message"),
    [
        ("zed", "'zed' is not a person"),
        ("payments", "a team cannot review"),
        ("dave", "'dave' has left"),
    ],
)
def test_unknown_team_or_departed_reviewer_exits_2(kb: Repo, by: str, message: str) -> None:
    code, _, err = run(kb, "review", "docs/db.md", "--by", by, "--today", "2026-11-25")
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_missing_path_and_path_outside_repo_exit_2(kb: Repo, tmp_path: Path) -> None:
    assert run(kb, "review", "docs/nope.md", "--by", "bob")[0] == 2
    outside = tmp_path / "outside.md"
    outside.write_text(runbook())
    code, _, err = run(kb, "review", str(outside), "--by", "bob")
    assert code == 2 and "outside the repository" in err
    assert outside.read_text() == runbook()


def test_unparsable_file_is_refused_untouched_and_others_still_stamped(kb: Repo) -> None:
    bad = b"---\ntitle: [unclosed\nlast_reviewed: 2026-01-01\n---\n"
    kb.write("docs/bad.md", bad)
    kb.write("docs/plain.md", "# No front matter\n")
    code, out, err = run(kb, "review", "docs", "--by", "bob", "--today", "2026-11-25")
    assert code == 1
    assert "refused docs/bad.md: line 2: front matter is not valid YAML" in err
    assert "refused docs/plain.md: has no front matter" in err
    assert (kb.path / "docs/bad.md").read_bytes() == bad
    assert (kb.path / "docs/plain.md").read_text() == "# No front matter\n"
    assert b"last_reviewed: 2026-11-25" in (kb.path / "docs/db.md").read_bytes()
    assert "reviewed docs/db.md" in out


def test_escalation_paging_departed_person_is_refused_with_reason(repo: Repo) -> None:
    repo.knowledge_base(docs={"escalation/pay.md": ESCALATION.format(second="dave")})
    before = (repo.path / "docs/escalation/pay.md").read_bytes()
    code, _, err = run(
        repo, "review", "docs/escalation/pay.md", "--by", "bob", "--today", "2026-11-25"
    )
    assert code == 1
    assert "escalation path is broken" in err
    assert "pages 'dave', who has left" in err
    assert (repo.path / "docs/escalation/pay.md").read_bytes() == before


def test_healthy_escalation_is_stamped(repo: Repo) -> None:
    repo.knowledge_base(docs={"escalation/pay.md": ESCALATION.format(second="payments")})
    code, _, err = run(
        repo, "review", "docs/escalation/pay.md", "--by", "bob", "--today", "2026-11-25"
    )
    assert (code, err) == (0, "")
    text = (repo.path / "docs/escalation/pay.md").read_text()
    assert "last_reviewed: 2026-11-25\nreviewed_by: bob\nescalation:\n" in text


def test_second_review_same_day_is_a_no_op(kb: Repo) -> None:
    run(kb, "review", "docs/db.md", "--by", "bob", "--today", "2026-11-25")
    stamped = (kb.path / "docs/db.md").read_bytes()
    code, out, _ = run(kb, "review", "docs/db.md", "--by", "bob", "--today", "2026-11-25")
    assert code == 0 and "already reviewed on 2026-11-25" in out
    assert (kb.path / "docs/db.md").read_bytes() == stamped


def test_review_keeps_file_mode_and_leaves_no_temp_files(kb: Repo) -> None:
    target = kb.path / "docs/db.md"
    os.chmod(target, 0o640)
    assert run(kb, "review", "docs/db.md", "--by", "bob", "--today", "2026-11-25")[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == ["db.md"]


def test_review_through_a_symlink_rewrites_the_target(kb: Repo) -> None:
    os.symlink("db.md", kb.path / "docs/link.md")
    assert run(kb, "review", "docs/link.md", "--by", "bob", "--today", "2026-11-25")[0] == 0
    assert (kb.path / "docs/link.md").is_symlink()
    assert b"last_reviewed: 2026-11-25" in (kb.path / "docs/db.md").read_bytes()


def test_write_atomic_creates_folders_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.txt"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["b.txt"]
