"""The generated pages and the dashboard's trend chart, kept on disk under
the analysis's fingerprint: a second `mkdocs build` (or the first `serve`
build after one) at the same HEAD on an unchanged tree neither replays the
history month by month for the trend nor renders the generated pages again.

The key is `nohero.resultcache.fingerprint` (#11), the ONE function that
names every input an analysis reads (nohero's code and templates, the
configuration, git, the environment, today and the files of the working
tree), with what else the pages depend on as its options: the site prefix,
the user's template overrides, and the URL of every published page (which
`use_directory_urls`, `exclude_docs` and other plugins decide). Stored and
signed by `resultcache` in the git dir (a file nohero did not sign is a
miss), and only when no input changed during the build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .. import resultcache
from ..config import Config
from .analysis import Analysis, trend_svg
from .layout import SiteLayout
from .model import SiteModel, build_site_model
from .pages import GeneratedPage, generated_pages
from .render import SiteRenderer

COMMAND = "site"  # the question asked, for the fingerprint
FORMAT = 1


@dataclass(frozen=True)
class SitePages:
    """What the plugin renders once per analysis."""

    trend_svg: str | None
    pages: list[GeneratedPage]


def site_and_pages(
    analysis: Analysis,
    layout: SiteLayout,
    renderer: SiteRenderer,
    published: dict[str, str],
    url_of: Callable[[str], str],
    before: resultcache.Fingerprint | None,
) -> tuple[SiteModel, list[GeneratedPage], bool]:
    """The site model, and the generated pages from the cache or rendered
    (True when cached). `published`: docs-relative page -> its URL."""
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

    def render() -> SitePages:
        svg = trend_svg(analysis, today)
        pages = generated_pages(model, renderer, set(published), svg, rules_off, url_of)
        return SitePages(svg, pages)

    fp = site_fingerprint(before, today, layout.prefix, renderer.overrides_key(), published.items())
    rendered, hit = cached_site(fp, render)
    return model, rendered.pages, hit


def inputs_now(config: Config) -> resultcache.Fingerprint | None:
    """The analysis's inputs, taken just BEFORE it runs: pages are only
    stored when the inputs at render time are still these (a file edited
    while the analysis ran would otherwise file old pages under new inputs)."""
    return resultcache.fingerprint(config, COMMAND, ())


def site_fingerprint(
    before: resultcache.Fingerprint | None,
    today: dt.date,
    prefix: str,
    overrides: str,
    urls: Iterable[tuple[str, str]],
) -> resultcache.Fingerprint | None:
    """Every input of the generated pages; None when there is no cache, or
    when an input of the analysis changed since `before` was taken."""
    if before is None:
        return None
    config = before.args[0]
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
    fp = resultcache.fingerprint(config, COMMAND, options)
    if fp is None or any(fp.parts[k] != before.parts[k] for k in fp.parts if k != "question"):
        return None
    return fp


def cached_site(
    fp: resultcache.Fingerprint | None, compute: Callable[[], SitePages]
) -> tuple[SitePages, bool]:
    """(the pages, True when they came from the cache)."""
    if fp is not None:
        stored = _decode(resultcache.recall(fp))
        if stored is not None:
            return stored, True
    site = compute()
    if fp is not None:
        resultcache.remember(fp, _encode(site))
    return site, False


def _encode(site: SitePages) -> str:
    pages = [[p.src_uri, p.title, p.content, list(p.slots)] for p in site.pages]
    return json.dumps({"trend_svg": site.trend_svg, "pages": pages})


def _decode(text: str | None) -> SitePages | None:
    """The stored pages; None for anything but the shape `_encode` writes."""
    if text is None:
        return None
    try:
        data = json.loads(text)
        svg, rows = data["trend_svg"], data["pages"]
        pages = [
            GeneratedPage(src, title, content, tuple(slots)) for src, title, content, slots in rows
        ]
    except (ValueError, KeyError, TypeError):
        return None
    texts = [svg or ""] + [x for p in pages for x in (p.src_uri, p.title, p.content, *p.slots)]
    if not all(isinstance(x, str) for x in texts):
        return None
    return SitePages(svg, pages)
