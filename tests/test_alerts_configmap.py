"""Rule files inside Kubernetes ConfigMaps (older kube-prometheus, many Helm
charts): `data: {alerts.yaml: |- groups: ...}`. Their alerts count like any
others, with findings on the lines of the ConfigMap file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alertkb import TODAY
from nohero.alerts import alerts_of, parse_rule_text
from nohero.checker import check_documents
from nohero.config import load_config
from nohero.knowledge_base import load_knowledge_base
from test_alerts import write_kb

DAY = dt.date.fromisoformat(TODAY)

CONFIGMAP = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: prometheus-rules
data:
  alerting.rules.yml: |-
    groups:
    - name: db
      rules:
      - alert: DBDown
        expr: up{job="db"} == 0
        labels:
          severity: critical
        annotations:
          runbook_url: https://rb.example.com/runbooks/db/
      - alert: DBSlow
        expr: pg_latency > 1
        labels:
          severity: critical
      - alert: DBGone
        expr: absent(up{job="db"})
        annotations:
          runbook_url: https://rb.example.com/runbooks/database/
  prometheus.yml: |
    global:
      scrape_interval: 30s
  quoted.rules: "groups: [{name: q, rules: [{alert: Quoted, expr: up}]}]"
"""


def line_of(text: str, needle: str) -> int:
    (number,) = [n for n, line in enumerate(text.split("\n"), 1) if needle in line]
    return number


def test_configmap_rule_files_count_with_lines_in_the_configmap(tmp_path: Path):
    repo = write_kb(tmp_path, {"cm.yaml": CONFIGMAP})
    kb = load_knowledge_base(load_config(cwd=repo.path))
    index = alerts_of(kb)
    assert index is not None
    found = {(link.alert.name, link.alert.line, link.state) for link in index.links}
    assert found == {
        ("DBDown", line_of(CONFIGMAP, "alert: DBDown"), "doc"),
        ("DBSlow", line_of(CONFIGMAP, "alert: DBSlow"), "missing"),
        ("DBGone", line_of(CONFIGMAP, "alert: DBGone"), "broken"),
        # a quoted value has no lines of its own: its alerts sit on the key's line
        ("Quoted", line_of(CONFIGMAP, "quoted.rules"), "missing"),
    }
    findings = {
        (f.rule, f.path, f.line) for f in check_documents(kb, DAY) if f.rule.startswith("alert-")
    }
    assert findings == {
        ("alert-runbook-missing", "monitoring/cm.yaml", line_of(CONFIGMAP, "alert: DBSlow")),
        ("alert-runbook-missing", "monitoring/cm.yaml", line_of(CONFIGMAP, "quoted.rules")),
        ("alert-runbook-broken", "monitoring/cm.yaml", line_of(CONFIGMAP, "runbooks/database/")),
    }


def test_configmap_values_that_are_not_rule_files_are_skipped_quietly():
    other = CONFIGMAP.replace("alerting.rules.yml: |-\n    groups:", "app.yaml: |-\n    groups: 3")
    alerts, problems = parse_rule_text(other, "cm.yaml")
    assert [a.name for a in alerts] == ["Quoted"]
    assert problems == []


def test_a_broken_rule_file_in_a_configmap_is_a_finding_on_its_line():
    broken = CONFIGMAP.replace("      - alert: DBSlow", "      - alert: [DBSlow")
    alerts, problems = parse_rule_text(broken, "cm.yaml")
    # the rule file alone, as libyaml reads it, then shifted to where it sits
    inner = broken.split("alerting.rules.yml: |-\n", 1)[1].split("  prometheus.yml")[0]
    _, (alone,) = parse_rule_text("\n".join(x[4:] for x in inner.split("\n")), "x")
    assert [p.line for p in problems] == [alone.line + line_of(broken, "alerting.rules.yml")]
    assert "not valid YAML" in problems[0].message
    assert [a.name for a in alerts] == ["Quoted"]


def test_check_reports_configmap_alerts_on_the_command_line(tmp_path: Path):
    repo = write_kb(tmp_path, {"cm.yaml": CONFIGMAP})
    result = repo.cli("check", "--today", TODAY, "--no-history", "--format", "github")
    out = result.output
    assert result.exit_code == 1, out  # the broken link is an error
    line = line_of(CONFIGMAP, "runbooks/database/")
    assert f"::error file=monitoring/cm.yaml,line={line}," in out
