"""What the published site shows, built from the report as plain data and
Markdown/HTML. The MkDocs plugin is a thin adapter over this package, so the
same answers could be served by any other site generator."""

from .layout import SiteLayout
from .model import PagePanel, Person, SiteModel, build_site_model
from .render import SiteRenderer

__all__ = ["PagePanel", "Person", "SiteLayout", "SiteModel", "SiteRenderer", "build_site_model"]
