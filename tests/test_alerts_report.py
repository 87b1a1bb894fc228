"""Alerts in the report: the contract's JSON (`alerts`, each doc's `alerts`)
and the text and Markdown sections grouped by owner."""

from __future__ import annotations

import json
from pathlib import Path

from alertkb import TODAY, alert_repo

K8S = "monitoring/kube-prometheus/kubernetes-apps.yaml"
PAY = "monitoring/prometheus/payments.rules.yml"


def test_json_report_lists_every_alert_and_each_docs_alerts(tmp_path: Path):
    repo = alert_repo(tmp_path / "ops")
    result = repo.cli("report", "--format", "json", "--today", TODAY)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    alerts = data["alerts"]
    assert len(alerts) == 15
    first = alerts[0]
    assert set(first) >= {"name", "file", "line", "severity", "runbook_url", "doc"}
    assert first["name"] == "KubePodCrashLooping" and first["file"] == K8S
    assert first["doc"] == "docs/runbooks/kubernetes/KubePodCrashLooping.md"
    broken = {(a["name"], a["doc"]) for a in alerts if a["link"] == "broken"}
    assert broken == {("KubeJobFailed", None), ("KubeAPIErrorBudgetBurn", None)}
    missing = {(a["name"], a["severity"]) for a in alerts if a["link"] == "missing"}
    assert missing == {("PaymentsQueueStuck", "critical"), ("PaymentsHighLatency", "warning")}
    docs = {d["path"]: d["alerts"] for d in data["docs"]}
    assert docs["docs/runbooks/payments/latency.md"] == ["PaymentsHighLatency"]
    assert docs["docs/runbooks/payments/queue.md"] == ["PaymentsQueueStuck"]
    assert docs["docs/runbooks/node/NodeFilesystemAlmostOutOfSpace.md"] == [
        "NodeFilesystemOutOfSpace"  # by its URL; the stale name in alerts: is not an alert
    ]
    assert docs["docs/runbooks/etcd/etcdMembersDown.md"] == []
    summary = data["summary"]["alerts"]
    assert summary["by_link"]["doc"] == 9 and summary["total"] == 15
    assert summary["runbooks_unreached"] == [
        "docs/runbooks/etcd/etcdMembersDown.md",
        "docs/runbooks/general/InfoInhibitor.md",
        "docs/runbooks/kubernetes/kube-api-error-budget-burn.md",
    ]
    check = json.loads(repo.cli("check", "--format", "json", "--today", TODAY).output)
    assert check["alerts"] == alerts


def test_text_and_markdown_reports_group_alert_problems_by_owner(tmp_path: Path):
    repo = alert_repo(tmp_path / "ops")
    text = repo.cli("report", "--today", TODAY).output
    section = text[text.index("Alerts and runbooks") : text.index("Findings by rule")]
    owners = [
        line.strip()
        for line in section.splitlines()
        if line.startswith("  ") and not line.startswith("    ")
    ]
    assert owners == ["alice", "payments", "no owner"]
    payments = section[section.index("  payments") : section.index("  no owner")]
    assert f"no runbook   PaymentsQueueStuck ({PAY}:17)" in payments  # its team label
    nobody = section[section.index("  no owner") :]
    assert "broken link  KubeJobFailed" in nobody and f"({K8S}:52)" in nobody
    assert "templated    PaymentsErrorBudgetBurn" in nobody
    assert "no alert     docs/runbooks/etcd/etcdMembersDown.md" in section
    markdown = repo.cli("report", "--format", "markdown", "--today", TODAY).output
    assert "### Alerts and runbooks" in markdown
    assert "| payments | no runbook | PaymentsQueueStuck |" in markdown
    assert "| no owner | broken link | KubeAPIErrorBudgetBurn |" in markdown
    assert "| alice | no alert reaches it | docs/runbooks/general/InfoInhibitor.md | |" in markdown


def test_reports_without_alerts_configured_have_no_alert_section(tmp_path: Path):
    repo = alert_repo(tmp_path / "ops")
    text = (repo.path / "mkdocs.yml").read_text()
    repo.write("mkdocs.yml", text[: text.index("      alerts:")])
    data = json.loads(repo.cli("report", "--format", "json", "--today", TODAY).output)
    assert "alerts" not in data and "alerts" not in data["summary"]
    assert "Alerts and runbooks" not in repo.cli("report", "--today", TODAY).output
