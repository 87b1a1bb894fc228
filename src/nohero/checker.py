"""Run every rule over every document and turn hits into findings."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .fields import rename_in_message
from .findings import Finding, Severity, sort_findings
from .knowledge_base import KnowledgeBase
from .rules import RULES, RuleContext

if TYPE_CHECKING:
    from .history.model import History

ROSTER_RULE = "roster-invalid"


def severity_of(rule_id: str, kb: KnowledgeBase) -> Severity | None:
    """The configured severity, the rule's default otherwise; None when off."""
    if rule_id in kb.config.severities:
        return kb.config.severities[rule_id]
    rule = RULES.get(rule_id)
    return rule.default_severity if rule else Severity.ERROR


def check_documents(
    kb: KnowledgeBase, today: dt.date, history: History | None = None
) -> list[Finding]:
    """Findings for every document in `kb`, plus the roster's own problems."""
    ctx = RuleContext(config=kb.config, roster=kb.roster, today=today, history=history)
    findings: list[Finding] = []

    fields = kb.config.fields

    def add(rule_id: str, path: str, line: int, message: str) -> None:
        severity = severity_of(rule_id, kb)
        if severity is not None:
            if fields:  # findings name the keys the repository uses
                message = rename_in_message(message, fields)
            findings.append(Finding(path, max(1, line), rule_id, severity, message))

    for doc in kb.documents:
        for problem in doc.problems:
            add(problem.rule, doc.path, problem.line, problem.message)
        if not doc.readable:
            continue
        for rule in RULES.values():
            for hit in rule.check(doc, ctx):
                add(rule.id, doc.path, hit.line, hit.message)
    roster_path = kb.config.rel(kb.roster.path)
    for roster_problem in kb.roster.problems:
        add(ROSTER_RULE, roster_path, roster_problem.line, roster_problem.message)
    return sort_findings(findings)
