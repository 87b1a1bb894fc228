"""The backup_owner must be a person or team in the roster (people.yml).

Passes (bob is in people.yml):

    backup_owner: bob

Fails (nobody called bobby):

    backup_owner: bobby
"""

from collections.abc import Iterator

from ..document import Document
from ..findings import Severity
from .base import Hit, RuleContext
from .owner_unknown import suggest

ID = "backup-unknown"
SEVERITY = Severity.ERROR


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    backup = doc.backup_owner
    if backup is not None and not ctx.roster.knows(backup):
        yield Hit(
            doc.line_of("backup_owner"),
            f"backup_owner '{backup}' is not in the roster{suggest(backup, ctx)}",
        )
