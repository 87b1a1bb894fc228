"""The document's first level-1 heading: its title when front matter has none.

Kept apart from front matter parsing because it reads the body, which is
anyone's text: every pattern here is linear (a pre-commit hook must not hang).
"""

from __future__ import annotations

from . import lazyre
from .frontmatter import _CODE_FENCE

_SETEXT_H1 = lazyre.compile(r"^ {0,3}=+[ \t]*$")


def atx_h1(line: str) -> str | None:
    """The text of an ATX level-1 heading line (`# Title #`, attribute list
    `{#id}` removed), else None.

    Plain string work, not a regex: the obvious pattern backtracks
    polynomially on a heading followed by many spaces and one more character,
    and a document's text is anyone's input (a pre-commit hook must not hang).
    """
    rest = line.lstrip(" ")
    if len(line) - len(rest) > 3 or not rest.startswith("#") or rest[1:2] not in (" ", "\t"):
        return None
    text = rest[1:].strip()
    closed = text.rstrip("#")
    if closed != text and (not closed or closed[-1] in " \t"):
        text = closed.rstrip()
    if text.endswith("}"):  # a trailing attribute list: `# Title { #anchor }`
        opening = text.find("{", text.rfind("}", 0, len(text) - 1) + 1)
        if opening != -1:
            text = text[:opening].rstrip()
    text = text.strip()
    return text or None


def first_heading(body: str) -> tuple[str, int] | None:
    """The first level-1 heading outside fenced code, with its 0-based line in body."""
    lines = body.split("\n")
    fence: str | None = None
    previous = ""
    for index, line in enumerate(lines):
        m = _CODE_FENCE.match(line)
        if fence is not None:
            if (
                m
                and m.group(1)[0] == fence[0]
                and len(m.group(1)) >= len(fence)
                and not line.strip()[len(m.group(1)) :].strip()
            ):
                fence = None
            continue
        if m:
            fence = m.group(1)
            previous = ""
            continue
        heading = atx_h1(line)
        if heading is not None:
            return heading, index
        if _SETEXT_H1.match(line) and previous.strip() and not previous.startswith("    "):
            return previous.strip(), index - 1
        previous = line
    return None
