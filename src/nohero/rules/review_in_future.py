"""last_reviewed cannot be after today: a review that has not happened yet
would hide the document from every overdue report.

Passes (today is 2026-11-25):

    last_reviewed: 2026-11-20

Fails (a typo, or a date in the wrong format):

    last_reviewed: 2027-11-20
"""

from collections.abc import Iterator

from ..document import Document
from ..findings import Severity
from .base import Hit, RuleContext

ID = "review-in-future"
SEVERITY = Severity.ERROR


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    reviewed = doc.get_date("last_reviewed")
    if reviewed is not None and reviewed > ctx.today:
        yield Hit(
            doc.line_of("last_reviewed"),
            f"last_reviewed {reviewed.isoformat()} is after today ({ctx.today.isoformat()}): "
            "set it to the date of the last real review",
        )
