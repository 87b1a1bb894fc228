"""Where each generated page lives (docs-relative, like MkDocs' src_uri), and
how one page links to another: in the Markdown skeleton of a generated page
links are relative `.md` paths, which MkDocs validates and rewrites like any
hand-written link; in the bulk HTML tables (which skip Markdown) they are
the published URLs, computed by MkDocs' own rules (`page_url`,
`relative_url`)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from ..config import ConfigError
from ..escape.structured import utf8_text

DEFAULT_PREFIX = "nohero/"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def parse_prefix(value: object) -> str:
    """`site_prefix` option: a docs-relative folder such as `nohero/`."""
    if value is None:
        return DEFAULT_PREFIX
    if not isinstance(value, str) or not value.strip("/ ") or ".." in value.split("/"):
        raise ConfigError(
            "mkdocs.yml: plugins.nohero.site_prefix must be a folder name like 'nohero/'"
        )
    return value.strip("/ ") + "/"


def slug(ident: str) -> str:
    """A file name for a roster id; ids are free text in YAML, file names are not."""
    return _UNSAFE.sub("-", ident).strip("-.") or "x"


@dataclass
class SiteLayout:
    prefix: str = DEFAULT_PREFIX
    _slugs: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def dashboard(self) -> str:
        return f"{self.prefix}index.md"

    @property
    def owners(self) -> str:
        return f"{self.prefix}owners.md"

    @property
    def services(self) -> str:
        return f"{self.prefix}services.md"

    @property
    def escalations(self) -> str:
        return f"{self.prefix}escalations.md"

    def person(self, ident: str) -> str:
        return self._page("people", ident)

    def team(self, ident: str) -> str:
        return self._page("teams", ident)

    def _page(self, kind: str, ident: str) -> str:
        key = (kind, ident)
        if key not in self._slugs:
            taken = set(self._slugs.values())
            base = name = slug(ident)
            n = 2
            while f"{kind}/{name}" in taken:
                name, n = f"{base}-{n}", n + 1
            self._slugs[key] = f"{kind}/{name}"
        return f"{self.prefix}{self._slugs[key]}.md"

    def owns(self, src_uri: str) -> bool:
        return src_uri.startswith(self.prefix)


def relative(from_src: str, to_src: str) -> str:
    """The path from one docs-relative page to another. Both are file paths:
    a `#` is part of a file name (`##[error].md` is a page), never an anchor."""
    start = [part for part in posixpath.dirname(from_src).split("/") if part not in ("", ".")]
    parts = [part for part in to_src.split("/") if part not in ("", ".")]
    if to_src.startswith("/") or from_src.startswith("/") or ".." in start or ".." in parts:
        return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    # the usual case, without relpath's abspath/getcwd (thousands of links a build)
    return _between(start, parts)


def _between(start: list[str], parts: list[str]) -> str:
    """The way from folder `start` to `parts`, both as lists of names: up
    past what they do not share, then down."""
    common = 0
    while common < min(len(start), len(parts)) and start[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:]) or "."


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs publishes a Markdown page at (`File.url`): `a/b.md` is
    `a/b/` (`a/b.html` without directory URLs), `a/index.md` and
    `a/README.md` are `a/` (`a/index.html`), percent-encoded. A file name
    that is not UTF-8 (its bytes decoded with surrogate escapes) has each
    undecodable byte shown as U+FFFD: a URL is UTF-8 text."""
    parent, _, name = utf8_text(src_uri).rpartition("/")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = "index" if stem == "README" else stem
    folder = f"{parent}/" if parent else ""
    if not use_directory_urls:
        return quote(f"{folder}{stem}.html")
    if stem == "index":
        return quote(folder or "./")
    return quote(f"{folder}{stem}/")


def relative_url(url: str, from_url: str) -> str:
    """`url` relative to the page published at `from_url`, exactly as
    MkDocs' `get_relative_url` writes it (a last part with a dot is a file;
    `..` above the site root stays at the root)."""
    return relative_url_from(from_url)(url)


def relative_url_from(from_url: str) -> Callable[[str], str]:
    """`relative_url(url, from_url)` for any `url`, with `from_url` read once
    (a generated page links thousands of pages)."""
    folder, _, last = from_url.rpartition("/")
    start = _url_parts(folder if "." in last else from_url)

    def relative_to(url: str) -> str:
        rel = _between(start, _url_parts(url))
        return rel + "/" if url.endswith("/") else rel

    return relative_to


def _url_parts(path: str) -> list[str]:
    if "." not in path and not path.startswith("//"):  # only empty parts to drop
        return [part for part in path.split("/") if part]
    path = posixpath.normpath(path if path.startswith("/") else "/" + path)[1:]
    return path.split("/") if path else []
