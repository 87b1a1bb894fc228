"""Markdown: the site's generated pages, Markdown reports, issue bodies.

A value goes into Markdown as text, never as syntax: Markdown punctuation is
backslash-escaped (so `[x](javascript:...)` is not a link and attr_list's
`{ onfocus=... }` adds no attribute), then HTML-escaped (so `<img onerror>`
is text), on one line (a newline would end a table row or start a heading).

Links are built here too: the target is percent-encoded, so `)` cannot end
it and `javascript:` cannot be its scheme.

On GitHub, text that is not syntax is still live: `@user`, `@org/team`,
`#12`, `owner/repo#12` and bare URLs notify people or link elsewhere.
`md_inert` breaks each with an invisible zero-width space so it shows as
written and does nothing; only the mention nohero means to make (the owner
of a reminder issue, through a validated handle) is written without it.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from .structured import utf8_text

# Escaped wherever they appear: they open emphasis, code, links (a `(` is
# inert once `[` is escaped), attr_list
# blocks, headings and table cells. `~` becomes an entity (Python-Markdown
# cannot backslash-escape it).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|])")
# Only at the start, where they would begin a list, a setext underline or a
# definition: `- x`, `+ x`, `1. x`, `=== `, `: x`.
_LEADING = re.compile(r"^(?:([-+=:])|(\d+)([.)]))")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_ZWSP = "&#8203;"
# `&#58;/` is a leading `:` that md_text made an entity: still `:/` once shown.
_LIVE = re.compile(r"(@|\\#|:/|&#58;/|GH-(?=\d))", re.IGNORECASE)


def md_text(value: object) -> str:
    """`value` as inert Markdown-and-HTML text on one line."""
    text = "" if value is None else str(value)
    text = _CONTROL.sub(" ", utf8_text(text))
    text = " ".join(text.split())
    text = html.escape(_MD_SPECIAL.sub(r"\\\1", text), quote=True).replace("~", "&#126;")
    return _LEADING.sub(_entity_for_leading, text)


def _entity_for_leading(match: re.Match[str]) -> str:
    if match.group(1):
        return f"&#{ord(match.group(1))};"
    return f"{match.group(2)}&#{ord(match.group(3))};"


def md_inert(value: object) -> str:
    """`md_text`, and no live mention, issue reference or autolink on GitHub."""
    return _LIVE.sub(lambda m: m.group(1) + _ZWSP, md_text(value))


def link_target(target: str, fragment: bool = True) -> str:
    """A relative link target, percent-encoded: no `)`, space or `<` ends it,
    no `:` gives it a scheme, and it cannot start `//` (another host).
    `fragment=False` for a bare file path: a `#` in a file name is part of the
    name, not the start of an anchor."""
    text = utf8_text(target)
    path, hash_, anchor = text.partition("#") if fragment else (text, "", "")
    encoded = quote(path, safe="/")
    if encoded.startswith("/"):
        encoded = "." + encoded if not encoded.startswith("//") else "./" + encoded.lstrip("/")
    return encoded + (hash_ + quote(anchor, safe="") if hash_ else "")


def md_link(text: object, target: str, fragment: bool = True) -> str:
    """`[text](target)` with both escaped; `target` is relative."""
    return f"[{md_text(text)}]({link_target(target, fragment)})"


def hidden_marker(value: object) -> str:
    """A value inside an HTML comment (`<!-- key=value -->`): percent-encoded,
    so `-->` cannot end the comment; `urllib.parse.unquote` reads it back."""
    return quote(utf8_text("" if value is None else str(value)), safe="")
