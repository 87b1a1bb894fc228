"""The one escaping layer: a module per output channel, used by every writer.

Anything that came from a document, the roster, a file name or git history
is hostile until it passes through the function for the channel it is
written to. Pull-request authors control all of those, so none of it may
become markup, a link to a scheme, a CI command, a mention, a CODEOWNERS rule
or a terminal escape sequence (SECURITY.md has the threat model).

| channel | module | functions |
| --- | --- | --- |
| terminal and CI logs | `terminal` | `terminal`, `terminal_lines`, `inert_log_records` |
| GitHub workflow commands | `github` | `workflow_command`, `escape_data`, `escape_property` |
| HTML | `html` | `html_text` |
| Markdown (site, reports, issues) | `markdown` | `md_text`, `md_inert`, `md_link`, |
| | | `link_target`, `hidden_marker` |
| CODEOWNERS | `codeowners` | `valid_handle`, `codeowners_pattern` |
| JSON / SARIF / XML | `structured` | `utf8_text`, `utf8_clean`, `uri_path`, `xml_text`, |
| | | `xml_shown` |
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Loaded now: `terminal` is also the name of its module, which a lazy import
# would leave bound to the module instead of the function.
from .terminal import inert_log_records, terminal, terminal_lines

if TYPE_CHECKING:
    from .codeowners import codeowners_pattern, valid_handle
    from .github import escape_data, escape_property, workflow_command
    from .html import html_text
    from .markdown import hidden_marker, link_target, md_inert, md_link, md_text
    from .structured import uri_path, utf8_clean, utf8_text, xml_shown, xml_text

# name -> channel module. Imported on first use (PEP 562): a pre-commit run
# that prints to a terminal does not load the HTML, Markdown and URL modules.
_CHANNEL = {
    "codeowners_pattern": "codeowners",
    "valid_handle": "codeowners",
    "escape_data": "github",
    "escape_property": "github",
    "workflow_command": "github",
    "html_text": "html",
    "hidden_marker": "markdown",
    "link_target": "markdown",
    "md_inert": "markdown",
    "md_link": "markdown",
    "md_text": "markdown",
    "uri_path": "structured",
    "utf8_clean": "structured",
    "utf8_text": "structured",
    "xml_shown": "structured",
    "xml_text": "structured",
}


def __getattr__(name: str) -> Any:
    channel = _CHANNEL.get(name)
    if channel is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{channel}"), name)
    globals()[name] = value
    return value


__all__ = [
    "codeowners_pattern",
    "escape_data",
    "escape_property",
    "hidden_marker",
    "html_text",
    "inert_log_records",
    "link_target",
    "md_inert",
    "md_link",
    "md_text",
    "terminal",
    "terminal_lines",
    "uri_path",
    "utf8_clean",
    "utf8_text",
    "valid_handle",
    "workflow_command",
    "xml_shown",
    "xml_text",
]
