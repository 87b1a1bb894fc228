"""`nohero handover` on a real repository: new owners and backups from who
knows each document, a cross-training plan riskiest first, and byte-exact
edits of only the keys that change."""

from __future__ import annotations

import json

import pytest

from gitrepo import Repo, runbook

ALICE = "Alice Example <alice@example.com>"
BOB = "Bob Example <bob@example.com>"
CAROL = "Carol Example <carol@example.com>"
TODAY = "2026-11-20"

ESCALATION = """\
---
title: Payments escalation
type: escalation
service: payments-api
owner: payments
backup_owner: alice   # the one who set it up
last_reviewed: 2026-11-01
escalation:
  - page: alice
    after: 0m
  - page: [payments, carol]
    after: 15m
---
# Payments escalation
"""


@pytest.fixture
def team(repo: Repo) -> Repo:
    return handover_team(repo)


def handover_team(repo: Repo) -> Repo:
    """payments.md: owner alice, backup bob; written by alice, then carol twice.
    search.md: owner carol, backup alice; only alice ever wrote it.
    escalation/payments.md: only alice wrote it; alice is its backup."""
    repo.knowledge_base()
    repo.commit("roster", author=ALICE, date="2026-01-01T09:00:00+00:00")
    repo.commit(
        "docs",
        files={
            "docs/payments.md": runbook(reviewed="2026-11-01"),
            "docs/search.md": runbook(
                owner="carol", backup="alice", service="search", reviewed="2026-11-01"
            ),
            "docs/escalation/payments.md": ESCALATION,
        },
        author=ALICE,
        date="2026-02-01T09:00:00+00:00",
    )
    for month in ("03", "04", "05"):
        repo.commit(
            "edit",
            files={"docs/payments.md": runbook(reviewed="2026-11-01", body=f"# P\n\n{month}\n")},
            author=CAROL,
            date=f"2026-{month}-01T09:00:00+00:00",
        )
    return repo


def handover(repo: Repo, *args: str) -> dict:  # type: ignore[type-arg]
    result = repo.cli("handover", "--today", TODAY, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_plan_proposes_holders_then_team_mates_and_writes_nothing(team: Repo) -> None:
    before = {p: (team.path / p).read_bytes() for p in ("docs/payments.md", "people.yml")}
    plan = handover(team, "--from", "alice")
    moves = {(r["path"], r["field"]): (r["new"], r["why"]) for r in plan["reassign"]}
    assert moves[("docs/payments.md", "owner")][0] == "carol"  # she knows it now
    assert moves[("docs/search.md", "backup_owner")][0] == "bob"  # team-mate (carol owns it)
    assert moves[("docs/escalation/payments.md", "backup_owner")] == (
        None,
        "no free holder or team-mate: choose one",
    )
    assert [p["path"] for p in plan["cross_training"]] == [
        "docs/escalation/payments.md",  # escalation paths first
        "docs/search.md",
    ]
    assert plan["cross_training"][1]["learner"] == "bob"
    assert {p: (team.path / p).read_bytes() for p in before} == before


def test_write_changes_only_the_values(team: Repo) -> None:
    payments = (team.path / "docs/payments.md").read_bytes()
    search = (team.path / "docs/search.md").read_bytes()
    people = (team.path / "people.yml").read_bytes()
    plan = handover(team, "--from", "alice@example.com", "--write", "--left", "2026-11-30")
    assert plan["written"] and plan["from"] == "alice"
    assert (team.path / "docs/payments.md").read_bytes() == payments.replace(
        b"owner: alice", b"owner: carol"
    )
    assert (team.path / "docs/search.md").read_bytes() == search.replace(
        b"backup_owner: alice", b"backup_owner: bob"
    )
    assert (team.path / "people.yml").read_bytes() == people.replace(
        b"    github: alice-gh\n", b"    github: alice-gh\n    left: 2026-11-30\n"
    )
    check = team.cli("check", "--today", "2026-12-05", "--format", "json")
    rules = {(f["path"], f["rule"]) for f in json.loads(check.stdout)["findings"]}
    assert ("docs/payments.md", "owner-departed") not in rules
    assert ("docs/escalation/payments.md", "backup-departed") in rules  # nobody was found


def test_to_hands_everything_to_one_person(team: Repo) -> None:
    plan = handover(team, "--from", "alice", "--to", "carol")
    moves = {(r["path"], r["field"]): r["new"] for r in plan["reassign"]}
    assert moves[("docs/payments.md", "owner")] == "carol"
    # carol already owns search.md: she cannot be its backup too
    assert moves[("docs/search.md", "backup_owner")] == "bob"


def test_unknown_person_is_exit_2(team: Repo) -> None:
    result = team.cli("handover", "--today", TODAY, "--from", "zed")
    assert result.exit_code == 2 and "zed" in result.output


def test_handover_after_adoption_writes_the_repositorys_own_keys(repo: Repo) -> None:
    import adoptrepos

    adoptrepos.tech_docs(repo)
    assert repo.cli("adopt", "--today", TODAY, "--write").exit_code == 0
    repo.commit("adopt", author=ALICE, date="2026-11-01T09:00:00+00:00")
    certs = (repo.path / "docs/runbooks/certs.md").read_bytes()
    assert b"owner_slack: alice\n" in certs
    plan = handover(repo, "--from", "alice", "--to", "bob", "--write")
    move = next(r for r in plan["reassign"] if r["path"] == "docs/runbooks/certs.md")
    assert move["key"] == "owner_slack" and move["new"] == "bob"
    assert (repo.path / "docs/runbooks/certs.md").read_bytes() == certs.replace(
        b"owner_slack: alice\n", b"owner_slack: bob\n"
    )
