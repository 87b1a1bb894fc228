"""A file the document `covers` changed in git after its last review.

`covers` lists repo patterns, matched like `.gitignore` lines (`*.sql` anywhere,
`src/**`, `[ab]`, `!` to uncover; see `nohero.globs`) for the code or config
the document describes.
When any matching file has a commit after `last_reviewed`, the document may
describe something that no longer exists. Needs git history (`nohero report`,
`nohero check` with history); without it this rule stays silent.

Passes (the newest commit under services/payments/ is from 2026-09-14):

    last_reviewed: 2026-10-02
    covers: [services/payments/**]

Fails (services/payments/db.py was committed on 2026-10-20):

    last_reviewed: 2026-10-02
    covers: [services/payments/**]

Fix: read the document against the change, correct it, then record the
review with `nohero review PATH`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..findings import Severity
from .base import Hit, RuleContext

ID = "drift"
SEVERITY = Severity.WARNING
NEEDS_HISTORY = True


def covers_of(doc: Document) -> list[str]:
    """The document's `covers` globs; a single string is one glob, anything else none."""
    value = doc.meta.get("covers")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [g.strip() for g in value if isinstance(g, str) and g.strip()]


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    history = ctx.history
    if history is None or not history.available:
        return
    globs = covers_of(doc)
    reviewed = doc.get_date("last_reviewed")
    if not globs or reviewed is None:
        return
    newest = history.last_change_matching(globs, after=reviewed)
    if newest is None or newest[0] == doc.path:
        return
    path, when = newest
    yield Hit(
        doc.line_of("covers"),
        f"{path} (covered) changed on {when.date().isoformat()}, after the last review on "
        f"{reviewed.isoformat()}: check the document against it, "
        f"then run '{ctx.review_command(doc)}'",
    )
