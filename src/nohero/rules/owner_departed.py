"""The owner must not have left (`left:` in the roster is before today).

A team owner fails when every member has left (a team with no members at all
is a roster-invalid problem instead).

Passes (alice is active):

    owner: alice

Fails (dave has `left: 2026-06-30`):

    owner: dave
"""

from collections.abc import Iterator

from ..document import Document
from ..findings import Severity
from .base import Hit, RuleContext, who_left

ID = "owner-departed"
SEVERITY = Severity.ERROR


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    who = who_left(ctx, doc.owner, "owner")
    if who is not None:
        yield Hit(doc.line_of("owner"), f"{who} left: hand the document to an active owner")
