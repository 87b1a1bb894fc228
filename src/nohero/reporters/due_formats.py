"""Name -> renderer for `nohero due --format`; the CLI's choices come from here."""

from __future__ import annotations

from collections.abc import Callable

from ..due import DueListing
from . import due_json, due_markdown, due_text

DUE_FORMATS: dict[str, Callable[[DueListing], str]] = {
    "text": due_text.render,
    "json": due_json.render,
    "markdown": due_markdown.render,
}
