"""The runbook an alert leads to cannot be trusted: it has an error-level
ownership finding (no owner, an unknown or departed owner or backup, a backup
who is the owner) or its review is overdue.

The finding is on the alert's `runbook_url` line in the rule file, because
the page that alert sends people to is the problem.

Passes (docs/runbooks/payments-db.md has an active owner and backup and a
recent review):

    annotations:
      runbook_url: https://runbooks.example.com/runbooks/payments-db/

Fails (the same runbook, whose owner has left):

    annotations:
      runbook_url: https://runbooks.example.com/runbooks/payments-db/
"""

from collections.abc import Iterator

from ..document import Document
from ..findings import Severity
from .base import FileHit, RuleContext

ID = "alert-runbook-unowned"
SEVERITY = Severity.WARNING
OWNERSHIP_RULES = (
    "owner-missing",
    "owner-unknown",
    "owner-departed",
    "backup-missing",
    "backup-unknown",
    "backup-is-owner",
    "backup-departed",
)


def check_alerts(ctx: RuleContext) -> Iterator[FileHit]:
    index = ctx.alerts
    if index is None:
        return
    reasons: dict[str, str | None] = {}
    errors: dict[str, str] = {}
    for finding in ctx.cache.get("findings", ()):
        if finding.rule in OWNERSHIP_RULES and finding.severity is Severity.ERROR:
            errors.setdefault(
                finding.path, f"fails {finding.rule} ({finding.message.split(':')[0]})"
            )
    for link in index.links:
        doc = ctx.documents.get(link.doc) if link.doc else None
        if doc is None or not doc.readable:
            continue
        if doc.path not in reasons:
            reasons[doc.path] = errors.get(doc.path) or untrusted(doc, ctx, "findings" in ctx.cache)
        why = reasons[doc.path]
        if why is not None:
            alert = link.alert
            yield FileHit(
                alert.file,
                alert.url_line,
                f"alert {alert.name} leads to {doc.path}, which {why}: fix the runbook first",
            )


def untrusted(doc: Document, ctx: RuleContext, checked: bool = False) -> str | None:
    """Why the runbook cannot be trusted, or None. `checked`: the ownership
    rules already ran (their findings were looked at), only the review is left."""
    from . import RULES  # late: the registry imports this module

    for rule_id in () if checked else OWNERSHIP_RULES:
        rule = RULES[rule_id]
        level = ctx.config.severities.get(rule_id, rule.default_severity)
        if level is not Severity.ERROR:
            continue
        hit = next(iter(rule.check(doc, ctx)), None)
        if hit is not None:
            return f"fails {rule_id} ({hit.message.split(':')[0]})"
    state = ctx.review_state(doc)
    if state.status == "overdue" and state.next_review is not None:
        return f"was due for review on {state.next_review.isoformat()}"
    return None
