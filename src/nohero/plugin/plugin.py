"""MkDocs adapter: hands MkDocs' events to `nohero.site` and its results back.

Everything is computed once, in `on_files`: the site's products (generated
pages, every panel) from `nohero.site.cache`, which reads them from the
cache on a warm build and otherwise runs the analysis (git history mined in
a single pass) and renders them; page events only look results up. The
plugin never parses front matter and never runs git itself.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..clock import resolve_today
from ..config import _KNOWN_OPTIONS, Config, ConfigError, config_from_options, read_mkdocs_yaml
from ..escape import html_text as html_escape
from ..escape import inert_log_records, terminal
from ..site.cache import Analysed, SiteBuild, site_build
from ..site.layout import SiteLayout, page_url, parse_prefix
from ..site.memo import Memo, build_key
from ..site.progress import Progress
from ..site.render import ASSETS, SiteRenderer, fill_slots
from .inject import STATUS_TITLES, insert_after_first_h1, insert_after_title, publish_messages

if TYPE_CHECKING:  # the analysis is imported only when a build runs one (not a warm build)
    from ..site.analysis import Analysis

log = get_plugin_logger(__name__)

_TITLE = re.compile(r"<title>.*?</title>", re.S)
_NEEDS_ESCAPE = re.compile(r"[<>&]")
NAV_TITLE = "Knowledge health"
OFFLINE_SHIM = "unpkg.com/iframe-worker"
SHIM = "iframe-worker-shim.js"
_MERMAID = 'class="mermaid"'  # pymdownx.superfences' Mermaid fence, drawn by Material


class _AnyValue(config_options.BaseConfigOption[Any]):
    """Options are validated by `nohero.config`, shared with the CLI."""

    def run_validation(self, value: object) -> Any:
        return value


class NoheroPlugin(BasePlugin):  # type: ignore[type-arg]
    config_scheme = tuple((name, _AnyValue()) for name in sorted(_KNOWN_OPTIONS))

    def __init__(self) -> None:
        self._options: dict[str, Any] = {}
        self.active = False
        self.nohero: Config | None = None
        self.site: SiteBuild | None = None
        self.renderer: SiteRenderer | None = None
        self.css_uri = ""
        self._files: Files | None = None
        self._plain_titles: dict[str, str] = {}
        self._deferred_panels: dict[str, str] = {}  # src_uri -> panel HTML, for on_post_page
        self._slots: dict[str, tuple[str, ...]] = {}  # generated page -> its bulk HTML
        self._memo = Memo()  # kept across `mkdocs serve` rebuilds (see on_startup)
        self._key = ""
        self._serving = False  # only `serve` rebuilds: a one-off build skips the memo's key
        self.progress = Progress()
        self._given: Analysis | None = None
        self._mermaid_pages: list[str] = []  # pages whose diagrams need mermaid.js from a CDN
        self._local_mermaid = False

    def use_analysis(self, analysis: Analysis) -> None:
        """Take the analysis `nohero build` already ran for the next build, so
        each document is read and parsed once per command, not once per face."""
        self._given = analysis

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so MkDocs keeps this plugin object across `mkdocs serve`
        rebuilds: the memo then answers reloads that change nothing nohero reads."""
        self._serving = command == "serve"

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None):  # type: ignore[no-untyped-def]
        """Keep the options as written: nohero tells 'absent' from 'null'."""
        self._options = dict(options)
        return super().load_config(options, config_file_path)

    # -- once per build --------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        inert_log_records("mkdocs")  # MkDocs's own warnings quote file names too
        self.active = self._options.get("enabled", True) is not False
        self._plain_titles = {}
        self._deferred_panels = {}
        self.site = None
        self._mermaid_pages = []
        self._local_mermaid = any(
            "mermaid" in str(js) and "://" not in str(js) for js in config.extra_javascript
        )
        if not self.active:
            return config
        raw = self._raw_mkdocs(config)
        options = {k: v for k, v in self._options.items() if k != "site_prefix"}
        try:
            self.nohero = config_from_options(self._config_path(config), raw, options)
            self.layout = SiteLayout(parse_prefix(self._options.get("site_prefix")))
            today = resolve_today()
            # The key stats every document and asks git for HEAD: worth it only
            # when a later rebuild in this process can reuse the answer.
            self._key = build_key(self.nohero, today) if self._serving else ""
        except ConfigError as exc:
            raise PluginError(f"nohero: {exc}") from None
        self.today = today
        custom_dir = config.theme.custom_dir
        overrides = [Path(custom_dir) / "nohero"] if custom_dir else []
        self.renderer = SiteRenderer(overrides)
        self.css_uri = f"{self.layout.prefix}nohero.css"
        if self.css_uri not in config.extra_css:
            config.extra_css.append(self.css_uri)
        status = config.extra.get("status")
        if not isinstance(status, dict):
            status = {}
        for key, text in STATUS_TITLES.items():
            status.setdefault(key, text)
        config.extra["status"] = status
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.active or self.nohero is None or self.renderer is None:
            return files
        renderer = self.renderer
        published = {f.src_uri: f.url for f in files.documentation_pages()}
        directory_urls = bool(config.use_directory_urls)
        urls: dict[str, str] = {}  # the generated pages link the same pages thousands of times

        def url_of(src_uri: str) -> str:
            url = urls.get(src_uri)
            if url is None:
                file = files.get_file_from_path(src_uri)
                url = file.url if file is not None else page_url(src_uri, directory_urls)
                urls[src_uri] = url
            return url

        def site() -> SiteBuild:
            built, hit = site_build(
                self.nohero,  # type: ignore[arg-type]
                self.today,
                self.layout,
                renderer,
                published,
                url_of,
                self._analysed,
            )
            if hit:
                log.debug("generated pages and panels from the cache: nothing analysed")
            return built

        key = ""
        if self._key:
            pages_in = hashlib.sha256("\0".join(sorted(published)).encode()).hexdigest()
            overrides = renderer.overrides_key()
            key = f"{self._key}:{self.layout.prefix}:{pages_in}:{overrides}:{directory_urls}"
        self.site = built = self._memo.get("site", key, site)
        for line in built.messages:
            log.info(line)
        self._slots = {page.src_uri: page.slots for page in built.pages if page.slots}
        self.progress.start(built.analysed, len(published) + len(built.pages))
        for page in built.pages:
            self._add(
                files,
                config,
                File.generated(
                    config, page.src_uri, content=page.content, inclusion=InclusionLevel.NOT_IN_NAV
                ),
            )
        self._add(
            files,
            config,
            File.generated(config, self.css_uri, abs_src_path=str(ASSETS / "nohero.css")),
        )
        self._offline_shim(files, config)
        self._files = files
        return files

    def _analysed(self) -> Analysed:
        """The analysis, run now (or handed over, or remembered by `serve`),
        when the site's products are not in the cache; what the log says
        about it; a PluginError when its findings block publishing."""
        assert self.nohero is not None
        config, today = self.nohero, self.today
        ran: list[bool] = []

        def fresh() -> Analysis:
            from ..site.analysis import analyse

            ran.append(True)
            return analyse(config, today)

        try:
            analysis = self._reuse(today) or self._memo.get("analysis", self._key, fresh)
        except ConfigError as exc:
            raise PluginError(f"nohero: {exc}") from None
        messages = []
        if analysis.history_note:
            hint = f": {analysis.history_fix}" if analysis.history_fix else ""
            note = f"git history unavailable ({analysis.history_note}); pages say so{hint}"
            messages.append(terminal(note))
        if analysis.errors and not config.publish_with_errors:
            from ..reporters.base import finding_line

            for f in analysis.errors:
                log.error(finding_line(f))
            raise PluginError(
                f"nohero: {len(analysis.errors)} error-level finding(s) block publishing: "
                "fix them, or set plugins.nohero.publish_with_errors: true "
                "to publish with them shown on the pages"
            )
        if analysis.errors:
            # Said at INFO on purpose: the site must still publish under `strict: true`
            # (a roster change on main must not take it down), page by page.
            messages += publish_messages(analysis.errors)
        return Analysed(analysis, bool(ran), messages)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Append one 'Knowledge health' section; person pages stay out of the nav."""
        if not self.active or self.site is None:
            return nav
        layout = self.layout
        pages: list[Page] = []
        uris = (layout.dashboard, layout.owners, layout.services, layout.escalations)
        for uri in (*uris, f"{layout.prefix}alerts.md"):  # site.alerts.alerts_uri
            file = files.get_file_from_path(uri)
            if file is not None and file.page is not None:
                pages.append(file.page)
        if not pages:
            return nav
        section = Section(NAV_TITLE, list(pages))
        section.parent = None
        for page in pages:
            page.parent = section
        nav.items.append(section)
        nav.pages.extend(pages)
        for before, after in zip(nav.pages, nav.pages[1:], strict=False):
            before.next_page, after.previous_page = after, before
        return nav

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """`serve` rebuilds when the roster changes too: owners, backups and
        escalation paths all read it (MkDocs itself watches only docs_dir and
        mkdocs.yml); and when an alert rule file changes (the Alerts page and
        each runbook's 'Alerts that lead here')."""
        if self.active and self.nohero is not None and self.nohero.roster_path.exists():
            server.watch(str(self.nohero.roster_path))
        if self.active and self.nohero is not None and self.nohero.alerts is not None:
            from ..alerts.rulefiles import watched_paths

            for path in watched_paths(self.nohero, self.nohero.alerts.rules):
                server.watch(str(path))
        return server

    # -- per page: look-ups only ------------------------------------------

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.active or self.site is None:
            return markdown
        title = page.meta.get("title")
        if isinstance(title, str):
            page.meta["title"] = html_escape(title)  # themes render titles unescaped
            self._plain_titles[page.file.src_uri] = title
        panel = self.site.panels.get(page.file.src_uri)
        if panel is not None and panel.nav_status and "status" not in page.meta:
            page.meta["status"] = panel.nav_status
        return markdown

    @event_priority(-50)  # after other plugins changed the HTML, before search reads it
    def on_page_content(
        self, html_text: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.active or self.site is None:
            return html_text
        if "title" not in page.meta and page.title and _NEEDS_ESCAPE.search(page.title):
            # A heading's text keeps or decodes entities depending on the path it took;
            # normalise to plain text, then escape once for themes that print it raw.
            plain = html.unescape(page.title)
            self._plain_titles[page.file.src_uri] = plain
            page.meta["title"] = html_escape(plain)
        if _MERMAID in html_text and not self._local_mermaid:
            self._mermaid_pages.append(page.file.src_uri)
        alerts = self.site.alerts.get(page.file.src_uri)
        if alerts:  # after the content, where search indexes the alert names
            html_text = html_text + "\n" + alerts
        panel = self.site.panels.get(page.file.src_uri)
        if panel is None:
            return html_text
        block = panel.html
        if html_text.lstrip().startswith("<h1") and "</h1>" in html_text:
            # Added to the finished page instead: search never has to parse (and
            # then exclude) it, which was a third of the plugin's per-page cost.
            self._deferred_panels[page.file.src_uri] = block
            return html_text
        return insert_after_title(html_text, block)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        """Add a deferred panel after the page's <h1>. Themes pass the title
        through `striptags`, which decodes entities again: rewrite <title>
        from the plain text for titles that need it."""
        if self.active:
            self.progress.page_rendered()
        block = self._deferred_panels.pop(page.file.src_uri, None)
        if block is not None:
            output = insert_after_first_h1(output, block)
        slots = self._slots.get(page.file.src_uri)
        if slots:  # a generated page's bulk tables: after search has read the page
            output = fill_slots(output, slots)
        plain = self._plain_titles.get(page.file.src_uri)
        if not self.active or plain is None or not _NEEDS_ESCAPE.search(plain):
            return output
        title = f"{html_escape(plain)} - {html_escape(config.site_name)}"
        return _TITLE.sub(lambda _: f"<title>{title}</title>", output, count=1)

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.progress.finish()
        if self.active and self._mermaid_pages:
            # INFO, not a warning: a strict build must not fail over the user's own
            # diagrams; the reader of the build log learns what offline readers lose.
            pages = ", ".join(terminal(p) for p in sorted(self._mermaid_pages)[:5])
            more = len(self._mermaid_pages) - 5
            log.info(
                f"{len(self._mermaid_pages)} page(s) with Mermaid diagrams ({pages}"
                f"{f' and {more} more' if more > 0 else ''}) load mermaid.js from unpkg.com: "
                "offline readers see the diagram's source. To draw them offline, add a copy "
                "of mermaid.min.js to extra_javascript (Material then uses it); nohero's own "
                "escalation diagrams need nothing."
            )

    # -- helpers ------------------------------------------------------------

    def _offline_shim(self, files: Files, config: MkDocsConfig) -> None:
        """Material's offline plugin loads its web-worker shim from unpkg.com,
        so search from file:// needs the internet. Serve the packaged copy."""
        polyfills = config.extra.get("polyfills")
        if not isinstance(polyfills, list) or not any(OFFLINE_SHIM in str(u) for u in polyfills):
            return
        uri = f"{self.layout.prefix}iframe-worker-shim.js"
        self._add(files, config, File.generated(config, uri, abs_src_path=str(ASSETS / SHIM)))
        config.extra["polyfills"] = [uri if OFFLINE_SHIM in str(u) else u for u in polyfills]

    def _reuse(self, today: object) -> Analysis | None:
        """The analysis handed over by `use_analysis`, once, when it was made
        for this configuration and day (a `serve` rebuild analyses afresh)."""
        given, self._given = self._given, None
        if given is None or self.nohero is None or given.today != today:
            return None
        if given.config.config_file != self.nohero.config_file:
            return None
        return given

    def _add(self, files: Files, config: MkDocsConfig, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            log.warning(
                f"docs/{terminal(file.src_uri)} already exists, so nohero's generated page "
                "is not added: "
                "rename it or set plugins.nohero.site_prefix"
            )
            return
        files.append(file)

    @staticmethod
    def _config_path(config: MkDocsConfig) -> Path:
        if config.config_file_path:
            return Path(config.config_file_path)
        return Path(config.docs_dir).parent / "mkdocs.yml"

    def _raw_mkdocs(self, config: MkDocsConfig) -> dict[str, Any]:
        """mkdocs.yml as the CLI reads it, so both see the same settings."""
        path = self._config_path(config)
        try:
            raw = read_mkdocs_yaml(path) if path.is_file() else {}
        except ConfigError:
            raw = {}
        raw["docs_dir"] = config.docs_dir
        return raw
