"""The backup owner must not have left (`left:` in the roster is before today).

A team backup fails when every member has left.

Passes (bob is active):

    backup_owner: bob

Fails (dave has `left: 2026-06-30`):

    backup_owner: dave
"""

from collections.abc import Iterator

from ..document import Document
from ..findings import Severity
from .base import Hit, RuleContext, who_left

ID = "backup-departed"
SEVERITY = Severity.ERROR


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    who = who_left(ctx, doc.backup_owner, "backup_owner")
    if who is not None:
        yield Hit(doc.line_of("backup_owner"), f"{who} left: name an active backup_owner")
