"""CODEOWNERS: one rule per line, `pattern owner owner...`, split on spaces.

A roster `github:` value with a space or newline would add owners or whole
rules (`* @mallory`), so a handle is only ever written when it is GitHub's
syntax for a user (`alice`) or a team (`org/team`). A path is written only
when a pattern can name exactly that file; otherwise the caller skips it
and says so.
"""

from __future__ import annotations

from .. import lazyre

# GitHub logins: 1-39 alphanumerics or single hyphens, not at either end.
_USER = r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}"
_TEAM_SLUG = r"[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,98}[A-Za-z0-9_])?"
HANDLE = lazyre.compile(rf"(?:{_USER}|{_USER}/{_TEAM_SLUG})")
_UNSAFE = lazyre.compile(r"[*?\[\]!\\#]")


def valid_handle(value: object) -> bool:
    """Whether `value` (without `@`) is a GitHub user or `org/team`."""
    return isinstance(value, str) and HANDLE.fullmatch(value) is not None


def codeowners_pattern(path: str) -> str | None:
    """A repo-relative path as an anchored pattern naming exactly that file;
    None when CODEOWNERS cannot express it (globs, `#`, `\\`, control or
    non-space whitespace characters, undecodable bytes)."""
    if not path or _UNSAFE.search(path):
        return None
    for char in path:
        if (char.isspace() and char != " ") or not char.isprintable() and char != " ":
            return None
    return "/" + path.replace(" ", "\\ ")
