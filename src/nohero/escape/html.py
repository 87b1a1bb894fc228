"""HTML text and attribute values.

`&`, `<`, `>`, `"` and `'` become entities, so a value can neither open a
tag nor leave a quoted attribute. Jinja's autoescape does the same for the
site's templates; this is for HTML that Python assembles itself (SVG
labels, page titles).
"""

from __future__ import annotations

import html


def html_text(value: object) -> str:
    """`value` as inert HTML text, safe in element content and quoted attributes."""
    return html.escape("" if value is None else str(value), quote=True)
