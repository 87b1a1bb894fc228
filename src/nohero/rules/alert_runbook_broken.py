"""An alert's `runbook_url` points under the runbook base URL, but no
document is there: the runbook was renamed, moved or never written.

The finding is on the `runbook_url` line of the rule file. URLs filled in
per alert (`{{ $labels.service }}`) cannot be followed and are reported as
unresolvable instead; URLs outside the base (a wiki) are not judged.

Passes (docs/runbooks/payments-db.md exists):

    annotations:
      runbook_url: https://runbooks.example.com/runbooks/payments-db/

Fails (no docs/runbooks/payments-database.md):

    annotations:
      runbook_url: https://runbooks.example.com/runbooks/payments-database/
"""

import re
from collections.abc import Iterator

from ..findings import Severity
from .base import FileHit, RuleContext

ID = "alert-runbook-broken"
SEVERITY = Severity.ERROR
MAX_SUGGESTIONS = 50  # close-match search is linear in the docs: only for the first few


def check_alerts(ctx: RuleContext) -> Iterator[FileHit]:
    index = ctx.alerts
    if index is None:
        return
    squashed: dict[str, str] = {}
    by_folder: dict[str, list[str]] = {}
    if index.by_state("broken"):
        for key in sorted(index.doc_by_key):
            short = _squash(key)
            squashed.setdefault(short, key)
            by_folder.setdefault(short.rpartition("/")[0], []).append(short)
    for number, link in enumerate([*index.by_state("broken"), *index.by_state("invalid")]):
        alert = link.alert
        if link.state == "invalid":
            yield FileHit(
                alert.file,
                alert.url_line,
                f"alert {alert.name}: runbook_url must be one address, not a list or a mapping",
            )
            continue
        if link.doc is not None:
            hint = f"{link.doc} lists this alert: point runbook_url at it"
        else:
            wanted = _squash(link.key or "")
            close = [wanted] if wanted in squashed else []
            if not close and number < MAX_SUGGESTIONS:
                near = by_folder.get(wanted.rpartition("/")[0], [])
                import difflib  # only for a name that is not found

                close = difflib.get_close_matches(wanted, near, n=1, cutoff=0.9)
            hint = (
                f"did you mean {index.doc_by_key[squashed[close[0]]]}?"
                if close
                else "fix the URL, or write the runbook"
            )
        yield FileHit(
            alert.file,
            alert.url_line,
            f"alert {alert.name}: runbook_url leads to no document "
            f"(nothing at '{link.key}' under docs_dir): {hint}",
        )


def _squash(key: str) -> str:
    """`kube-api-error-budget-burn` and `kubeapierrorbudgetburn` are one name."""
    return re.sub(r"[^a-z0-9/]", "", key)
