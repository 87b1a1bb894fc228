"""The next review is due within the due-soon window (default 14 days;
`due_soon` in mkdocs.yml), so owners can plan it before it is overdue.

Passes (today is 2026-11-25; due 2027-01-24):

    type: runbook
    last_reviewed: 2026-10-26

Fails (due 2026-12-01, in 6 days):

    type: runbook
    last_reviewed: 2026-09-02
"""

from collections.abc import Iterator

from ..document import Document
from ..findings import Severity
from ..wording import plural
from .base import Hit, RuleContext

ID = "review-due-soon"
SEVERITY = Severity.INFO


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    state = ctx.review_state(doc)
    if state.status != "due-soon" or state.next_review is None:
        return
    days = (state.next_review - ctx.today).days
    when = "today" if days == 0 else f"in {plural(days, 'day')}"
    yield Hit(
        doc.line_of("last_reviewed"),
        f"review due {when} ({state.next_review.isoformat()}): "
        f"review it, then run '{ctx.review_command(doc)}'",
    )
