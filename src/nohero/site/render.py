"""Jinja rendering with autoescape on, for every template, including the
Markdown ones: anything from front matter or the roster is escaped for HTML
and for Markdown (by `nohero.escape.markdown`) before it reaches a page.
Users override a template by putting a file of the same name in one of
`overrides` (the plugin passes the theme's `custom_dir/nohero/`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from ..escape import md_link
from ..escape import md_text as _md_text
from .escalation import escalation_diagram
from .layout import page_url, relative, relative_url_from
from .precompiled import ShippedTranslations

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"


def md_text(value: object) -> Markup:
    """Text safe inside Markdown and HTML (the escape layer's `md_text`),
    marked safe so autoescape does not escape it twice."""
    return Markup(_md_text(value))


def slot_marker(index: int) -> str:
    """Where a page's bulk HTML goes: a raw HTML block Markdown passes through
    untouched (nothing from a document can spell it: every value is escaped)."""
    return f'<div data-nohero-slot="{index}"></div>'


def fill_slots(page_html: str, slots: Sequence[str]) -> str:
    """The finished page with each slot's HTML in place of its marker."""
    for index, html in enumerate(slots):
        page_html = page_html.replace(slot_marker(index), html, 1)
    return page_html


def show_date(value: dt.date | None, empty: str = "—") -> str:
    return value.isoformat() if value else empty


@dataclass(frozen=True)
class GeneratedPage:
    """A page's Markdown, and the bulk HTML `slots` it leaves placeholders
    for (`fill_slots` puts them into the finished page)."""

    src_uri: str
    title: str
    content: str
    slots: tuple[str, ...] = ()


class PersonHtml(NamedTuple):
    """A person as the panel shows them, from the `_contacts.html` macros."""

    short: Markup  # the name on the one line (first name on a phone)
    first: Markup  # their first contact as an icon link
    who: Markup  # the full name, linked
    all: Markup  # every contact


class SiteRenderer:
    def __init__(self, overrides: Sequence[Path] = (), shipped: bool = True) -> None:
        """`shipped`: take nohero's own templates as translated in advance
        (`nohero.site.precompiled`) when they still match."""
        self.overrides = [p for p in overrides if p.is_dir()]
        self.shipped = ShippedTranslations() if shipped else None
        loaders: list[jinja2.BaseLoader] = [
            jinja2.FileSystemLoader(str(p)) for p in overrides if p.is_dir()
        ]
        loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # a new renderer per build: no stat of each template per page
            bytecode_cache=self.shipped,
        )
        self.env.filters["md"] = md_text
        self.env.filters["date"] = show_date
        # (id(person), href) -> (person, HTML): owners and backups recur on many
        # pages, and pages in one folder link to them alike.
        self._people: dict[tuple[int, str | None], tuple[object, PersonHtml]] = {}

    def overrides_key(self) -> str:
        """Which user templates there are, and when they changed (for the memo)."""
        stamps = []
        for folder in self.overrides:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    stamps.append(f"{path}:{path.stat().st_mtime_ns}")
        return "|".join(stamps)

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context)

    def page(
        self,
        name: str,
        src_uri: str,
        slots: list[str] | None = None,
        url_of: Callable[[str], str] = page_url,
        **context: Any,
    ) -> str:
        """A generated Markdown page. In the template `link(text, target)` is
        a relative Markdown link; `href(target)` the published URL relative
        to this page (`url_of(src_uri)` is a page's site URL), for HTML; and
        `slot(html)` sets bulk HTML aside in `slots`, leaving a placeholder
        that `fill_slots` replaces in the finished page (without `slots` the
        HTML stays in place)."""
        from_here = relative_url_from(url_of(src_uri))

        def link(text: object, target: str | None) -> Markup:
            if not target:
                return md_text(text)
            return Markup(md_link(text, relative(src_uri, target), fragment=False))

        def href(target: str) -> str:
            return from_here(url_of(target))

        def slot(html: object) -> Markup:
            if slots is None:
                return Markup(html)
            slots.append(str(html))
            return Markup(slot_marker(len(slots) - 1))

        return self.render(
            name,
            link=link,
            href=href,
            slot=slot,
            src_uri=src_uri,
            escalation_svg=self.escalation_svg,
            **context,
        )

    def panel(
        self,
        panel: Any,
        url: Callable[[str], str | None],
        show_findings: bool,
        escalation_page: str = "",
    ) -> str:
        """The HTML block injected after a page's title; `url(src_uri)` gives a
        link relative to the page being rendered (None when not published)."""
        return self.render(
            "panel.html",
            person_html=self.person_html,
            panel=panel,
            verdict=panel.verdict,
            escalation=panel.escalation,
            escalation_page=escalation_page,
            url=url,
            show_findings=show_findings,
        )

    def panel_block(
        self, panel: Any, url: Callable[[str], str | None], escalation_page: str
    ) -> str:
        """Everything under a document's title: its panel, and on an
        escalation document's own page the path it describes."""
        block = self.panel(panel, url, show_findings=True, escalation_page=escalation_page)
        own = panel.escalation
        if panel.type == "escalation" and own is not None and own.path == panel.path and own.levels:
            block += "\n" + self.escalation_here(own, url, escalation_page)
        return block

    def person_html(self, person: Any, url: Callable[[str], str | None]) -> PersonHtml:
        """The panel's HTML for an owner or backup, made once per person and
        link target (the macros cost more than the rest of the panel)."""
        href = url(person.page) if person is not None and person.page else None
        key = (id(person), href)
        hit = self._people.get(key)
        if hit is None:
            macros = self.env.get_template("_contacts.html").module

            def link(_target: str) -> str | None:
                return href

            made = PersonHtml(
                macros.short(person, link),  # type: ignore[attr-defined]
                macros.first(person),  # type: ignore[attr-defined]
                macros.who(person, link),  # type: ignore[attr-defined]
                macros.all(person),  # type: ignore[attr-defined]
            )
            hit = self._people[key] = (person, made)  # the person kept: its id stays its own
        return hit[1]

    def escalation_here(
        self, path: Any, url: Callable[[str], str | None], escalation_page: str
    ) -> str:
        """The escalation document's own page: its path drawn, with who can
        answer each level and how to reach them, under the panel."""
        return self.render(
            "escalation_here.html",
            e=path,
            svg=self.escalation_svg(path),
            url=url,
            escalation_page=escalation_page,
        )

    def escalation_svg(self, path: Any) -> Markup:
        """An escalation path drawn as inline SVG, on one block of lines (a
        blank line would end Markdown's raw HTML block)."""
        svg = self.render("escalation.svg", d=escalation_diagram(path))
        return Markup("\n".join(line for line in svg.splitlines() if line.strip()))
