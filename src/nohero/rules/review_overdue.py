"""The review is overdue: last_reviewed plus the review interval is before today.

The interval is the document's `review_every` (`90d`, `12w`, or calendar
`6 months`, `1 year`: 2026-01-31 + 1 month is 2026-02-28), else its
type's default (runbook 90d, escalation 30d, architecture 180d, note 365d;
configurable with `review_intervals` in mkdocs.yml).

Passes (today is 2026-11-25, runbook interval 90 days):

    type: runbook
    last_reviewed: 2026-10-02

Fails (due 2026-04-01):

    type: runbook
    last_reviewed: 2026-01-01
"""

from collections.abc import Iterator

from ..document import Document
from ..findings import Severity
from ..wording import plural
from .base import Hit, RuleContext

ID = "review-overdue"
SEVERITY = Severity.WARNING


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    state = ctx.review_state(doc)
    if state.status != "overdue" or state.next_review is None:
        return
    late = (ctx.today - state.next_review).days
    yield Hit(
        doc.line_of("last_reviewed"),
        f"review overdue by {plural(late, 'day')} "
        f"(due {state.next_review.isoformat()}, every {state.interval}): "
        f"review it, then run '{ctx.review_command(doc)}'",
    )
