"""A document lists an alert (`alerts: [Name]` in its front matter) that no
rule file defines: the alert was renamed or removed, and the runbook now
describes something that never fires.

Only checked when `plugins.nohero.alerts` is configured. The finding is on
the name's line in the front matter.

Passes (PaymentsDBDown is defined in a rule file):

    alerts: [PaymentsDBDown]

Fails (no rule file defines PaymentsDatabaseDown):

    alerts: [PaymentsDatabaseDown]
"""

from collections.abc import Iterator

from ..document import Document
from ..findings import Severity
from .base import Hit, RuleContext

ID = "runbook-alert-unknown"
SEVERITY = Severity.WARNING


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    index = ctx.alerts
    if index is None:
        return
    for name, line in index.listed.get(doc.path, []):
        if name in index.names:
            continue
        import difflib  # only for a name that is not found

        close = difflib.get_close_matches(name, index.names, n=1, cutoff=0.8)
        hint = f"renamed to {close[0]}?" if close else "remove it, or fix the name"
        yield Hit(line, f"no rule file defines alert {name}: {hint}")
