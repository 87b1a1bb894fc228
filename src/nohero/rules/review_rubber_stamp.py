"""The document keeps being re-dated while the code it covers changes.

A review that only bumps `last_reviewed` is a claim that the text still
holds. When a file the document `covers` changed after the text was last
edited, and the document was re-dated after that change without any edit,
the review may be a rubber stamp: the date says "fresh", the text describes
the old system. Reports show `last_content_change` next to `last_reviewed`
so readers can tell "reviewed" from "rewritten". Needs git history and
`covers`; silent otherwise. `drift` catches changes after the last review;
this rule catches the ones a review waved through.

Passes (services/payments/db.py changed on 2026-08-03; the runbook's text
was edited on 2026-08-10 in the same commit that moved last_reviewed):

    last_reviewed: 2026-08-10
    covers: [services/payments/**]

Fails (the text was last edited on 2026-02-01; db.py changed on
2026-08-03; on 2026-08-10 only last_reviewed moved):

    last_reviewed: 2026-08-10
    covers: [services/payments/**]

Fix: read the document against what changed in the covered files and edit
what no longer holds; if it truly still holds, say so in the commit message
of the review, and the next content change clears this warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..findings import Severity
from ..history.model import Change
from .base import Hit, RuleContext
from .drift import covers_of

ID = "review-rubber-stamp"
SEVERITY = Severity.WARNING
NEEDS_HISTORY = True


def review_bumps_since_text(changes: list[Change]) -> tuple[Change | None, list[Change]]:
    """The last change to the text, and the front-matter-only changes after it
    that moved `last_reviewed` (owner changes and other edits are not reviews)."""
    last_text: Change | None = None
    index = -1
    for i, change in enumerate(changes):
        if change.content or change.created:
            last_text, index = change, i
    if last_text is None:
        return None, []
    bumps: list[Change] = []
    previous = last_text.last_reviewed
    for change in changes[index + 1 :]:
        moved = change.last_reviewed is not None and change.last_reviewed != previous
        if not change.content and moved:
            bumps.append(change)
        if change.last_reviewed is not None:
            previous = change.last_reviewed
    return last_text, bumps


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    history = ctx.history
    if history is None or not history.available:
        return
    globs = covers_of(doc)
    doc_history = history.for_doc(doc.path)
    if not globs or doc_history is None:
        return
    last_text, bumps = review_bumps_since_text(doc_history.changes)
    if last_text is None or not bumps:
        return
    newest = history.last_change_matching(globs, after=last_text.when.date())
    if newest is None or newest[0] == doc.path:
        return
    path, when = newest
    # only a re-dating after the code change waved it through; a change after
    # every bump is drift's business
    waved = [b for b in bumps if b.when >= when]
    if not waved:
        return
    times = "once" if len(bumps) == 1 else f"{len(bumps)} times"
    yield Hit(
        doc.line_of("last_reviewed"),
        f"re-dated {times} without an edit since the text last changed on "
        f"{last_text.when.date().isoformat()}, though {path} (covered) changed on "
        f"{when.date().isoformat()}: check the text against that change "
        "and edit what no longer holds",
    )
