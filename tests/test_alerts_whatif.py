"""`whatif` names the alerts whose runbooks nobody available can answer for."""

from __future__ import annotations

import json
from pathlib import Path

from alertkb import TODAY, alert_repo


def whatif(repo, away: str, fmt: str = "json") -> str:  # type: ignore[no-untyped-def]
    args = ("whatif", "--away", away, "--from", TODAY, "--today", TODAY, "--format", fmt)
    return repo.cli(*args).output


def test_whatif_lists_alerts_leading_to_runbooks_at_risk(tmp_path: Path):
    repo = alert_repo(tmp_path / "ops")
    report = json.loads(repo.cli("report", "--format", "json", "--today", TODAY).output)
    reaching = {(a["name"], a["doc"]) for a in report["alerts"] if a["doc"]}

    both = json.loads(whatif(repo, "alice,bob"))
    at_risk = {d["path"] for d in both["docs_at_risk"]}
    assert "docs/runbooks/payments/db-down.md" in at_risk  # alice owns, bob backs up
    risks = {
        (a["name"], a["doc"])
        for a in both["alerts_at_risk"]
        if a["reason"] == "nobody can act on it"
    }
    assert risks == {(name, doc) for name, doc in reaching if doc in at_risk}
    assert ("PaymentsDBDown", "docs/runbooks/payments/db-down.md") in risks
    # carol backs up KubePodNotReady: someone can act, but nobody who wrote it is there
    (pod,) = [a for a in both["alerts_at_risk"] if a["name"] == "KubePodNotReady"]
    assert pod["reason"] == "nobody available knows it" and pod["severity"] == "critical"
    assert "PaymentsErrorBudgetBurn" not in {a["name"] for a in both["alerts_at_risk"]}

    alone = json.loads(whatif(repo, "alice"))
    unknown = {
        d["path"] for d in alone["docs_degraded"] if d["reason"].startswith("everyone who knows it")
    }
    assert {(a["name"], a["doc"]) for a in alone["alerts_at_risk"]} == {
        (name, doc) for name, doc in reaching if doc in unknown
    }
    critical = sum(1 for a in alone["alerts_at_risk"] if a["severity"] == "critical")
    count = len(alone["alerts_at_risk"])
    text = whatif(repo, "alice", "text")
    assert f"If alice is away, {count} alerts ({critical} critical) lead to runbooks" in text
    markdown = whatif(repo, "alice,bob", "markdown")
    assert "| PaymentsDBDown | critical | docs/runbooks/payments/db-down.md |" in markdown


def test_one_alert_at_risk_reads_in_the_singular():
    import datetime as dt

    from nohero.alerts import AlertRisk
    from nohero.whatif import WhatIf, alerts_sentence

    day = dt.date.fromisoformat(TODAY)
    risk = AlertRisk("DBDown", "critical", "r.yaml", 4, "docs/db.md", "nobody can act on it")
    one = WhatIf(["alice"], day, day, alerts_at_risk=[risk])
    assert alerts_sentence(one) == (
        "If alice is away, 1 alert (1 critical) leads to a runbook nobody else knows"
    )
    two = WhatIf(["alice", "bob"], day, day, alerts_at_risk=[risk, risk])
    assert alerts_sentence(two) == (
        "If alice and bob are away, 2 alerts (2 critical) lead to runbooks nobody else knows"
    )
