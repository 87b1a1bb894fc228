"""nohero's own site templates, shipped already translated to Python.

Jinja turns each template into Python source before it can render it:
lexing, parsing and generating code for nohero's templates costs a cold
site build ~0.1 s of CPU, every build, because a new renderer is made per
build and the first build in a CI container has no cache at all. The
translation depends only on the template's text, the Jinja version and the
environment's settings, so it is done once, here, and shipped next to the
templates (`templates.compiled.json`), as pip ships `.pyc` files.

It is used only when all three still match (a template's SHA-1, Jinja's
version and `codegen_key` of the environment); anything else (a user's
override, another Jinja, an edited template) is compiled from its source as
before, so what a page shows never depends on this file. After editing a
template, run `python -m nohero.site.precompiled` (a test says so when the
file is out of date).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

TEMPLATES = Path(__file__).parent / "templates"
SHIPPED = Path(__file__).parent / "templates.compiled.json"


def codegen_key(env: jinja2.Environment) -> str:
    """Everything of `env` that changes the Python Jinja writes for a template."""
    filters = sorted((name, _passes(f)) for name, f in env.filters.items())
    tests = sorted((name, _passes(f)) for name, f in env.tests.items())
    return repr(
        (
            jinja2.__version__,
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
            env.optimized,
            env.autoescape if isinstance(env.autoescape, bool) else "function",
            sorted(env.extensions),
            filters,
            tests,
        )
    )


def _passes(function: object) -> str:
    """What Jinja passes a filter or test first (its call is written accordingly)."""
    return repr(getattr(function, "jinja_pass_arg", None))


def _checksum(source: str) -> str:
    return hashlib.sha1(source.encode("utf-8")).hexdigest()  # noqa: S324 - a checksum, as Jinja's


def translate(env: jinja2.Environment) -> dict[str, Any]:
    """Every template in TEMPLATES as Jinja translates it for `env` (what
    `templates.compiled.json` holds)."""
    compiled = {}
    for path in sorted(TEMPLATES.iterdir()):
        if path.is_file():
            source = path.read_text(encoding="utf-8")
            code = env.compile(source, path.name, str(path), raw=True)
            compiled[path.name] = {"sha1": _checksum(source), "python": code}
    return {"key": codegen_key(env), "templates": compiled}


class ShippedTranslations(BytecodeCache):
    """A Jinja bytecode cache that only reads, from the shipped translations:
    a template whose text and environment match gets its code from there
    instead of being translated again. `used` counts them (for tests)."""

    def __init__(self) -> None:
        self._entries: dict[str, dict[str, str]] | None = None
        self.used = 0

    def _load(self, env: jinja2.Environment) -> dict[str, dict[str, str]]:
        if self._entries is None:
            try:
                data = json.loads(SHIPPED.read_text(encoding="utf-8"))
                fresh = isinstance(data, dict) and data.get("key") == codegen_key(env)
                self._entries = data["templates"] if fresh else {}
            except (OSError, ValueError, KeyError, TypeError):
                self._entries = {}
        return self._entries

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        bucket = Bucket(environment, name, _checksum(source))
        entry = self._load(environment).get(name)
        if isinstance(entry, dict) and entry.get("sha1") == bucket.checksum:
            python = entry.get("python")
            if isinstance(python, str):
                bucket.code = compile(python, filename or "<template>", "exec")
                self.used += 1
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        """Nothing is written: a template not shipped is translated each build."""

    def load_bytecode(self, bucket: Bucket) -> None:  # pragma: no cover - get_bucket does it
        return None

    def dump_bytecode(self, bucket: Bucket) -> None:  # pragma: no cover - never written
        return None


def write_shipped() -> None:
    """Translate every template for the site renderer's environment and
    write `templates.compiled.json` (atomically)."""
    from ..atomic import write_atomic
    from .render import SiteRenderer

    data = translate(SiteRenderer(shipped=False).env)
    write_atomic(SHIPPED, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8"))


if __name__ == "__main__":
    write_shipped()
