"""A Prometheus alert has no `runbook_url` annotation, so whoever it pages
starts from nothing.

The finding is on the `alert:` line of the rule file. Its severity can depend
on the alert's `severity` label, so that only page-worthy alerts must have a
runbook (`"*"` is every other label, and no label):

    plugins:
      - nohero:
          alerts:
            rules: [monitoring/**/*.yaml]
            runbook_base_url: https://runbooks.example.com/
            missing_runbook: {critical: error, page: error, "*": "off"}

Passes:

    - alert: PaymentsDBDown
      expr: pg_up{job="payments"} == 0
      annotations:
        runbook_url: https://runbooks.example.com/runbooks/payments-db/

Fails (no runbook_url):

    - alert: PaymentsDBDown
      expr: pg_up{job="payments"} == 0
      labels: {severity: critical}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..findings import Severity
from .base import FileHit, RuleContext

if TYPE_CHECKING:
    from ..alerts import AlertIndex

ID = "alert-runbook-missing"
SEVERITY = Severity.WARNING


def check_alerts(ctx: RuleContext) -> Iterator[FileHit]:
    index = ctx.alerts
    if index is None:
        return
    missing = index.by_state("missing")
    bases = _usual_bases(index, {link.alert.file for link in missing}) if missing else {}
    for link in missing:
        alert = link.alert
        level = index.settings.missing_severity(alert.severity)
        if level is None:
            continue
        base = bases.get(alert.file) or (
            index.settings.base_urls[0] if index.settings.base_urls else "https://…/"
        )
        if link.doc is not None:
            hint = f"{link.doc} lists it: add runbook_url: {base}{_page(link.doc, ctx)}"
        else:
            hint = f"write a runbook and add 'runbook_url: {base}<its path>' to its annotations"
        yield FileHit(
            alert.file,
            alert.line,
            f"alert {alert.name} has no runbook_url: {hint}",
            level if isinstance(level, Severity) else None,
        )


def _usual_bases(index: AlertIndex, files: set[str]) -> dict[str, str]:
    """Per rule file (of those given), the base URL its alerts use most."""
    used: dict[str, Counter[str]] = {}
    for link in index.links:
        if link.base is not None and link.alert.file in files:
            used.setdefault(link.alert.file, Counter())[link.base] += 1
    return {file: counts.most_common(1)[0][0] for file, counts in used.items()}


def _page(doc_path: str, ctx: RuleContext) -> str:
    doc = ctx.documents.get(doc_path)
    rel = doc.docs_rel if doc is not None else doc_path
    return rel.rsplit(".", 1)[0] + "/"
