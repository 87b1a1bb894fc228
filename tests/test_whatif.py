"""`whatif` on real git repositories and rosters."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gitrepo import DEFAULT_PEOPLE, Repo, runbook
from nohero.cli import main
from nohero.config import ConfigError, load_config
from nohero.history.miner import load_history
from nohero.knowledge_base import load_knowledge_base
from nohero.whatif import what_if, window

ALICE = "Alice Example <alice@example.com>"
BOB = "Bob Example <bob@example.com>"
CAROL = "Carol Example <carol@example.com>"

ESCALATION = """\
---
title: Payments escalation
type: escalation
service: payments-api
owner: payments
backup_owner: carol
last_reviewed: 2026-10-20
escalation:
  - page: alice
    after: 0m
  - page: [payments]
    after: 15m
---
# Payments escalation
"""

PEOPLE = DEFAULT_PEOPLE.replace(
    "    github: bob-gh\n", "    github: bob-gh\n    away: [{from: 2026-12-01, to: 2026-12-21}]\n"
)


@pytest.fixture
def kb_repo(repo: Repo) -> Repo:
    """payments.md: owner alice, backup bob, written by alice and carol.
    ledger.md: owner alice, backup dave (left), written by alice only.
    search.md: owner carol, backup bob, written by carol.
    escalation/payments.md: alice, then the payments team (alice, bob)."""
    repo.knowledge_base(people=PEOPLE)
    repo.commit("roster", files={}, author=ALICE, date="2026-01-01T09:00:00+00:00")
    docs = {
        "docs/payments.md": runbook(reviewed="2026-10-20"),
        "docs/ledger.md": runbook(backup="dave", service="ledger", reviewed="2026-10-20"),
        "docs/escalation/payments.md": ESCALATION,
    }
    repo.commit("add docs", files=docs, author=ALICE, date="2026-02-01T09:00:00+00:00")
    for day in ("03", "04", "05", "06", "07"):
        body = runbook(reviewed="2026-10-20", body=f"# Payments\n\nStep {day}\n")
        repo.commit(
            "edit",
            files={"docs/payments.md": body},
            author=CAROL,
            date=f"2026-{day}-01T09:00:00+00:00",
        )
    search = runbook(owner="carol", backup="bob", service="search", reviewed="2026-10-20")
    repo.commit(
        "search", files={"docs/search.md": search}, author=CAROL, date="2026-08-01T09:00:00+00:00"
    )
    return repo


def scenario(repo: Repo, away: list[str] | None, start: str = "2026-11-02", days: int = 21):  # type: ignore[no-untyped-def]
    config = load_config(repo.path / "mkdocs.yml")
    kb = load_knowledge_base(config)
    return what_if(kb, away, dt.date.fromisoformat(start), days, load_history(config, kb.roster))


def test_window_counts_the_first_day() -> None:
    assert window(dt.date(2026, 12, 1), 21) == (dt.date(2026, 12, 1), dt.date(2026, 12, 21))


def test_alice_away(kb_repo: Repo) -> None:
    result = scenario(kb_repo, ["alice"])
    # ledger: owner alice away, backup dave left, only alice ever wrote it -> nobody
    assert [(r.path, r.service) for r in result.docs_at_risk] == [("docs/ledger.md", "ledger")]
    assert (
        "alice (away)" in result.docs_at_risk[0].reason
        and "dave (left)" in result.docs_at_risk[0].reason
    )
    # payments: bob (backup) is there and carol knows it -> fine; escalation reaches only bob
    assert "docs/payments.md" not in [r.path for r in result.docs_at_risk + result.docs_degraded]
    assert result.escalations_broken == ["docs/escalation/payments.md"]
    assert (
        result.escalation_reasons["docs/escalation/payments.md"]
        == "reaches 1 available person (bob)"
    )
    assert result.services_at_risk == ["ledger", "payments-api"]


def test_owner_and_backup_away_but_a_holder_remains_is_degraded(kb_repo: Repo) -> None:
    result = scenario(kb_repo, ["alice", "bob"])
    degraded = {r.path: r.reason for r in result.docs_degraded}
    assert degraded["docs/payments.md"].startswith("owner and backup unavailable")
    assert "knowledge holder carol remains" in degraded["docs/payments.md"]
    assert "docs/payments.md" not in [r.path for r in result.docs_at_risk]


def test_a_team_name_means_all_its_members(kb_repo: Repo) -> None:
    assert scenario(kb_repo, ["payments"]).away == ["alice", "bob"]


def test_planned_absences_from_the_roster(kb_repo: Repo) -> None:
    # bob is away 2026-12-01..21 in people.yml; a window touching it includes him
    result = scenario(kb_repo, None, start="2026-11-25", days=7)
    assert result.away == ["bob"] and result.also_away == []
    assert scenario(kb_repo, None, start="2026-11-01", days=21).away == []
    # an explicit scenario still honours other people's planned leave
    assert scenario(kb_repo, ["carol"], start="2026-12-05", days=3).also_away == ["bob"]


def test_unknown_person_is_a_usage_error(kb_repo: Repo) -> None:
    with pytest.raises(
        ConfigError, match="'alicia' is not a person or team in people.yml: did you mean 'alice'"
    ):
        scenario(kb_repo, ["alicia"])


def run(repo: Repo, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        main,
        ["whatif", "-f", str(repo.path / "mkdocs.yml"), "--today", "2026-11-01", *args],
        catch_exceptions=False,
    )


def test_cli_json_shape_and_exit_code(kb_repo: Repo) -> None:
    result = run(kb_repo, "--away", "alice", "--from", "2026-11-02", "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert {
        "schema_version",
        "away",
        "from",
        "to",
        "docs_at_risk",
        "services_at_risk",
        "escalations_broken",
        "docs_degraded",
    } <= set(data)
    assert data["schema_version"] == 1
    assert (data["away"], data["from"], data["to"]) == (["alice"], "2026-11-02", "2026-11-22")
    assert data["docs_at_risk"] == [
        {"path": "docs/ledger.md", "service": "ledger", "reason": data["docs_at_risk"][0]["reason"]}
    ]
    assert data["escalations_broken"] == ["docs/escalation/payments.md"]


def test_cli_exit_0_when_nothing_is_at_risk(kb_repo: Repo) -> None:
    result = run(kb_repo, "--away", "carol", "--days", "3")
    assert result.exit_code == 0, result.output
    assert "What if carol is away 2026-11-01 to 2026-11-03?" in result.output
    pair = run(kb_repo, "--away", "carol,bob", "--days", "3")
    assert "What if carol and bob are away 2026-11-01 to 2026-11-03?" in pair.output
    assert "docs/search.md" in result.output  # degraded: carol is its only writer; bob covers it


def test_cli_unknown_person_exit_2(kb_repo: Repo) -> None:
    result = run(kb_repo, "--away", "alice,zed")
    assert result.exit_code == 2
    assert "'zed' is not a person or team in people.yml" in result.output


def test_cli_markdown(kb_repo: Repo) -> None:
    result = run(kb_repo, "--away", "alice", "--format", "markdown")
    assert result.output.startswith("## What if alice is away (2026-11-01 to 2026-11-21)")
    assert "| docs/ledger.md | ledger |" in result.output


def test_cli_without_git_uses_owners_only(folder: Repo) -> None:
    folder.knowledge_base(docs={"payments.md": runbook()})
    result = CliRunner().invoke(
        main,
        [
            "whatif",
            "-f",
            str(folder.path / "mkdocs.yml"),
            "--away",
            "alice,bob",
            "--format",
            "json",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert [r["path"] for r in data["docs_at_risk"]] == ["docs/payments.md"]
    assert data["history"] != "available"


def test_cli_shallow_clone_exit_2(kb_repo: Repo, tmp_path: Path) -> None:
    clone = Repo(tmp_path / "clone", init=False)
    Repo(tmp_path, init=False).git(
        "clone", "-q", "--depth", "1", f"file://{kb_repo.path}", str(clone.path)
    )
    clone.knowledge_base(people=PEOPLE)
    result = CliRunner().invoke(
        main,
        ["whatif", "-f", str(clone.path / "mkdocs.yml"), "--away", "alice"],
        catch_exceptions=False,
    )
    assert result.exit_code == 2
    assert "shallow clone" in result.output and "git fetch --unshallow" in result.output


def test_losses_the_scenario_does_not_cause_are_not_news(kb_repo: Repo) -> None:
    # eve (a git identity outside the roster) is the only one who ever wrote notes.md
    kb_repo.commit(
        "eve",
        files={"docs/notes.md": runbook(service="notes", reviewed="2026-10-20")},
        author="Eve Outside <eve@elsewhere.example>",
        date="2026-09-01T09:00:00+00:00",
    )
    carol_away = scenario(kb_repo, ["carol"])
    assert "docs/notes.md" not in [
        r.path for r in carol_away.docs_degraded + carol_away.docs_at_risk
    ]
    both_away = scenario(kb_repo, ["alice", "bob"])
    (risk,) = [r for r in both_away.docs_at_risk if r.path == "docs/notes.md"]
    assert "eve@elsewhere.example (not in the roster)" in risk.reason


def test_nobody_away_with_an_empty_roster_loses_nothing(kb_repo: Repo) -> None:
    kb_repo.write("people.yml", "people: {}\n")
    kb_repo.commit("empty roster", author=ALICE, date="2026-09-02T09:00:00+00:00")
    nobody = run(kb_repo, "--format", "json")
    assert nobody.exit_code == 0, nobody.output
    data = json.loads(nobody.stdout)
    assert data["docs_at_risk"] == [] and data["docs_degraded"] == []


@pytest.mark.parametrize("name", ["carol@example.com", "Carol Example", "CAROL@EXAMPLE.COM"])
def test_away_by_email_or_git_name(kb_repo: Repo, name: str) -> None:
    kb_repo.write("people.yml", "people:\n  alice:\n    name: Alice Example\n")
    kb_repo.commit("partial roster", author=ALICE, date="2026-09-02T09:00:00+00:00")
    result = run(kb_repo, "--away", name, "--format", "json")
    data = json.loads(result.stdout)
    assert data["away"] == ["carol@example.com"]
    # search.md: carol wrote it alone; its owner carol and backup bob are not in this roster
    (risk,) = [r for r in data["docs_at_risk"] if r["path"] == "docs/search.md"]
    assert "carol@example.com (away)" in risk["reason"]
    # payments.md keeps alice (owner, in the roster): not at risk
    assert "docs/payments.md" not in [r["path"] for r in data["docs_at_risk"]]
