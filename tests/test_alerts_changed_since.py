"""`check --changed-since`: a pull request that renames an alert or a runbook
fails for the link it breaks, in either repository's files; old debt does not."""

from __future__ import annotations

import json
from pathlib import Path

from alertkb import TODAY, alert_repo
from gitrepo import DEFAULT_PEOPLE, Repo, runbook

PAY = "monitoring/prometheus/payments.rules.yml"
DB_DOWN = "docs/runbooks/payments/db-down.md"


def changed_findings(repo: Repo, *extra: str) -> tuple[int, set[tuple[str, str]]]:
    args = ["check", "--changed-since", "main", "--today", TODAY, "--format", "json", *extra]
    result = repo.cli(*args)
    data = json.loads(result.stdout)
    return result.exit_code, {(f["rule"], f["path"]) for f in data["findings"]}


def test_renaming_a_runbook_fails_for_the_alert_link_it_breaks(tmp_path: Path):
    repo = alert_repo(tmp_path / "ops")
    repo.git("checkout", "-q", "-b", "rename-runbook")
    repo.git("mv", DB_DOWN, "docs/runbooks/payments/database-down.md")
    repo.commit("rename the runbook", date="2026-11-20T12:00:00+00:00")
    code, found = changed_findings(repo, "--no-history")
    assert code == 1
    broken = {path for rule, path in found if rule == "alert-runbook-broken"}
    assert broken == {PAY}  # the GitHub blob URL of PaymentsDBDown, not the old debt
    # the two broken kube-prometheus links predate the change: not this pull request's
    assert not {path for rule, path in found if path.startswith("monitoring/kube")}


def test_an_unrelated_change_does_not_fail_for_old_alert_debt(tmp_path: Path):
    repo = alert_repo(tmp_path / "ops")
    repo.git("checkout", "-q", "-b", "typo")
    repo.commit(
        "typo",
        files={"docs/runbooks/payments/latency.md": runbook(title="Payments latency (p99)")},
        date="2026-11-20T12:00:00+00:00",
    )
    code, found = changed_findings(repo, "--no-history")
    assert code == 0 and not [f for f in found if f[0].startswith(("alert", "runbook-alert"))]


def test_renaming_an_alert_fails_for_the_runbook_that_lists_it(tmp_path: Path):
    repo = alert_repo(tmp_path / "ops")
    repo.git("checkout", "-q", "-b", "rename-alert")
    rules = (repo.path / PAY).read_text(encoding="utf-8")
    repo.commit(
        "rename the alert",
        files={PAY: rules.replace("alert: PaymentsQueueStuck", "alert: PaymentsQueueBlocked")},
        date="2026-11-20T12:00:00+00:00",
    )
    for extra in ((), ("--no-history",)):
        code, found = changed_findings(repo, *extra)
        assert ("runbook-alert-unknown", "docs/runbooks/payments/queue.md") in found
        assert ("alert-runbook-missing", PAY) in found  # the touched rule file: all its findings
        # the stale name in NodeFilesystemAlmostOutOfSpace.md is old debt
        assert not [p for _, p in found if p.endswith("NodeFilesystemAlmostOutOfSpace.md")]
        assert code == 0  # both are warnings


def two_repositories(tmp_path: Path) -> tuple[Repo, Repo]:
    """The docs repository, and the rules repository checked out inside it
    (as two actions/checkout steps would), each on its main branch."""
    docs = Repo(tmp_path / "workspace")
    docs.commit(
        "docs",
        files={
            "mkdocs.yml": "site_name: Ops\ndocs_dir: docs\nplugins:\n  - nohero:\n"
            "      alerts:\n        rules: [rules-repo/**/*.yml]\n"
            "        runbook_base_url: https://runbooks.example.com/\n",
            "people.yml": DEFAULT_PEOPLE,
            ".gitignore": "/rules-repo/\n",
            "docs/runbooks/db-down.md": runbook(extra="alerts: [DBDown]"),
        },
        date="2026-11-01T12:00:00+00:00",
    )
    rules = Repo(docs.path / "rules-repo")
    rules.commit(
        "rules",
        files={
            "alerts/db.yml": "groups:\n- name: db\n  rules:\n  - alert: DBDown\n    expr: up == 0\n"
            "    annotations:\n      runbook_url: https://runbooks.example.com/runbooks/db-down/\n"
        },
        date="2026-11-01T12:00:00+00:00",
    )
    return docs, rules


def test_two_repositories_a_docs_pull_request_breaking_a_link_in_the_rules(tmp_path: Path):
    docs, rules = two_repositories(tmp_path)
    assert changed_findings(docs, "--no-history") == (0, set())
    docs.git("checkout", "-q", "-b", "rename")
    docs.git("mv", "docs/runbooks/db-down.md", "docs/runbooks/database-down.md")
    docs.commit("rename", date="2026-11-20T12:00:00+00:00")
    code, found = changed_findings(docs, "--no-history")
    assert code == 1 and found == {("alert-runbook-broken", "rules-repo/alerts/db.yml")}


def test_two_repositories_a_rules_pull_request_renaming_an_alert(tmp_path: Path):
    docs, rules = two_repositories(tmp_path)
    rules.git("checkout", "-q", "-b", "rename")
    rules.commit(
        "rename",
        files={
            "alerts/db.yml": (rules.path / "alerts/db.yml").read_text().replace("DBDown", "DBGone")
        },
        date="2026-11-20T12:00:00+00:00",
    )
    code, found = changed_findings(docs, "--no-history")
    assert found == {("runbook-alert-unknown", "docs/runbooks/db-down.md")}
    assert code == 0
    code, _ = changed_findings(docs, "--no-history", "--fail-on", "warning")
    assert code == 1


def test_a_base_branch_only_the_rules_checkout_knows(tmp_path: Path):
    docs, rules = two_repositories(tmp_path)
    rules.git("branch", "-m", "main", "trunk")  # the rules repository's default branch
    rules.git("checkout", "-q", "-b", "rename")
    text = (rules.path / "alerts/db.yml").read_text()
    rules.commit("rename", files={"alerts/db.yml": text.replace("DBDown", "DBGone")})
    args = ["check", "--changed-since", "trunk", "--today", TODAY, "--format", "json"]
    result = docs.cli(*args, "--no-history")
    found = {(f["rule"], f["path"]) for f in json.loads(result.stdout)["findings"]}
    assert found == {("runbook-alert-unknown", "docs/runbooks/db-down.md")}
    unknown = docs.cli("check", "--changed-since", "nowhere", "--today", TODAY)
    assert unknown.exit_code == 2 and "unknown revision 'nowhere'" in unknown.output
