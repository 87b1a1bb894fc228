"""Only one person has ever written this document.

Knowledge that lives in one head is the risk nohero exists to surface: when
that person is away, nobody has ever had to explain the page. Counts people
who changed the text (git authors and `Co-authored-by:` trailers, bots
excluded); a commit that only re-dates the review or changes the owner is not
writing. Needs git history; a document with no commits yet is not judged.
The message says when the only author has left the roster.

Passes (alice wrote it, bob rewrote the failover section):

    git log -- docs/payments-failover.md
      bob    Rewrite failover steps after the 2026 drill
      alice  Add payments failover runbook

Fails (alice wrote it; carol only bumped last_reviewed):

    git log -- docs/payments-failover.md
      carol  Review payments failover (last_reviewed only)
      alice  Add payments failover runbook

Fix: have the backup owner walk through the page and edit what they had to
ask about — a second author is a second person who knows it. The message
names someone who can: the backup owner (or a member of the backup team),
else the owner, never the author, nobody who has left or is away today.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..findings import Severity
from ..history.authorship import content_authors
from .base import Hit, RuleContext

ID = "single-author"
SEVERITY = Severity.WARNING
NEEDS_HISTORY = True


def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    history = ctx.history
    if history is None or not history.available:
        return
    doc_history = history.for_doc(doc.path)
    if doc_history is None or not doc_history.changes:
        return
    authors = content_authors(doc_history.changes)
    if len(authors) != 1:
        return
    only = authors[0]
    person = ctx.roster.people.get(only)
    who = f"'{only}'" if person is None else f"'{only}' ({person.name})"
    helper = second_reader(doc, ctx, only)
    if person is not None and person.departed(ctx.today):
        yield Hit(
            doc.line_of("owner"),
            f"only {who} ever wrote this document, and they have left: have {helper} "
            "verify and rewrite it while the system still behaves as described",
        )
        return
    yield Hit(
        doc.line_of("owner"),
        f"only {who} has ever written this document: have {helper} walk through it "
        "and edit what they had to ask about",
    )


def second_reader(doc: Document, ctx: RuleContext, author: str) -> str:
    """Who to ask for a second pair of hands: the first person, from the
    backup owner then the owner (a team: its members), who is in the roster,
    has not left, is not away today and is not the one author. Never the
    author's own team, a departed or absent person, or an unknown id."""
    for ident in (doc.backup_owner, doc.owner):
        if not ident:
            continue
        for person in ctx.roster.available_people_of(ident, ctx.today, ctx.today):
            if person != author:
                return person
    return "someone who has not written it yet"
