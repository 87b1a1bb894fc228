"""From an alert's `runbook_url` to a document, exactly as the contract says.

Strip the base URL, any `?query` and `#fragment`, a trailing `/`, `.md` (or
`.html`, for sites built without directory URLs); decode `%20`; then compare,
case-insensitively, with the document's path under docs_dir without `.md`,
where `x/index.md`, `x/_index.md` and `x/README.md` are `x`.

A URL is one of:
- `doc`: under a base URL and a document matches;
- `broken`: under a base URL, and no document matches;
- `templated`: it contains `{{ ... }}` (filled in by Alertmanager per alert),
  so nohero cannot know where it leads -- reported, never called broken;
- `external`: not under any base URL (a wiki, another site): not nohero's to judge.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import unquote

INDEX_NAMES = ("index", "_index", "readme")
_SUFFIXES = (".md", ".markdown", ".html", ".htm")  # dropped, once


class Target(NamedTuple):
    state: str  # under | templated | external
    key: str | None = None  # the normalised path, for `under`
    base: str | None = None  # the base URL it is under


def doc_key(docs_rel: str) -> str:
    """A document's path under docs_dir as a link key: `Runbooks/DB/index.md` -> `runbooks/db`."""
    return _normalise(docs_rel)


def url_target(url: str, bases: tuple[str, ...]) -> Target:
    """Where a runbook_url points, relative to the configured base URLs."""
    text = url.strip()
    templated = "{{" in text or "}}" in text
    lower = text.lower()
    for base in bases:
        base_lower = base.lower()
        if lower.startswith(base_lower) or lower + "/" == base_lower:
            if templated:
                return Target("templated", None, base)
            rest = text[len(base) :] if lower.startswith(base_lower) else ""
            rest = rest.split("#", 1)[0].split("?", 1)[0]
            return Target("under", _normalise(unquote(rest) if "%" in rest else rest), base)
    return Target("templated" if templated else "external")


def _normalise(path: str) -> str:
    lower = path.strip().lower()
    if "\\" in lower:
        lower = lower.replace("\\", "/")
    lower = lower.strip("/")
    if lower.endswith(_SUFFIXES):
        lower = lower[: lower.rindex(".")]
    probe = f"/{lower}/"
    if "//" in probe or "/./" in probe:  # empty or `.` parts: the slow way
        parts = [p for p in lower.split("/") if p and p != "."]
    else:
        parts = lower.rsplit("/", 1)
    if parts and parts[-1] in INDEX_NAMES:
        parts.pop()
    return "/".join(parts)
