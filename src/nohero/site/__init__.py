"""What the published site shows, built from the report as plain data and
Markdown/HTML. The MkDocs plugin is a thin adapter over this package, so the
same answers could be served by any other site generator.

The names below load on first use (PEP 562): a warm site build takes its
pages from `site.cache` and never needs the model (nor the report, checker
and rules behind it)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .layout import SiteLayout
    from .model import PagePanel, Person, SiteModel, build_site_model
    from .render import SiteRenderer

__all__ = ["PagePanel", "Person", "SiteLayout", "SiteModel", "SiteRenderer", "build_site_model"]
_HOME = {"SiteLayout": "layout", "SiteRenderer": "render"}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_HOME.get(name, 'model')}", __name__), name)
