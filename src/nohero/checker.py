"""Run every rule over every document and turn hits into findings."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .config import Config
from .fields import rename_in_message
from .findings import Finding, Severity, sort_findings
from .knowledge_base import KnowledgeBase
from .rules import RULES, RuleContext

if TYPE_CHECKING:
    from .alerts import AlertIndex
    from .history.model import History

ROSTER_RULE = "roster-invalid"
ALERT_FILE_RULE = "alert-rules-invalid"


def severity_of(rule_id: str, kb: KnowledgeBase) -> Severity | None:
    """The configured severity, the rule's default otherwise; None when off."""
    if rule_id in kb.config.severities:
        return kb.config.severities[rule_id]
    rule = RULES.get(rule_id)
    return rule.default_severity if rule else Severity.ERROR


def history_needed(config: Config) -> bool:
    """True when a rule that reads git history (NEEDS_HISTORY) is switched on:
    otherwise a run that only reports findings need not read history at all."""
    return any(
        rule.needs_history and config.severities.get(rule.id, rule.default_severity) is not None
        for rule in RULES.values()
    )


def alerts_if_configured(kb: KnowledgeBase) -> AlertIndex | None:
    """kb's alerts (`alerts.alerts_of`); None, without importing nohero.alerts,
    when no alert rule files are configured (a pre-commit run's start-up)."""
    if kb.config.alerts is None:
        return None
    from .alerts import alerts_of

    return alerts_of(kb)


def check_documents(
    kb: KnowledgeBase, today: dt.date, history: History | None = None
) -> list[Finding]:
    """Findings for every document in `kb`, plus the roster's own problems."""
    alerts = alerts_if_configured(kb)
    ctx = RuleContext(
        config=kb.config, roster=kb.roster, today=today, history=history, alerts=alerts
    )
    findings: list[Finding] = []

    fields = kb.config.fields

    def add(
        rule_id: str, path: str, line: int, message: str, level: Severity | None = None
    ) -> None:
        severity = severity_of(rule_id, kb)
        if severity is not None:
            if fields:  # findings name the keys the repository uses
                message = rename_in_message(message, fields)
            findings.append(Finding(path, max(1, line), rule_id, level or severity, message))

    for doc in kb.documents:
        for problem in doc.problems:
            add(problem.rule, doc.path, problem.line, problem.message)
        if not doc.readable:
            continue
        for rule in RULES.values():
            for hit in rule.check(doc, ctx):
                add(rule.id, doc.path, hit.line, hit.message)
    if alerts is not None:
        ctx.documents = {d.path: d for d in kb.documents}
        ctx.cache["findings"] = findings  # alert-runbook-unowned reads the documents' findings
        for file_problem in alerts.problems:
            add(ALERT_FILE_RULE, file_problem.path, file_problem.line, file_problem.message)
        for rule in RULES.values():
            for file_hit in rule.check_alerts(ctx) if rule.check_alerts else ():
                add(rule.id, file_hit.path, file_hit.line, file_hit.message, file_hit.severity)
    roster_path = kb.config.rel(kb.roster.path)
    for roster_problem in kb.roster.problems:
        add(ROSTER_RULE, roster_path, roster_problem.line, roster_problem.message)
    return sort_findings(findings)
