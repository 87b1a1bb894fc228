"""The document model: one Markdown file, read and parsed exactly once.

Everything downstream (rules, history, report, site) reads this value; nobody
re-parses a file. Reading is defensive: a file that cannot be used becomes a
`problem` on its Document, and discovery of the other files goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .digests import sha1_hex
from .durations import as_date
from .fields import nohero_view
from .frontmatter import FrontMatter, KeyPath, parse, split
from .headings import first_heading
from .lazyclass import field, record

if TYPE_CHECKING:
    from .doccache import DocumentCache
    from .schema import SchemaProblem


def blob_id(raw: bytes) -> str:
    """The git blob id of these bytes (no filters applied): what
    `git hash-object --no-filters` prints, so the same bytes in git history
    and on disk are recognised as one version."""
    return sha1_hex(b"blob %d\x00" % len(raw), raw)


BOM = "\ufeff"


@record(frozen=True)
class Problem:
    """A file-level problem found while reading; the checker turns it into a finding."""

    rule: str  # "frontmatter-invalid" or "file-unreadable"
    line: int
    message: str


@record
class Document:
    path: str  # repo-relative POSIX path
    source_file: str  # absolute path on disk (`source` gives it as a Path)
    docs_rel: str  # path relative to docs_dir (what MkDocs calls src_uri)
    doc_type: str  # declared type, else the folder's default
    meta: dict[str, Any] = field(default_factory=dict)
    front_matter: FrontMatter | None = None
    body: str = ""
    body_line: int = 1
    title: str | None = None
    title_line: int | None = None
    problems: list[Problem] = field(default_factory=list)
    keys: Mapping[str, str] = field(default_factory=dict)  # nohero field -> key in the file
    # git blob id of the bytes read (None when unreadable): the history miner
    # takes this version's review date and body from here instead of git
    blob: str | None = None
    # the schema rule's problems, when judged at load time (doccache.judge)
    schema_problems: list[SchemaProblem] | None = None

    @property
    def source(self) -> Path:
        """The file on disk. A Path is made only when asked for: one per
        document cost a load of 8,000 documents ~50 ms, for the few commands
        that open the file again (review, adopt, handover)."""
        return Path(self.source_file)

    def key(self, name: str) -> str:
        """The front matter key this document's repository uses for nohero's `name`."""
        return self.keys.get(name, name)

    @property
    def readable(self) -> bool:
        """True when the front matter (if any) was usable."""
        return not self.problems

    def line_of(self, *path: str | int) -> int:
        """Line of a key path in the front matter; the nearest known parent
        otherwise; the opening fence (or line 1) when the key is absent."""
        if self.front_matter is None:  # most pages of an adopted knowledge base
            return 1
        lines: dict[KeyPath, int] = self.front_matter.lines
        if path and isinstance(path[0], str) and path[0] in self.keys:
            path = (self.keys[path[0]], *path[1:])
        for end in range(len(path), 0, -1):
            if path[:end] in lines:
                return lines[path[:end]]
        return 1

    def get_str(self, key: str) -> str | None:
        value = self.meta.get(key)
        if not isinstance(value, str):
            return None
        return value.strip() or None

    def get_date(self, key: str) -> dt.date | None:
        return as_date(self.meta.get(key))

    @property
    def service(self) -> str | None:
        return self.get_str("service")

    @property
    def owner(self) -> str | None:
        return self.get_str("owner")

    @property
    def backup_owner(self) -> str | None:
        return self.get_str("backup_owner")

    def display_title(self) -> str:
        if self.title:
            return self.title
        name = self.path.rpartition("/")[2]  # Path(path).stem, without a Path per document
        dot = name.rfind(".")
        stem = name[:dot] if 0 < dot < len(name) - 1 else name
        return stem.replace("-", " ").replace("_", " ")


def parse_document(
    path: str,
    source: Path | str,
    docs_rel: str,
    raw: bytes,
    type_for: Any,
    fields: Mapping[str, str] | None = None,
    cache: DocumentCache | None = None,
) -> Document:
    """Build a Document from a file's bytes. `type_for(docs_rel, declared)`
    supplies the folder default type (see Config.type_for); `fields` maps
    nohero's field names to the keys this repository uses (Config.fields);
    `cache` remembers parsed front matter by blob id, so unchanged files parse
    no YAML."""
    source_file = source if type(source) is str else str(source)
    doc = Document(path=path, source_file=source_file, docs_rel=docs_rel, doc_type="")
    doc.keys = fields or {}
    if b"\x00" in raw:
        doc.doc_type = type_for(docs_rel, None)
        doc.problems.append(
            Problem(
                "file-unreadable",
                1,
                "file contains NUL bytes (binary?): only UTF-8 Markdown can be a document",
            )
        )
        return doc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        doc.doc_type = type_for(docs_rel, None)
        line = raw[: exc.start].count(b"\n") + 1
        doc.problems.append(
            Problem(
                "file-unreadable",
                line,
                f"file is not valid UTF-8 (byte {exc.start}): re-save it as UTF-8",
            )
        )
        return doc
    if text.startswith(BOM):
        text = text[1:]
    doc.blob = blob_id(raw)
    parts = split(text)
    doc.body, doc.body_line = parts.body, parts.body_line
    if parts.front_matter is not None:
        doc.front_matter = _parse_cached(parts.front_matter, doc.blob, cache)
        if doc.front_matter.error is not None:
            doc.problems.append(
                Problem(
                    "frontmatter-invalid",
                    doc.front_matter.error.line,
                    doc.front_matter.error.message,
                )
            )
        else:
            doc.meta = nohero_view(doc.front_matter.data or {}, doc.keys)
    doc.doc_type = type_for(docs_rel, doc.meta.get("type"))
    title = doc.meta.get("title")
    if isinstance(title, str) and title.strip():
        doc.title, doc.title_line = title.strip(), doc.line_of("title")
    else:
        heading = first_heading(doc.body)
        if heading is not None:
            doc.title, doc.title_line = heading[0], heading[1] + doc.body_line
    return doc


def _parse_cached(fm: FrontMatter, key: str, cache: DocumentCache | None) -> FrontMatter:
    if cache is None or fm.error is not None:
        return parse(fm)
    known = cache.get(key)
    if known is None:
        cache.put(key, parse(fm))
        return fm
    fm.data, fm.lines, fm.error, fm.plain = known.data, known.lines, known.error, known.plain
    return fm
