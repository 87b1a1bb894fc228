"""Every document needs last_reviewed: the ISO date of its last real review.

Without it nobody can tell whether the page still matches production.
`nohero review PATH` sets it to today.

Passes:

    last_reviewed: 2026-10-02

Fails (no last_reviewed, or an empty one):

    owner: alice
"""

from collections.abc import Iterator

from ..document import Document
from ..findings import Severity
from .base import Hit, RuleContext, missing_key

ID = "review-missing"
SEVERITY = Severity.ERROR


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    value = doc.meta.get("last_reviewed")
    if value is None or (isinstance(value, str) and not value.strip()):
        yield missing_key(
            doc,
            "last_reviewed",
            "no last_reviewed: review the document, then add "
            f"'last_reviewed: {ctx.today.isoformat()}'",
        )
