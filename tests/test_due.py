"""`nohero due`, the reminder-issue plan, and the workflow that executes it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from gitrepo import Repo, runbook
from nohero.due import LABEL
from nohero.due import plan_issues as plan_wanted
from nohero.reporters.reminders import issue_body, issue_title, reminder_issues

TODAY = "2026-11-25"
ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "src/nohero/templates/init/dot-github/workflows/nohero-due.yml"
REPO_WORKFLOW = ROOT / ".github/workflows/due.yml"


def run(repo: Repo, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = repo.cli(*args, input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def kb(repo: Repo) -> Repo:
    repo.knowledge_base(
        docs={
            "pay/db.md": runbook(
                reviewed="2026-08-01", title="DB failover"
            ),  # due 10-30: 26 overdue
            "pay/cache.md": runbook(reviewed="2026-09-01", title="Cache"),  # due 11-30: in 5 days
            "pay/fresh.md": runbook(reviewed="2026-10-01", title="Fresh"),  # due 12-30
            "pay/never.md": runbook(reviewed="", title="Never"),  # no last_reviewed
            "team.md": runbook(
                owner="payments", backup="carol", reviewed="2026-01-01", title="Team <b>"
            ),
            "orphan.md": runbook(owner="", reviewed="2026-01-01", title="Orphan"),
            "future.md": runbook(reviewed="2027-01-01", title="Future"),
            "bad.md": "---\ntitle: [\n---\n",
        }
    )
    return repo


def test_json_groups_by_owner_with_backup_and_days(kb: Repo) -> None:
    code, out, _ = run(kb, "due", "--format", "json", "--today", TODAY)
    assert code == 0
    data = json.loads(out)
    assert (data["schema_version"], data["today"], data["within_days"]) == (1, TODAY, 14)
    assert [(o["id"], o["name"], o["github"]) for o in data["owners"]] == [
        ("alice", "Alice Example", "alice-gh"),
        ("payments", "payments", "corp/payments"),
        (None, "(no owner)", None),
    ]
    alice = data["owners"][0]["docs"]
    assert [(d["path"], d["status"], d["days_overdue"]) for d in alice] == [
        ("docs/pay/never.md", "unknown", None),
        ("docs/pay/db.md", "overdue", 26),
        ("docs/pay/cache.md", "due-soon", -5),
    ]
    assert alice[1] == {
        "path": "docs/pay/db.md",
        "title": "DB failover",
        "status": "overdue",
        "last_reviewed": "2026-08-01",
        "next_review": "2026-10-30",
        "days_overdue": 26,
        "backup_owner": "bob",
    }
    assert data["owners"][1]["docs"][0]["backup_owner"] == "carol"


def test_window_and_owner_filter(kb: Repo) -> None:
    _, out, _ = run(
        kb, "due", "--format", "json", "--today", TODAY, "--within", "40d", "--owner", "alice"
    )
    data = json.loads(out)
    assert [o["id"] for o in data["owners"]] == ["alice"]
    assert "docs/pay/fresh.md" in [d["path"] for d in data["owners"][0]["docs"]]
    _, out, _ = run(kb, "due", "--format", "json", "--today", TODAY, "--within", "0d")
    paths = [d["path"] for o in json.loads(out)["owners"] for d in o["docs"]]
    assert "docs/pay/cache.md" not in paths and "docs/pay/db.md" in paths


def test_text_names_the_backup(kb: Repo) -> None:
    code, out, _ = run(kb, "due", "--today", TODAY)
    assert code == 0
    assert "alice (Alice Example) @alice-gh: 3 documents" in out
    assert (
        "overdue by 26 days" in out
        and "docs/pay/db.md" in out
        and "[backup: Bob Example (bob)]" in out
    )
    assert "due in 5 days" in out and "never reviewed" in out


def test_markdown_escapes_titles(kb: Repo) -> None:
    _, out, _ = run(kb, "due", "--format", "markdown", "--today", TODAY)
    assert "Team &lt;b&gt;" in out and "<b>" not in out
    assert (
        "| DB failover<br>docs/pay/db.md | overdue by 26 days | 2026-08-01 | 2026-10-30 | bob |"
        in out
    )


def test_fail_on_overdue_and_bad_window(kb: Repo) -> None:
    assert run(kb, "due", "--today", TODAY, "--fail-on-overdue")[0] == 1
    assert run(kb, "due", "--today", "2026-01-02", "--owner", "carol", "--fail-on-overdue")[0] == 0
    code, _, err = run(kb, "due", "--within", "soon")
    assert code == 2 and "not a window" in err


def test_nothing_due(repo: Repo) -> None:
    repo.knowledge_base(docs={"a.md": runbook(reviewed="2026-11-20")})
    code, out, _ = run(repo, "due", "--today", TODAY)
    assert (code, out) == (0, "Nothing overdue or due within 14 days (2026-11-25).\n")


# -- issue planning --------------------------------------------------------

DUE = {
    "schema_version": 1,
    "today": TODAY,
    "within_days": 14,
    "owners": [
        {
            "id": "alice",
            "name": "Alice",
            "github": "alice-gh",
            "docs": [
                {
                    "path": "docs/a.md",
                    "title": "A",
                    "status": "overdue",
                    "last_reviewed": "2026-01-01",
                    "next_review": "2026-04-01",
                    "days_overdue": 238,
                    "backup_owner": "bob",
                }
            ],
        },
        {
            "id": "carol",
            "name": "Carol",
            "github": None,
            "docs": [
                {
                    "path": "docs/c.md",
                    "title": "C",
                    "status": "unknown",
                    "last_reviewed": None,
                    "next_review": None,
                    "days_overdue": None,
                    "backup_owner": None,
                }
            ],
        },
    ],
}


# the plan for the issues the reminders module writes
def plan_issues(due: dict[str, Any], existing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return plan_wanted(reminder_issues(due), existing, due["today"])


def test_plan_creates_one_issue_per_owner() -> None:
    actions = plan_issues(DUE, [])
    assert [(a["action"], a["title"]) for a in actions] == [
        ("create", "nohero: reviews due for @alice-gh"),
        ("create", "nohero: reviews due for carol"),
    ]
    assert actions[0]["labels"] == [LABEL]
    assert actions[0]["body"].startswith(
        "<!-- nohero-due owner=alice -->\n1 document needs a review"
    )
    assert "overdue by 238 days" in actions[0]["body"] and "| bob |" in actions[0]["body"]


def test_plan_edits_changed_skips_current_closes_duplicates_and_done() -> None:
    alice, carol = DUE["owners"]
    existing = [
        {"number": 7, "title": issue_title(alice), "body": "<!-- nohero-due owner=alice -->\nold"},
        {
            "number": 9,
            "title": "nohero: reviews due for @alice-old",
            "body": "<!-- nohero-due owner=alice -->",
        },
        {"number": 3, "title": issue_title(carol), "body": issue_body(carol, DUE) + "\n"},
        {
            "number": 4,
            "title": "nohero: reviews due for dave",
            "body": "<!-- nohero-due owner=dave -->",
        },
        {
            "number": 5,
            "title": "nohero: reviews due for erin",
            "body": "hand-edited, marker removed",
        },
        {"number": 6, "title": "Unrelated bug", "body": "nohero crashed"},
        {"number": 8, "title": issue_title(carol), "body": "x", "state": "CLOSED"},
    ]
    actions = plan_issues(DUE, existing)
    assert [(a["action"], a.get("number")) for a in actions] == [
        ("edit", 7),
        ("close", 9),
        ("close", 4),
        ("close", 5),
    ]
    assert actions[0]["body"] == issue_body(alice, DUE)
    assert actions[1]["comment"] == "Duplicate of #7: nohero keeps one reminder per owner."
    assert "Nothing is overdue" in actions[2]["comment"]


def test_plan_matches_by_title_when_marker_is_gone_and_is_stable() -> None:
    alice = DUE["owners"][0]
    existing = [{"number": 2, "title": issue_title(alice), "body": "someone rewrote it"}]
    actions = plan_issues({**DUE, "owners": [alice]}, existing)
    assert [(a["action"], a["number"]) for a in actions] == [("edit", 2)]
    settled = [{"number": 2, "title": actions[0]["title"], "body": actions[0]["body"]}]
    assert plan_issues({**DUE, "owners": [alice]}, settled) == []


def test_plan_issues_through_cli(kb: Repo) -> None:
    existing = json.dumps([{"number": 1, "title": "nohero: reviews due for zed", "body": ""}])
    code, out, _ = run(kb, "due", "--today", TODAY, "--plan-issues", "-", stdin=existing)
    assert code == 0
    actions = json.loads(out)
    assert [a["action"] for a in actions] == ["create", "create", "create", "close"]
    assert actions[1]["title"] == "nohero: reviews due for @corp/payments"
    assert actions[2]["title"] == "nohero: reviews due for documents without an owner"
    code, _, err = run(kb, "due", "--plan-issues", "-", stdin="{not json")
    assert code == 2 and "not JSON" in err


# -- the workflow, executed against a recording stand-in for the gh CLI ----

FAKE_GH = """#!/usr/bin/env bash
set -eu
log="$FAKE_GH_LOG"
if [ "$1 $2" = "issue list" ]; then cat "$FAKE_GH_ISSUES"; exit 0; fi
printf '%s' "$*" >> "$log"
prev=""
for arg in "$@"; do
  if [ "$prev" = "--body-file" ]; then
    printf ' BODY[%s]' "$(head -c 40 "$arg" | tr '\\n' ' ')" >> "$log"
  fi
  prev="$arg"
done
printf '\\n' >> "$log"
"""


@pytest.mark.parametrize("workflow", [TEMPLATE, REPO_WORKFLOW], ids=["template", "this-repo"])
def test_workflow_runs_the_plan_with_gh(kb: Repo, tmp_path: Path, workflow: Path) -> None:
    if shutil.which("jq") is None:
        pytest.skip("jq is needed (GitHub's runners have it)")
    spec = yaml.safe_load(workflow.read_text())
    assert set(spec[True]) == {"schedule", "workflow_dispatch"}  # `on:` reads as True in YAML 1.1
    assert spec["permissions"] == {}  # granted per job
    assert spec["jobs"]["remind"]["permissions"] == {"contents": "read", "issues": "write"}
    step = spec["jobs"]["remind"]["steps"][-1]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH)
    (bin_dir / "gh").chmod(0o755)
    launcher = "from nohero.cli import main; main()"  # the installed nohero, with a fixed today
    (bin_dir / "nohero").write_text(
        f'#!/bin/sh\nexec "{sys.executable}" -c "{launcher}" "$@" --today {TODAY}\n'
    )
    (bin_dir / "nohero").chmod(0o755)
    issues = tmp_path / "issues.json"
    issues.write_text(
        json.dumps([{"number": 12, "title": "nohero: reviews due for bob", "body": ""}])
    )
    log = tmp_path / "gh.log"
    env = {
        **os.environ,
        **step["env"],
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "FAKE_GH_LOG": str(log),
        "FAKE_GH_ISSUES": str(issues),
    }
    subprocess.run(["bash", "-c", step["run"]], cwd=kb.path, env=env, check=True)
    calls = log.read_text().splitlines()
    assert calls[0].startswith("label create nohero-due")
    assert calls[1].startswith("issue create --title nohero: reviews due for @alice-gh --body-file")
    assert "--label nohero-due BODY[<!-- nohero-due owner=alice --> 3 docume]" in calls[1]
    assert calls[4].startswith("issue close 12 --comment Nothing is overdue")
    assert len(calls) == 5
    assert "## Reviews due" in (tmp_path / "summary.md").read_text()


def test_repo_workflow_is_the_template_but_installs_from_the_checkout() -> None:
    template, mine = TEMPLATE.read_text(), REPO_WORKFLOW.read_text()
    local = "pip install .   # nohero from this checkout"
    assert mine == template.replace('pip install "nohero==@@nohero_version@@"', local)
