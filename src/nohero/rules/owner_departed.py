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
from .base import Hit, RuleContext

ID = "owner-departed"
SEVERITY = Severity.ERROR


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    owner = doc.owner
    if owner is None or not ctx.roster.all_left(owner, ctx.today):
        return
    who = (
        f"every member of team '{owner}' has"
        if owner in ctx.roster.teams
        else f"owner '{owner}' has"
    )
    yield Hit(doc.line_of("owner"), f"{who} left: hand the document to an active owner")
