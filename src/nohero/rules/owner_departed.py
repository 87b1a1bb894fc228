"""The owner must not have left (`left:` in the roster is before today).

A team owner fails when every member has left.

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
    if owner is None or not ctx.roster.knows(owner):
        return
    if not ctx.roster.active_people_of(owner, ctx.today):
        who = "every member of team" if owner in ctx.roster.teams else "owner"
        yield Hit(doc.line_of("owner"), f"{who} '{owner}' has left: hand the document to an active owner")
