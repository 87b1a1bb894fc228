"""Every document needs an owner: the person or team who keeps it true.

Passes:

    owner: alice

Fails (no owner key, or an empty one):

    title: Payments DB failover
"""

from collections.abc import Iterator

from ..document import Document
from ..findings import Severity
from .base import Hit, RuleContext, missing_key

ID = "owner-missing"
SEVERITY = Severity.ERROR


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    if doc.owner is None and not _wrong_type(doc):
        yield missing_key(
            doc, "owner", "no owner: add 'owner: <person or team id from the roster>'"
        )


def _wrong_type(doc: Document) -> bool:
    """A non-string owner is the schema rule's to report, not this one's."""
    value = doc.meta.get("owner")
    return value is not None and not isinstance(value, str)
