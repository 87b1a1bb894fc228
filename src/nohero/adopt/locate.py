"""Where an existing knowledge base lives, and which of its keys are nohero's.

The docs are the `docs_dir` of an existing mkdocs.yml, else the top-level
folder holding the most Markdown (Hugo's `content/`, a plain `docs/`, a
folder of runbooks). Foreign front matter is recognised by key: GOV.UK
tech-docs' `owner_slack`, `last_reviewed_on` and `review_in` become a
`fields:` mapping instead of duplicated values, and a `type` that is not a
nohero type (Hugo's `type: docs`, tech-docs' `type: learn`) moves nohero's
type to `nohero_type`. Hugo's `lastmod` is when a file changed, not a
review, so it is never read as one.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..config import (
    CONFIG_NAMES,
    DOC_TYPES,
    Config,
    ConfigError,
    config_from_options,
    plugin_options,
    read_mkdocs_yaml,
)
from ..knowledge_base import MARKDOWN_SUFFIXES

# Folders that hold Markdown but not a knowledge base.
_NOT_DOCS = {"node_modules", "site", "public", "vendor", "venv", "build", "dist", "themes"}
_PREFERRED = ("docs", "content", "runbooks", "doc", "documentation", "wiki")
# nohero field -> keys other tools write for it, best first.
FOREIGN_KEYS: dict[str, tuple[str, ...]] = {
    "owner": ("owner_slack",),
    "last_reviewed": ("last_reviewed_on",),
    "review_every": ("review_in",),
}
TYPE_KEY = "nohero_type"


def find_docs_dir(root: Path) -> str:
    """The top-level folder (relative to `root`) holding the most Markdown."""
    counts: Counter[str] = Counter()
    for folder, dirs, files in os.walk(root):
        rel = Path(folder).relative_to(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _NOT_DOCS)
        top = rel.parts[0] if rel.parts else "."
        counts[top] += sum(1 for f in files if f.lower().endswith(MARKDOWN_SUFFIXES))
    folders = {k: v for k, v in counts.items() if k != "." and v}
    if not folders:
        if counts.get("."):
            return "."
        raise ConfigError(f"no Markdown documents under {root}: nothing to adopt")
    return max(folders, key=lambda f: (folders[f], f in _PREFERRED, f))


def adoption_config(root: Path) -> tuple[Config, Path, str | None]:
    """The Config adopt plans with, mkdocs.yml's path and its text (None: none yet).
    The history cache is off: a dry run writes nothing, not even a cache."""
    existing = next((root / n for n in CONFIG_NAMES if (root / n).is_file()), None)
    if existing is not None:
        try:
            text: str | None = existing.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read {existing.name}: {exc}") from None
        settings = read_mkdocs_yaml(existing)
        options = dict(plugin_options(settings) or {})
        path = existing
    else:
        text, path = None, root / "mkdocs.yml"
        settings = {"docs_dir": find_docs_dir(root), "site_name": root.name}
        options = {}
    options["cache_dir"] = False
    config = config_from_options(path, settings, options)
    config.plugin_options.pop("cache_dir", None)
    return config, path, text


def foreign_fields(
    front_matters: Iterable[dict[str, Any]], current: dict[str, str]
) -> dict[str, str]:
    """The `fields:` mapping the documents call for (on top of `current`)."""
    uses: Counter[str] = Counter()
    bad_type = False
    for data in front_matters:
        uses.update(k for k in data if isinstance(k, str))
        declared = data.get("type")
        if declared is not None and declared not in DOC_TYPES:
            bad_type = True
    fields = dict(current)
    for name, keys in FOREIGN_KEYS.items():
        if name in fields:
            continue
        for key in keys:
            if uses[key] > uses[name]:
                fields[name] = key
                break
    if bad_type and "type" not in fields:
        fields["type"] = TYPE_KEY
    return fields
