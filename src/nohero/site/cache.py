"""Everything a site build computes once, kept on disk under the inputs'
fingerprint: a second `mkdocs build` (or the first `serve` build after one)
at the same HEAD on an unchanged tree neither analyses anything (no
document parsed, no history read, no report) nor renders a panel, a trend
chart or a generated page again. It reads one signed file instead.

What is kept (`SiteBuild`) is what the plugin's page events need: the
generated pages, each published document's panel (Material's navigation
status and the HTML under its title), its alerts block, and the build log's
lines. The key is `nohero.resultcache.fingerprint` (#11), the ONE function
that names every input an analysis reads (nohero's code and templates, the
configuration, git, the environment, today and the files of the working
tree), with what else the pages depend on as its options: the site prefix,
the user's template overrides, and the URL of every published page (which
`use_directory_urls`, `exclude_docs` and other plugins decide). It is taken
BEFORE the analysis runs and stored by `resultcache` in the git dir (a file
nohero did not sign is a miss) only when no input changed during the build,
so a file edited mid-build never files old pages under new inputs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import resultcache
from ..config import Config
from .layout import SiteLayout, relative_url_from
from .render import GeneratedPage, SiteRenderer

if TYPE_CHECKING:  # the analysis loads only when a build runs one
    from .analysis import Analysis

COMMAND = "site"  # the question asked, for the fingerprint
FORMAT = 2


class PagePanelHtml(NamedTuple):
    """A published document's panel as the page events use it."""

    nav_status: str | None  # Material's page `status` (None: nothing needs attention)
    html: str  # the block under the page's title


@dataclass(frozen=True)
class SiteBuild:
    """What one build computes once, for the page events to look up."""

    pages: list[GeneratedPage]
    panels: dict[str, PagePanelHtml]  # docs-relative page -> its panel
    alerts: dict[str, str]  # docs-relative page -> its "alerts that lead here" HTML
    messages: list[str]  # the build log's lines about the analysis (INFO)
    analysed: int  # documents analysed, for the progress line


class Analysed(NamedTuple):
    """An analysis handed to `site_build`, with what the log says about it."""

    analysis: Analysis
    storable: bool  # run after the fingerprint was taken: its pages may be stored
    messages: list[str]


def site_build(
    config: Config,
    today: dt.date,
    layout: SiteLayout,
    renderer: SiteRenderer,
    published: dict[str, str],
    url_of: Callable[[str], str],
    analysed: Callable[[], Analysed],
) -> tuple[SiteBuild, bool]:
    """The build's products from the cache (True), else from `analysed()`
    (which runs or reuses the analysis only now). `published`: docs-relative
    page -> its URL; `url_of(src_uri)` the URL of any page, generated ones
    included."""
    fp = site_fingerprint(config, today, layout.prefix, renderer.overrides_key(), published.items())
    if fp is not None:
        stored = _decode(resultcache.recall(fp))
        if stored is not None:
            return stored, True
    fresh = analysed()
    built = render_site(fresh.analysis, layout, renderer, published, url_of, fresh.messages)
    if fp is not None and fresh.storable:
        resultcache.remember(fp, _encode(built))
    return built, False


def site_fingerprint(
    config: Config,
    today: dt.date,
    prefix: str,
    overrides: str,
    urls: Iterable[tuple[str, str]],
) -> resultcache.Fingerprint | None:
    """Every input of the build's products; None when there is no cache."""
    published = hashlib.sha256()
    for src_uri, url in sorted(urls):
        published.update(f"{src_uri}\0{url}\n".encode("utf-8", "surrogateescape"))
    options = (
        ("format", FORMAT),
        ("today", today.isoformat()),
        ("prefix", prefix),
        ("overrides", overrides),
        ("urls", published.hexdigest()),
    )
    return resultcache.fingerprint(config, COMMAND, options)


def render_site(
    analysis: Analysis,
    layout: SiteLayout,
    renderer: SiteRenderer,
    published: dict[str, str],
    url_of: Callable[[str], str],
    messages: list[str],
) -> SiteBuild:
    """The site model, then every generated page, panel and alerts block."""
    from . import pages as generated
    from .analysis import trend_svg
    from .model import build_site_model

    today = analysis.today
    model = build_site_model(
        analysis.report,
        analysis.kb.roster,
        today,
        layout,
        analysis.history_note,
        analysis.kb.also_published,
    )
    rules_off = frozenset(r for r, level in analysis.config.severities.items() if level is None)
    shown = set(published)
    svg = trend_svg(analysis, today)
    pages = generated.generated_pages(model, renderer, shown, svg, rules_off, url_of)
    alerts: dict[str, str] = {}
    if model.report.alerts is not None:  # nohero.alerts is imported only when configured
        from .alerts import alert_pages, alert_rows, alerts_block, rows_by_page

        pages = [*pages, *alert_pages(model, renderer, shown)]
        by_page = rows_by_page(alert_rows(model, shown))
        alerts = {uri: alerts_block(renderer, rows) for uri, rows in by_page.items()}
    linkable = shown | {page.src_uri for page in pages}

    def links_from(here: str) -> Callable[[str], str | None]:
        from_here = relative_url_from(url_of(here))

        def url(target: str) -> str | None:
            return from_here(url_of(target)) if target in linkable else None

        return url

    panels = {
        uri: PagePanelHtml(
            panel.nav_status,
            renderer.panel_block(panel, links_from(uri), model.layout.escalations),
        )
        for uri, panel in model.panels.items()
        if uri in shown
    }
    return SiteBuild(pages, panels, alerts, messages, len(analysis.report.docs))


def _encode(site: SiteBuild) -> str:
    return json.dumps(
        {
            "pages": [[p.src_uri, p.title, p.content, list(p.slots)] for p in site.pages],
            "panels": {uri: [p.nav_status, p.html] for uri, p in site.panels.items()},
            "alerts": site.alerts,
            "messages": site.messages,
            "analysed": site.analysed,
        }
    )


def _decode(text: str | None) -> SiteBuild | None:
    """The stored build; None for anything but the shape `_encode` writes."""
    if text is None:
        return None
    try:
        data: Any = json.loads(text)
        pages = [
            GeneratedPage(src, title, content, tuple(slots))
            for src, title, content, slots in data["pages"]
        ]
        panels = {uri: PagePanelHtml(st, html) for uri, (st, html) in data["panels"].items()}
        alerts, messages, analysed = data["alerts"], data["messages"], data["analysed"]
        texts = [x for p in pages for x in (p.src_uri, p.title, p.content, *p.slots)]
        texts += [x for uri, p in panels.items() for x in (uri, p.nav_status or "", p.html)]
        texts += [*alerts, *alerts.values(), *messages]
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if not isinstance(messages, list) or type(analysed) is not int:
        return None
    if not all(isinstance(x, str) for x in texts):
        return None
    return SiteBuild(pages, panels, alerts, messages, analysed)
