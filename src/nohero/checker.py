"""Run every rule over every document and turn hits into findings."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .config import Config
from .fields import rename_in_message
from .findings import Finding, Severity
from .knowledge_base import KnowledgeBase
from .rules import RULES, Rule, RuleContext
from .rules.base import no_hits

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
    check = DocumentCheck(kb, today)
    check.without_history()
    return check.finish(history)


# A finding with `sort_findings`' key, then its position (a tie keeps the
# order it was found in, as the stable sort does): sorting these sorts the
# findings as sort_findings does, and the finding itself is never compared.
_Ranked = tuple[str, int, str, str, int, Finding]


def _ranked(findings: list[Finding], start: int) -> list[_Ranked]:
    """findings[start:] with their keys, sorted."""
    ranked = [
        (f.path, f.line, f.rule, f.message, i, f) for i, f in enumerate(findings[start:], start)
    ]
    ranked.sort()
    return ranked


class DocumentCheck:
    """`check_documents` in two steps, so that the rules that never read git
    history can run while `git log` still does (pipeline): `without_history()`
    (the documents' own problems and every rule without NEEDS_HISTORY), then
    `finish(history)` (the history rules, alert files, the roster). The
    findings are sorted at the end, and one rule's hits keep their order, so
    the answer is the one a single pass gives."""

    def __init__(self, kb: KnowledgeBase, today: dt.date) -> None:
        self.kb = kb
        self.alerts = alerts_if_configured(kb)
        self.ctx = RuleContext(
            config=kb.config, roster=kb.roster, today=today, history=None, alerts=self.alerts
        )
        self.findings: list[Finding] = []
        self._sorted: list[_Ranked] = []  # without_history()'s findings, sorted
        self._checked = False
        self._severities = {rule_id: severity_of(rule_id, kb) for rule_id in RULES}

    def add(
        self, rule_id: str, path: str, line: int, message: str, level: Severity | None = None
    ) -> None:
        severity = (
            self._severities[rule_id]
            if rule_id in self._severities
            else severity_of(rule_id, self.kb)
        )
        if severity is not None:
            fields = self.kb.config.fields
            if fields:  # findings name the keys the repository uses
                message = rename_in_message(message, fields)
            self.findings.append(Finding(path, max(1, line), rule_id, level or severity, message))

    def without_history(self) -> None:
        """Every finding that git history cannot change. They are sorted
        here too, while git log runs, so `finish` has only its own to sort
        and merge in (sorting 33,000 findings after the mine cost ~40 ms)."""
        self._checked = True
        self._run([rule for rule in RULES.values() if not rule.needs_history], problems=True)
        self._sorted = _ranked(self.findings, 0)

    def finish(self, history: History | None) -> list[Finding]:
        """The rest of the findings, given `history`; every finding, sorted."""
        if not self._checked:
            self.without_history()
        self.ctx.history = history
        self._run([rule for rule in RULES.values() if rule.needs_history], problems=False)
        kb, ctx, add = self.kb, self.ctx, self.add
        if self.alerts is not None:
            ctx.documents = {d.path: d for d in kb.documents}
            # alert-runbook-unowned reads the documents' findings
            ctx.cache["findings"] = self.findings
            for file_problem in self.alerts.problems:
                add(ALERT_FILE_RULE, file_problem.path, file_problem.line, file_problem.message)
            for rule in RULES.values():
                for file_hit in rule.check_alerts(ctx) if rule.check_alerts else ():
                    add(rule.id, file_hit.path, file_hit.line, file_hit.message, file_hit.severity)
        roster_path = kb.config.rel(kb.roster.path)
        for roster_problem in kb.roster.problems:
            add(ROSTER_RULE, roster_path, roster_problem.line, roster_problem.message)
        merged = self._sorted + _ranked(self.findings, len(self._sorted))
        merged.sort()  # two sorted runs: one merging pass
        return [ranked[-1] for ranked in merged]

    def _run(self, rules: list[Rule], problems: bool) -> None:
        """`add` for every hit, written out: this loop runs 30,000 times on a
        big knowledge base (each rule's severity looked up once; a rule that
        is off, or checks no document, is not called for each of them)."""
        add, ctx, findings = self.add, self.ctx, self.findings
        fields = self.kb.config.fields
        severities = self._severities
        rated = [
            (rule.check, rule.id, severity)
            for rule in rules
            if (severity := severities[rule.id]) is not None and rule.check is not no_hits
        ]
        for doc in self.kb.documents:
            if problems:
                for problem in doc.problems:
                    add(problem.rule, doc.path, problem.line, problem.message)
            if not doc.readable:
                continue
            for check, rule_id, severity in rated:
                for hit in check(doc, ctx):
                    message = rename_in_message(hit.message, fields) if fields else hit.message
                    findings.append(Finding(doc.path, max(1, hit.line), rule_id, severity, message))
