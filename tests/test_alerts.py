"""Prometheus rule files -> alerts -> runbooks, on realistic rule files and
on the bad input the issue lists."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from alertkb import TODAY, alert_repo
from gitrepo import Repo, runbook
from nohero.alerts import alerts_of, doc_key, parse_rule_text, url_target
from nohero.alerts.rulefiles import MAX_ALERTS_PER_FILE
from nohero.checker import check_documents
from nohero.config import ConfigError, load_config
from nohero.knowledge_base import load_knowledge_base

DAY = dt.date.fromisoformat(TODAY)
ALERT_RULES = {
    "alert-runbook-missing",
    "alert-runbook-broken",
    "runbook-alert-unknown",
    "alert-runbook-unowned",
    "alert-rules-invalid",
}


def alert_findings(root: Path) -> set[tuple[str, str, int]]:
    kb = load_knowledge_base(load_config(cwd=root))
    return {(f.rule, f.path, f.line) for f in check_documents(kb, DAY) if f.rule in ALERT_RULES}


def test_realistic_rules_give_exact_broken_missing_unknown_and_unowned_links(tmp_path: Path):
    repo = alert_repo(tmp_path / "ops")
    kb = load_knowledge_base(load_config(cwd=repo.path))
    index = alerts_of(kb)
    assert index is not None
    k8s = "monitoring/kube-prometheus/kubernetes-apps.yaml"
    node = "monitoring/kube-prometheus/node-exporter.yaml"
    pay = "monitoring/prometheus/payments.rules.yml"
    # every rule file the globs match, including the ones with no alerts in them
    assert index.files == [
        "monitoring/kube-prometheus/kubernetes-apps.yaml",
        "monitoring/kube-prometheus/kustomization.yaml",
        "monitoring/kube-prometheus/node-exporter.yaml",
        "monitoring/kube-prometheus/prometheus-deployment.yaml",
        pay,
    ]
    states = {
        (link.alert.name, link.alert.file, link.alert.line): link.state for link in index.links
    }

    def at(path: str, needle: str, nth: int = 1) -> int:
        """The line of the nth line containing `needle` in the committed file."""
        lines = (repo.path / path).read_text(encoding="utf-8").split("\n")
        hits = [number for number, line in enumerate(lines, 1) if needle in line]
        return hits[nth - 1]

    def alert(path: str, name: str, nth: int = 1) -> tuple[str, str, int]:
        return (name, path, at(path, f"- alert: {name}", nth))

    assert states == {
        alert(k8s, "KubePodCrashLooping"): "doc",
        alert(k8s, "KubePodNotReady"): "doc",
        alert(k8s, "KubeDeploymentReplicasMismatch"): "doc",
        alert(k8s, "KubeJobFailed"): "broken",
        alert(k8s, "KubeAPIErrorBudgetBurn"): "broken",
        alert(node, "NodeFilesystemSpaceFillingUp"): "doc",
        alert(node, "NodeFilesystemOutOfSpace"): "doc",
        alert(node, "AlertmanagerFailedReload"): "doc",
        alert(node, "Watchdog"): "doc",
        alert(pay, "PaymentsDBDown"): "doc",
        alert(pay, "PaymentsQueueStuck"): "missing",
        alert(pay, "PaymentsHighLatency"): "missing",
        alert(pay, "PaymentsHighLatency", 2): "doc",
        alert(pay, "PaymentsErrorBudgetBurn"): "templated",
        alert(pay, "PaymentsRefundsFailing"): "external",
    }
    docs = {link.alert.name: link.doc for link in index.links if link.doc}
    assert docs["Watchdog"] == "docs/runbooks/general/watchdog/index.md"
    assert docs["PaymentsDBDown"] == "docs/runbooks/payments/db-down.md"  # GitHub blob URL, .md
    assert docs["PaymentsHighLatency"] == "docs/runbooks/payments/latency.md"  # ?query#fragment
    assert docs["KubePodCrashLooping"] == "docs/runbooks/kubernetes/KubePodCrashLooping.md"
    assert docs["PaymentsQueueStuck"] == "docs/runbooks/payments/queue.md"  # its own alerts: list
    reached = {path for path in index.docs}
    runbooks = {d.path for d in kb.documents if d.doc_type == "runbook"}
    assert runbooks - reached == {
        "docs/runbooks/etcd/etcdMembersDown.md",
        "docs/runbooks/general/InfoInhibitor.md",
        "docs/runbooks/kubernetes/kube-api-error-budget-burn.md",
    }
    by_name = {link.alert.name: link.alert for link in index.links}
    assert by_name["PaymentsQueueStuck"].severity == "critical"  # through a YAML alias
    assert by_name["PaymentsRefundsFailing"].severity == "2"  # non-string label
    assert by_name["PaymentsRefundsFailing"].summary == "42"  # non-string annotation
    assert by_name["KubePodNotReady"].duration == "15m"
    assert "kube_pod_status_phase" in by_name["KubePodNotReady"].expr

    assert alert_findings(repo.path) == {
        # on the runbook_url line: the owner has left / the review is overdue
        ("alert-runbook-unowned", k8s, at(k8s, "/kubernetes/kubepodnotready")),
        ("alert-runbook-unowned", k8s, at(k8s, "/kubernetes/kubedeploymentreplicasmismatch")),
        # runbook never written / renamed
        ("alert-runbook-broken", k8s, at(k8s, "/kubernetes/kubejobfailed")),
        ("alert-runbook-broken", k8s, at(k8s, "/kubernetes/kubeapierrorbudgetburn")),
        # on the alert: line
        ("alert-runbook-missing", pay, at(pay, "- alert: PaymentsQueueStuck")),
        ("alert-runbook-missing", pay, at(pay, "- alert: PaymentsHighLatency")),
        ("runbook-alert-unknown", "docs/runbooks/node/NodeFilesystemAlmostOutOfSpace.md", 8),
    }


def test_findings_say_how_to_fix_them(tmp_path: Path):
    repo = alert_repo(tmp_path / "ops")
    kb = load_knowledge_base(load_config(cwd=repo.path))
    messages = {(f.rule, f.message.split(":")[0]): f.message for f in check_documents(kb, DAY)}
    assert (
        "did you mean docs/runbooks/kubernetes/kube-api-error-budget-burn.md?"
        in (messages[("alert-runbook-broken", "alert KubeAPIErrorBudgetBurn")])
    )
    assert (
        "fix the URL, or write the runbook"
        in (messages[("alert-runbook-broken", "alert KubeJobFailed")])
    )
    unknown = messages[
        ("runbook-alert-unknown", "no rule file defines alert NodeFilesystemAlmostOutOfSpace")
    ]
    assert "renamed to NodeFilesystemOutOfSpace?" in unknown
    assert (
        "docs/runbooks/payments/queue.md lists it: add runbook_url: "
        "https://runbooks.example.com/runbooks/payments/queue/"
    ) in messages[("alert-runbook-missing", "alert PaymentsQueueStuck has no runbook_url")]
    unowned = [m for (rule, _), m in messages.items() if rule == "alert-runbook-unowned"]
    assert any("KubePodNotReady" in m and "owner-departed" in m for m in unowned)


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://rb.example.com/runbooks/db/", "runbooks/db"),
        ("https://rb.example.com/runbooks/db", "runbooks/db"),
        ("https://RB.example.com/Runbooks/DB.md", "runbooks/db"),
        ("https://rb.example.com/runbooks/db.html#step-2", "runbooks/db"),
        ("https://rb.example.com/runbooks/db/?from=alertmanager&x=1", "runbooks/db"),
        ("https://rb.example.com/runbooks/db/index.md", "runbooks/db"),
        ("https://rb.example.com/runbooks/db/_index.md", "runbooks/db"),
        ("https://rb.example.com/runbooks/my%20db/", "runbooks/my db"),
        ("  https://rb.example.com/runbooks/my db  ", "runbooks/my db"),
        ("https://rb.example.com", ""),
    ],
)
def test_urls_resolve_per_the_contract(url: str, key: str):
    for base in ("https://rb.example.com/", "https://rb.example.com"):
        bases = (base.rstrip("/") + "/",)
        target = url_target(url, bases)
        assert (target.state, target.key) == ("under", key)


def test_doc_keys_drop_suffix_and_index_names():
    assert doc_key("Runbooks/DB/index.md") == "runbooks/db"
    assert doc_key("runbooks/db/_index.md") == "runbooks/db"
    assert doc_key("runbooks/db.md") == "runbooks/db"
    assert doc_key("index.md") == ""


def test_templated_and_external_urls_are_not_broken():
    base = ("https://rb.example.com/",)
    assert url_target("https://rb.example.com/{{ $labels.service }}/db", base).state == "templated"
    assert url_target("https://wiki.example.com/x", base).state == "external"
    assert url_target("https://rb.example.com.evil.test/x", base).state == "external"


def write_kb(root: Path, rules: dict[str, str | bytes], extra_mkdocs: str = "") -> Repo:
    repo = Repo(root, init=False)
    repo.write(
        "mkdocs.yml",
        "site_name: t\ndocs_dir: docs\nplugins:\n  - nohero:\n      alerts:\n"
        "        rules: ['monitoring/**']\n"
        "        runbook_base_url: https://rb.example.com/\n" + extra_mkdocs,
    )
    repo.write("people.yml", "people:\n  alice: {name: A}\n  bob: {name: B}\n")
    repo.write("docs/runbooks/db.md", runbook(reviewed="2026-11-01"))
    for rel, text in rules.items():
        repo.write(f"monitoring/{rel}", text)
    return repo


ONE = """groups:
- name: g
  rules:
  - alert: DBDown
    expr: up == 0
    labels: {severity: critical}
    annotations:
      runbook_url: https://rb.example.com/runbooks/db/
"""


def test_helm_template_and_invalid_yaml_are_findings_on_their_file(tmp_path: Path):
    repo = write_kb(
        tmp_path,
        {
            "ok.yaml": ONE,
            "chart/templates/rules.yaml": "groups:\n{{- range .Values.groups }}\n- name: x\n",
            "broken.yaml": "groups:\n- name: g\n  rules:\n  - alert: [unclosed\n",
        },
    )
    found = {(f.rule, f.path, f.line): f.message for f in check_documents(_kb(repo), DAY)}
    assert set(found) == {
        ("alert-rules-invalid", "monitoring/chart/templates/rules.yaml", 2),
        ("alert-rules-invalid", "monitoring/broken.yaml", 5),
    }
    assert (
        "Helm template"
        in found[("alert-rules-invalid", "monitoring/chart/templates/rules.yaml", 2)]
    )


def _kb(repo: Repo):
    return load_knowledge_base(load_config(cwd=repo.path))


def test_globs_matching_nothing_are_a_finding_on_mkdocs_yml(tmp_path: Path):
    repo = write_kb(tmp_path, {})
    (found,) = [f for f in check_documents(_kb(repo), DAY) if f.rule == "alert-rules-invalid"]
    assert found.path == "mkdocs.yml" and "matches no file" in found.message


def test_symlink_out_of_the_repository_is_not_read(tmp_path: Path):
    outside = tmp_path / "outside.yaml"
    outside.write_text(ONE.replace("DBDown", "Secret"), encoding="utf-8")
    repo = write_kb(tmp_path / "kb", {"ok.yaml": ONE})
    os.symlink(outside, repo.path / "monitoring" / "link.yaml")
    kb = _kb(repo)
    index = alerts_of(kb)
    assert index is not None and [link.alert.name for link in index.links] == ["DBDown"]
    (found,) = [f for f in check_documents(kb, DAY) if f.rule == "alert-rules-invalid"]
    assert found.path == "monitoring/link.yaml" and "outside the repository" in found.message


def test_rules_globs_outside_the_repository_are_a_config_error(tmp_path: Path):
    repo = write_kb(tmp_path, {"ok.yaml": ONE})
    for glob in ("../elsewhere/*.yaml", "/etc/*.yaml"):
        text = (repo.path / "mkdocs.yml").read_text().replace("monitoring/**", glob)
        repo.write("mkdocs.yml", text)
        with pytest.raises(ConfigError, match="outside the repository"):
            load_config(cwd=repo.path)


def test_a_10_mb_rule_file_is_a_clear_finding(tmp_path: Path):
    big = ONE + "".join(f"# padding line {i:08d} " + "x" * 80 + "\n" for i in range(110_000))
    assert len(big) > 10 * 1024 * 1024
    repo = write_kb(tmp_path, {"big.yaml": big})
    (found,) = [f for f in check_documents(_kb(repo), DAY) if f.rule == "alert-rules-invalid"]
    assert "over the 5 MB limit" in found.message and "max_file_size_mb" in found.message


def test_ten_thousand_alerts_with_duplicate_names_across_groups(tmp_path: Path):
    groups = []
    for g in range(2):
        rules = "".join(
            f"  - alert: Alert{i}\n    expr: up == 0\n    annotations:\n"
            f"      runbook_url: https://rb.example.com/runbooks/{'db' if i % 2 else 'gone'}\n"
            for i in range(5_000)
        )
        groups.append(f"- name: group{g}\n  rules:\n{rules}")
    repo = write_kb(tmp_path, {"many.yaml": "groups:\n" + "".join(groups)})
    kb = _kb(repo)
    index = alerts_of(kb)
    assert index is not None and len(index.links) == 10_000
    assert len(index.names) == 5_000  # each name twice, once per group
    assert len(index.by_state("broken")) == 5_000
    assert index.docs["docs/runbooks/db.md"] == sorted(f"Alert{i}" for i in range(1, 5_000, 2))
    lines = {link.alert.line for link in index.links if link.alert.name == "Alert1"}
    assert lines == {2 + 4 + 2, 2 + 5_000 * 4 + 2 + 4 + 2}  # both definitions, each at its line


def test_alias_bomb_is_bounded():
    text = "groups: [" + ", ".join(["*g"] * 300) + "]\n"
    rules = ", ".join(["*r"] * 300)
    text = f"x: &r {{alert: A, expr: up}}\ny: &g {{name: g, rules: [{rules}]}}\n" + text.replace(
        "groups", "z"
    )
    # not a rule document (no groups key at the top): skipped
    assert parse_rule_text(text, "f.yaml") == ([], [])
    bomb = f"groups:\n- &g {{name: g, rules: [&r {{alert: A, expr: up}}, {rules}]}}\n"
    bomb += "".join("- *g\n" for _ in range(400))
    alerts, problems = parse_rule_text(bomb, "f.yaml")
    assert len(alerts) <= MAX_ALERTS_PER_FILE
    assert problems and "YAML aliases" in problems[0].message


def test_non_string_and_misshapen_values(tmp_path: Path):
    text = """groups:
- name: g
  rules:
  - alert: ListUrl
    expr: up
    annotations:
      runbook_url: [https://rb.example.com/runbooks/db/]
  - alert: NumberUrl
    expr: up
    annotations: {runbook_url: 12}
  - alert: BadAnnotations
    expr: up
    annotations: [not, a, mapping]
  - alert: {oops: 1}
  - record: some:rule
    expr: up
- just a string
- name: nogroup
  rules: 7
"""
    alerts, problems = parse_rule_text(text, "f.yaml")
    assert [(a.name, a.runbook_url, a.url_problem is not None) for a in alerts] == [
        ("ListUrl", None, True),
        ("NumberUrl", "12", False),
        ("BadAnnotations", None, False),
    ]
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (13, "alert BadAnnotations"),
        (14, "'alert' must name the alert"),
        (17, "a rule group must be a mapping with name and rules"),
        (19, "group 'nogroup'"),
    ]
    repo = write_kb(tmp_path, {"f.yaml": text})
    found = {(f.rule, f.line) for f in check_documents(_kb(repo), DAY)}
    assert ("alert-runbook-broken", 7) in found  # a list is no address
    assert ("alert-runbook-broken", 10) not in found  # '12' is not under the base: not judged


def test_missing_runbook_severity_follows_the_severity_label(tmp_path: Path):
    text = """groups:
- name: g
  rules:
  - {alert: Paging, expr: up, labels: {severity: critical}}
  - {alert: Ticket, expr: up, labels: {severity: Warning}}
  - {alert: NoLabel, expr: up}
"""
    table = '        missing_runbook: {critical: error, warning: info, "*": "off"}\n'
    repo = write_kb(tmp_path, {"f.yaml": text}, table)
    found = {
        (f.line, f.severity.value)
        for f in check_documents(_kb(repo), DAY)
        if f.rule == "alert-runbook-missing"
    }
    assert found == {(4, "error"), (5, "info")}
    # the rule switched off in `severity:` wins over the table
    repo.write(
        "mkdocs.yml",
        (repo.path / "mkdocs.yml").read_text() + "      severity: {alert-runbook-missing: 'off'}\n",
    )
    assert not [f for f in check_documents(_kb(repo), DAY) if f.rule == "alert-runbook-missing"]


def test_without_alerts_configured_nothing_is_read(tmp_path: Path):
    repo = write_kb(tmp_path, {"f.yaml": "groups: [oops"})
    repo.write("mkdocs.yml", "site_name: t\ndocs_dir: docs\nplugins:\n  - nohero\n")
    kb = _kb(repo)
    assert alerts_of(kb) is None
    assert not [f for f in check_documents(kb, DAY) if f.rule in ALERT_RULES]


def test_bad_alert_settings_are_config_errors(tmp_path: Path):
    repo = write_kb(tmp_path, {"ok.yaml": ONE})
    base = (repo.path / "mkdocs.yml").read_text()
    for bad, words in [
        ("        missing_runbook: {critical: loud}\n", "missing_runbook.critical"),
        ("        rulez: []\n", "rulez is not an alerts option"),
    ]:
        repo.write("mkdocs.yml", base + bad)
        with pytest.raises(ConfigError, match=words):
            load_config(cwd=repo.path)
    repo.write("mkdocs.yml", base.replace("https://rb.example.com/", "rb.example.com"))
    with pytest.raises(ConfigError, match="must be an address"):
        load_config(cwd=repo.path)


def test_check_paths_a_rule_file_checks_everything_a_document_only_itself(tmp_path: Path):
    repo = alert_repo(tmp_path / "ops")
    pay = "monitoring/prometheus/payments.rules.yml"
    whole = repo.cli("check", pay, "--today", TODAY, "--no-history")
    assert whole.exit_code == 1 and "alert-runbook-broken" in whole.output
    assert "PaymentsQueueStuck" in whole.output
    one = repo.cli("check", "docs/runbooks/payments/latency.md", "--today", TODAY, "--no-history")
    assert one.exit_code == 0 and "alert-runbook" not in one.output  # old rule-file debt
