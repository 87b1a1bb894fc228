"""The rule registry. A rule's id names its module: `owner-missing` lives in
`nohero/rules/owner_missing.py`. Adding a rule is one module and one entry here.
"""

from __future__ import annotations

from importlib import import_module

from .base import FileHit, Hit, Rule, RuleContext

RULE_IDS: tuple[str, ...] = (
    "frontmatter-invalid",
    "file-unreadable",
    "schema",
    "owner-missing",
    "owner-unknown",
    "owner-departed",
    "backup-missing",
    "backup-unknown",
    "backup-is-owner",
    "backup-departed",
    "review-missing",
    "review-in-future",
    "review-overdue",
    "review-due-soon",
    "drift",
    "single-author",
    "review-rubber-stamp",
    "escalation-broken",
    "roster-invalid",
    "alert-runbook-missing",
    "alert-runbook-broken",
    "runbook-alert-unknown",
    "alert-runbook-unowned",
    "alert-rules-invalid",
)


def module_name(rule_id: str) -> str:
    return f"{__name__}.{rule_id.replace('-', '_')}"


RULES: dict[str, Rule] = {
    rid: Rule.from_module(import_module(module_name(rid))) for rid in RULE_IDS
}

__all__ = ["RULES", "RULE_IDS", "FileHit", "Hit", "Rule", "RuleContext", "module_name"]
