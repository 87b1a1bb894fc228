"""Where the plugin puts its HTML in a page, and what it says in the build
log: plain functions, so they are tested without a build."""

from __future__ import annotations

from ..escape import terminal
from ..findings import Finding

# Material's page status tooltips for the navigation icons nohero sets.
STATUS_TITLES = {
    "unowned": "Nobody owns this page: owner and backup have left",
    "owner-left": "The owner has left",
    "backup-left": "The backup has left",
    "escalation-broken": "The escalation path reaches too few people",
    "drifted": "Drifted from the code it covers",
    "overdue": "Review overdue",
    "unknown": "Never reviewed",
    "away": "The owner is away",
    "backup-away": "The backup is away",
}


def insert_after_first_h1(page_html: str, block: str) -> str:
    """After the first </h1> of the page's content (Material's article, else
    the body): the same place `insert_after_title` picks in the content."""
    start = page_html.find('class="md-content__inner')
    if start == -1:
        start = max(page_html.find("<body"), 0)
    end = page_html.find("</h1>", page_html.find("<h1", start))
    if page_html.find("<h1", start) == -1 or end == -1:
        return page_html
    end += len("</h1>")
    return page_html[:end] + "\n" + block + page_html[end:]


def insert_after_title(html_text: str, block: str) -> str:
    """Right after a leading <h1>, so the heading stays the page title; at
    the top otherwise (the theme then prints the title above it)."""
    stripped = html_text.lstrip()
    if stripped.startswith("<h1"):
        end = html_text.find("</h1>")
        if end != -1:
            end += len("</h1>")
            return html_text[:end] + "\n" + block + html_text[end:]
    return block + "\n" + html_text


def publish_messages(errors: list[Finding]) -> list[str]:
    """One line per page that is published with error-level findings."""
    by_path: dict[str, list[Finding]] = {}
    for f in errors:
        by_path.setdefault(f.path, []).append(f)
    lines = [
        f"publishing with {len(errors)} error-level finding(s) shown on "
        f"{len(by_path)} page(s) (publish_with_errors: true):"
    ]
    for path, found in sorted(by_path.items()):
        problems = "; ".join(f"line {f.line} [{f.rule}] {terminal(f.message)}" for f in found)
        lines.append(f"  {terminal(path)}: {problems}")
    return lines
