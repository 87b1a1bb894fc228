"""`check --changed-since` never passes what a full check fails on the
documents a change touches or affects: settings changes (severities, folder
types), history rules, and code a document covers."""

from __future__ import annotations

from gitrepo import DEFAULT_MKDOCS, Repo, runbook

DAY = "2026-11-25"


def check(repo: Repo, *args: str):  # type: ignore[no-untyped-def]
    return repo.cli("check", "--today", DAY, *args)


def on_a_branch(repo: Repo, docs: dict[str, str], mkdocs: str = DEFAULT_MKDOCS) -> Repo:
    repo.knowledge_base(docs, mkdocs=mkdocs)
    repo.commit("knowledge base", date="2026-10-01T10:00:00+00:00")
    repo.git("checkout", "-q", "-b", "feature")
    return repo


def test_a_severity_raised_on_a_history_rule_fails_where_a_full_check_fails(repo: Repo) -> None:
    """single-author is a warning; making it an error in mkdocs.yml turns the
    untouched, one-author runbook red -- the change must fail for it."""
    on_a_branch(repo, {"db.md": runbook()})  # written by alice alone
    assert check(repo).exit_code == 0
    stricter = DEFAULT_MKDOCS + "      severity:\n        single-author: error\n"
    repo.commit("single-author is an error", files={"mkdocs.yml": stricter})
    full = check(repo)
    assert full.exit_code == 1 and "single-author" in full.stdout
    changed = check(repo, "--changed-since", "main")
    assert changed.exit_code == 1, changed.output
    assert "docs/db.md" in changed.stdout and "single-author" in changed.stdout
    assert "no documents found" not in changed.stdout


def test_drift_made_an_error_fails_the_change(repo: Repo) -> None:
    doc = runbook(reviewed="2026-09-01", extra="covers: [services/payments/**]")
    repo.commit("code", files={"services/payments/db.py": "x = 1\n"}, date="2026-08-01T10:00:00Z")
    on_a_branch(repo, {"db.md": doc})
    repo.commit("code", files={"services/payments/db.py": "x = 2\n"}, date="2026-09-10T10:00:00Z")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "feature")
    repo.git("checkout", "-q", "-b", "stricter")
    stricter = DEFAULT_MKDOCS + "      severity:\n        drift: error\n"
    repo.commit("drift is an error", files={"mkdocs.yml": stricter})
    assert check(repo).exit_code == 1
    changed = check(repo, "--changed-since", "main")
    assert changed.exit_code == 1, changed.output
    assert "[drift]" in changed.stdout or "drift" in changed.stdout


def test_a_folder_type_change_fails_where_a_full_check_fails(repo: Repo) -> None:
    """Moving a folder from `note` to `runbook` makes its backup owner
    required: the untouched note without one must fail the change."""
    note = "---\ntype: note\nowner: alice\nlast_reviewed: 2026-10-01\n---\n# Idea\n"
    folder_note = note.replace("type: note\n", "")
    on_a_branch(repo, {"notes/idea.md": folder_note, "db.md": runbook()})
    assert check(repo, "--no-history").exit_code == 0
    runbooks = DEFAULT_MKDOCS.replace("notes: note", "notes: runbook")
    repo.commit("notes are runbooks now", files={"mkdocs.yml": runbooks})
    full = check(repo, "--no-history")
    assert full.exit_code == 1 and "backup-missing" in full.stdout
    changed = check(repo, "--no-history", "--changed-since", "main")
    assert changed.exit_code == 1, changed.output
    assert "docs/notes/idea.md" in changed.stdout and "backup-missing" in changed.stdout


def test_changing_code_a_document_covers_affects_that_document(repo: Repo) -> None:
    mkdocs = DEFAULT_MKDOCS + "      severity:\n        drift: error\n"
    doc = runbook(reviewed="2026-09-01", extra="covers: [services/payments/**]")
    repo.commit("code", files={"services/payments/db.py": "x = 1\n"}, date="2026-08-01T10:00:00Z")
    on_a_branch(repo, {"db.md": doc, "other.md": runbook(title="Other")}, mkdocs=mkdocs)
    assert check(repo, "--changed-since", "main").exit_code == 0
    repo.commit("code", files={"services/payments/db.py": "x = 2\n"}, date="2026-10-10T10:00:00Z")
    full = check(repo)
    assert full.exit_code == 1 and "drift" in full.stdout
    changed = check(repo, "--changed-since", "main")
    assert changed.exit_code == 1, changed.output
    assert "docs/db.md" in changed.stdout and "other.md" not in changed.stdout


def test_a_roster_change_is_judged_by_the_same_comparison(repo: Repo) -> None:
    """The roster side of the same before/after comparison (no hand-kept
    list of roster rules): an owner marked as left fails the change."""
    on_a_branch(repo, {"db.md": runbook(owner="carol", backup="bob")})
    people = (repo.path / "people.yml").read_text()
    carol = "    emails: [carol@example.com]\n"
    gone = people.replace(carol, carol + "    left: 2026-10-31\n")
    repo.commit("carol leaves", files={"people.yml": gone})
    changed = check(repo, "--changed-since", "main")
    assert changed.exit_code == 1 and "owner-departed" in changed.stdout
