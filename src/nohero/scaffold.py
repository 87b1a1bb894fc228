"""Scaffolding: a starter knowledge base (`nohero init`) and new documents
from a type's template (`nohero new`).

Templates are package data under `nohero/templates/`: `init/` is copied file
for file (add a file there and `init` ships it), `new/<type>.md` is one
document per type. A path part starting with `dot-` becomes `.` when written
(`dot-github/` -> `.github/`), because wheels and package globs drop hidden
files. Placeholders look like `@@today@@`; GitHub's `${{ ... }}` is left alone.

Existing files are never overwritten, and every file is written atomically
with no-clobber semantics, so a concurrent editor or a second `init` never
loses work.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from . import __version__
from .atomic import write_atomic
from .config import DOC_TYPES, Config
from .fields import rename_template_keys
from .roster import Roster

TEMPLATES = "templates"
DOT_PREFIX = "dot-"
_PLACEHOLDER = re.compile(r"@@([a-z_]+)@@")
_PLAIN_SCALAR = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/()+@-]*")

FALLBACK_NAME = "Your Name"
FALLBACK_EMAIL = "you@example.com"
FALLBACK_ID = "you"
EXAMPLE_BACKUPS = ("alex", "sam")
TODO_PERSON = "# TODO: a person or team id from people.yml"
TODO_SERVICE = "# TODO: the service this is about, e.g. payments-api"


class ScaffoldError(Exception):
    """A request nohero cannot honour (bad name, file exists): exit 2."""


@dataclass(frozen=True)
class GitUser:
    name: str | None
    email: str | None


@dataclass
class WriteResult:
    created: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


# -- identity -------------------------------------------------------------


def git_user(folder: Path) -> GitUser:
    """The git identity commits in `folder` would carry (user.name/user.email)."""

    def read(key: str) -> str | None:
        try:
            out = subprocess.run(
                ["git", "config", "--get", key],
                cwd=folder,
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        value = out.stdout.strip()
        return value if out.returncode == 0 and value else None

    return GitUser(read("user.name"), read("user.email"))


def slugify(text: str, fallback: str = "") -> str:
    """ASCII, lower-case, hyphen-separated: a file name or a roster id."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80].rstrip("-") or fallback


def title_slug(text: str) -> str:
    """A file name for a title no Latin letter spells (Japanese, Russian,
    Greek): its own letters and digits, lower-cased, hyphen-separated; the
    title itself stays as written in the front matter."""
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text).lower())
    return "-".join(words)[:80].rstrip("-")


def person_id(user: GitUser) -> str:
    """A roster id for the git user: the email's local part (GitHub noreply
    addresses keep only the login), else the name, else a placeholder."""
    if user.email and "@" in user.email:
        local = user.email.split("@", 1)[0]
        if user.email.lower().endswith("@users.noreply.github.com") and "+" in local:
            local = local.split("+", 1)[1]
        slug = slugify(local)
        if slug:
            return slug
    return slugify(user.name or "", FALLBACK_ID)


def roster_id_for_email(roster: Roster, email: str | None) -> str | None:
    """The roster person whose emails include `email` (case-insensitive)."""
    if not email:
        return None
    return roster.email_index().get(email.strip().lower())


# -- rendering ------------------------------------------------------------


def yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar: plain when unambiguous, else double-quoted
    (a JSON string is a valid YAML double-quoted scalar)."""
    if _PLAIN_SCALAR.fullmatch(value) and not value.endswith(" "):
        import yaml

        if yaml.safe_load(value) == value:
            return value
    return json.dumps(value, ensure_ascii=False)


def render(template: str, values: dict[str, str]) -> str:
    """Fill `@@name@@` placeholders; an unknown name is a bug in a template."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"template placeholder @@{name}@@ has no value")
        return values[name]

    return _PLACEHOLDER.sub(fill, template)


def _walk(node: Traversable, prefix: PurePosixPath) -> Iterator[tuple[PurePosixPath, Traversable]]:
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        if child.name == "__pycache__" or child.name.endswith(".pyc"):
            continue
        name = (
            "." + child.name[len(DOT_PREFIX) :] if child.name.startswith(DOT_PREFIX) else child.name
        )
        if child.is_dir():
            yield from _walk(child, prefix / name)
        else:
            yield prefix / name, child


def template_files(kind: str) -> list[tuple[str, str]]:
    """(target path, template text) for every file under templates/<kind>/."""
    root = resources.files("nohero").joinpath(TEMPLATES, kind)
    return [
        (str(rel), node.read_text(encoding="utf-8")) for rel, node in _walk(root, PurePosixPath())
    ]


# -- writing --------------------------------------------------------------


def create_file(path: Path, text: str) -> bool:
    """Write `path` atomically unless it exists; False when it did exist."""
    if path.exists() or path.is_symlink():
        return False
    return write_atomic(path, text.encode("utf-8"), create_only=True)


def write_files(target: Path, files: list[tuple[str, str]]) -> WriteResult:
    result = WriteResult()
    for rel, text in files:
        path = target / rel
        try:
            created = create_file(path, text)
        except OSError as exc:
            raise ScaffoldError(f"cannot write {rel}: {exc.strerror or exc}") from None
        (result.created if created else result.skipped).append(path)
    return result


# -- nohero init ----------------------------------------------------------


def init_values(user: GitUser, today: dt.date) -> dict[str, str]:
    owner = person_id(user)
    backup = next(b for b in EXAMPLE_BACKUPS if b != owner)
    return {
        "today": today.isoformat(),
        "nohero_version": __version__,  # generated workflows install exactly this
        "owner_id": owner,
        "owner_name": yaml_scalar(user.name or FALLBACK_NAME),
        "owner_email": yaml_scalar(user.email or FALLBACK_EMAIL),
        "backup_id": backup,
        "backup_name": yaml_scalar(f"{backup.capitalize()} Example"),
        "backup_email": yaml_scalar(f"{backup}@example.com"),
    }


def init_knowledge_base(target: Path, today: dt.date, user: GitUser | None = None) -> WriteResult:
    """Write the starter knowledge base into `target`, skipping files that exist."""
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScaffoldError(f"cannot create {target}: {exc.strerror or exc}") from None
    values = init_values(user if user is not None else git_user(target), today)
    return write_files(
        target, [(rel, render(text, values)) for rel, text in template_files("init")]
    )


# -- nohero new -----------------------------------------------------------


def folder_for(config: Config, doc_type: str) -> Path:
    """Where a new document of `doc_type` goes: the first folder the config's
    `types` maps to it, else docs_dir itself."""
    for folder, mapped in config.folder_types.items():
        if mapped == doc_type:
            folder = folder.strip("/")
            return config.docs_dir / folder if folder not in ("", ".") else config.docs_dir
    return config.docs_dir


def new_document_text(
    doc_type: str,
    title: str,
    today: dt.date,
    owner: str | None,
    backup: str | None,
    service: str | None,
) -> str:
    if doc_type not in DOC_TYPES:
        raise ScaffoldError(f"unknown type '{doc_type}': use one of {', '.join(DOC_TYPES)}")
    templates = dict(template_files("new"))
    values = {
        "title": yaml_scalar(title),
        "heading": " ".join(title.split()),
        "type": doc_type,
        "today": today.isoformat(),
        "owner": yaml_scalar(owner) if owner else f"  {TODO_PERSON}",
        "backup": yaml_scalar(backup) if backup else f"  {TODO_PERSON}",
        "service": yaml_scalar(service) if service else f"  {TODO_SERVICE}",
    }
    return render(templates[f"{doc_type}.md"], values)


def new_document(
    config: Config,
    doc_type: str,
    title: str,
    today: dt.date,
    owner: str | None = None,
    backup: str | None = None,
    service: str | None = None,
) -> Path:
    """Create a document from the type's template; refuse to overwrite."""
    slug = slugify(title) or title_slug(title)
    if not slug:
        raise ScaffoldError(f"'{title}' gives an empty file name: use letters or digits")
    if not title.strip():
        raise ScaffoldError("the document needs a name")
    path = folder_for(config, doc_type) / f"{slug}.md"
    if path.exists() or path.is_symlink():
        raise ScaffoldError(f"{config.rel(path)} already exists: choose another name")
    text = new_document_text(doc_type, title.strip(), today, owner, backup, service)
    text = rename_template_keys(text, config.fields)
    try:
        created = create_file(path, text)
    except OSError as exc:
        raise ScaffoldError(f"cannot write {config.rel(path)}: {exc.strerror or exc}") from None
    if not created:
        raise ScaffoldError(f"{config.rel(path)} already exists: choose another name")
    return path
