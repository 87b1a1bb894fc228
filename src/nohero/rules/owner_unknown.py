"""The owner must be a person or team in the roster (people.yml).

Passes (alice is in people.yml):

    owner: alice

Fails (nobody called alicia):

    owner: alicia
"""

from collections.abc import Iterator

from ..document import Document
from ..findings import Severity
from .base import Hit, RuleContext

ID = "owner-unknown"
SEVERITY = Severity.ERROR


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    owner = doc.owner
    if owner is not None and not ctx.roster.knows(owner):
        yield Hit(
            doc.line_of("owner"), f"owner '{owner}' is not in the roster{suggest(owner, ctx)}"
        )


def suggest(ident: str, ctx: RuleContext) -> str:
    """A did-you-mean hint, or advice to add the person to the roster."""
    close = ctx.roster.closest(ident, n=1)
    if close:
        return f": did you mean '{close[0]}'?"
    return f": add '{ident}' to {ctx.roster.path.name} or use a known id"
