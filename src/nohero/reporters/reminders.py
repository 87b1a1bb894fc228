"""The words of a review reminder: the due phrase ('overdue by 12 days'), one
owner's Markdown table, and the weekly reminder issue's title and body.

`nohero due --format text|markdown` and `--plan-issues` share them, so a
reminder reads the same in a terminal, a chat post and a GitHub issue.
"""

from __future__ import annotations

from typing import Any

from ..due import TITLE_PREFIX, issue_marker, owner_key
from ..escape import md_inert, terminal, valid_handle
from ..wording import plural, with_handle


def describe(doc: dict[str, Any]) -> str:
    """'overdue by 12 days', 'due in 3 days', 'never reviewed'."""
    days = doc.get("days_overdue")
    if doc.get("status") == "unknown" or days is None:
        return "never reviewed"
    if days > 0:
        return f"overdue by {plural(days, 'day')}"
    if days == 0:
        return "due today"
    return f"due in {plural(-days, 'day')}"


def owner_markdown(owner: dict[str, Any], heading: str = "###") -> list[str]:
    """One owner's table, shared by `due --format markdown` and the issues."""
    who = md_inert(owner.get("name") or owner_key(owner))
    handle = owner.get("github")  # the one live mention nohero writes: a validated handle
    lines = [f"{heading} {with_handle(who, handle if valid_handle(handle) else None)}", ""]
    lines += [
        "| Document | Status | Last reviewed | Next review | Backup |",
        "| --- | --- | --- | --- | --- |",
    ]
    for doc in owner.get("docs", []):
        path = str(doc["path"])
        lines.append(
            f"| {md_inert(doc.get('title') or path)}<br>{md_inert(path)} | {describe(doc)} "
            f"| {doc.get('last_reviewed') or '—'} | {doc.get('next_review') or '—'} "
            f"| {md_inert(doc.get('backup_owner') or '—')} |"
        )
    lines.append("")
    return lines


def issue_title(owner: dict[str, Any]) -> str:
    if owner.get("id") is None:
        return TITLE_PREFIX + "documents without an owner"
    handle = owner.get("github")
    return TITLE_PREFIX + (f"@{handle}" if valid_handle(handle) else terminal(owner["id"]))


def issue_body(owner: dict[str, Any], listing: dict[str, Any]) -> str:
    count = len(owner.get("docs", []))
    window = plural(int(listing.get("within_days") or 0), "day")
    lines = [
        issue_marker(owner_key(owner)),
        f"{plural(count, 'document')} need{'s' if count == 1 else ''} a review "
        f"(overdue, never reviewed, or due within {window}) "
        f"as of {listing.get('today')}.",
        "",
        *owner_markdown(owner),
        "Read each one against how things work today, fix what no longer holds, then record "
        "the review with `nohero review PATH` and open a pull request. If you cannot, ask the "
        "backup named in the table. This issue is updated weekly and closed when nothing is due.",
        "",
    ]
    return "\n".join(lines)


def reminder_issues(listing: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """owner key -> (title, body) for every owner with something due: the
    issues `due.plan_issues` makes exist."""
    return {
        owner_key(o): (issue_title(o), issue_body(o, listing))
        for o in listing.get("owners", [])
        if o.get("docs")
    }
