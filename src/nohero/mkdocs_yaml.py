"""mkdocs.yml read exactly as MkDocs reads it, without importing anything it
names (the CLI runs where the theme and other plugins are not installed):
`!ENV` from the environment like MkDocs' pyyaml_env_tag, `INHERIT` deep-merged
like MkDocs' mergedeep, other tags (`!!python/name:...`) as plain values.
tests/test_config_parity.py holds it against MkDocs' own loader. Plain block
YAML -- most mkdocs.yml -- is read by `fastyaml` (exact, or it declines), so
a run need not import PyYAML at all."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

# `read_mapping` gives an impossible date (2026-02-30) as text where
# SafeLoader raises; a text with anything date-shaped goes to libyaml.
_DATE_SHAPED = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")


@cache
def _tolerant_loader() -> type[yaml.SafeLoader]:
    """Reads mkdocs.yml without importing anything it names: `!ENV` reads the
    environment exactly as MkDocs does (pyyaml_env_tag), `!!python/name:...`
    and other tags become plain values. Made (and yaml imported) only for a
    mkdocs.yml `fastyaml` does not read."""
    import yaml

    class TolerantLoader(yaml.SafeLoader):
        pass

    TolerantLoader.add_constructor("!ENV", _env_tag)
    TolerantLoader.add_multi_constructor("!", _unknown_tag)
    TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)
    return TolerantLoader


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable that is
    set, typed like YAML would type it, else the default (else None) — the
    rules of MkDocs' own loader, so the CLI and the site read one value."""
    import yaml

    default = None
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
        if len(children) > 1:
            default = loader.construct_object(children[-1])
            children = children[:-1]
        names = [loader.construct_scalar(child) for child in children]
    else:
        raise yaml.constructor.ConstructorError(
            None, None, "!ENV takes a name or a list of names", node.start_mark
        )
    for name in names:
        if isinstance(name, str) and name in os.environ:
            value = os.environ[name]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


def _unknown_tag(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> Any:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


def read_mkdocs_yaml(
    path: Path, read: Callable[[Path], str] | None = None, files: list[Path] | None = None
) -> dict[str, Any]:
    """mkdocs.yml's settings with `INHERIT` resolved as MkDocs resolves it: the
    parent's settings deep-merged with the child's (mappings merged key by key
    at every depth, anything else, lists included, replaced).

    `read`: how to read a file (default: from disk; `--changed-since` reads
    the files as they were at a commit). `files`: filled with every file read,
    the config first, so a change to an inherited file counts as a settings
    change.
    """
    return _read_chain(path, read or _read_file, files if files is not None else [], ())


def _read_file(path: Path) -> str:
    from .bounded import Refused, read_bounded
    from .config import ConfigError

    try:
        return read_bounded(path).decode("utf-8-sig")
    except Refused as why:
        raise ConfigError(f"{path.name} was not read: {why}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path.name}: {exc}") from exc


def _read_chain(
    path: Path, read: Callable[[Path], str], files: list[Path], seen: tuple[Path, ...]
) -> dict[str, Any]:
    from .config import ConfigError, find_repo_root, inside_repo

    files.append(path)
    data = parse_mkdocs_text(read(path), path.name)
    inherit = data.pop("INHERIT", None)
    if isinstance(inherit, str):
        seen = (*seen, path.resolve())
        parent_path = (path.parent / inherit).resolve()
        if parent_path in seen:
            raise ConfigError(f"{path.name}: INHERIT '{inherit}' inherits from itself")
        inside_repo(parent_path, find_repo_root(seen[0].parent), f"{path.name}: INHERIT")
        data = deep_merge(_read_chain(parent_path, read, files, seen), data)
    return data


def deep_merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """`child` over `parent` like MkDocs' INHERIT (mergedeep, REPLACE)."""
    merged = dict(parent)
    for key, value in child.items():
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            merged[key] = deep_merge(old, value)
        else:
            merged[key] = value
    return merged


def parse_mkdocs_text(text: str, name: str = "mkdocs.yml") -> dict[str, Any]:
    """mkdocs.yml's settings from its text (INHERIT left unresolved)."""
    from .config import ConfigError
    from .fastyaml import read_mapping

    plain = None if _DATE_SHAPED.search(text) else read_mapping(text)
    if plain is not None:  # most mkdocs.yml: exactly what libyaml gives, without yaml
        return plain[0]
    import yaml

    try:
        data = yaml.load(text, Loader=_tolerant_loader())  # noqa: S506 - tolerant *safe* loader
    except yaml.YAMLError as exc:
        raise ConfigError(f"{name} is not valid YAML: {str(exc).splitlines()[0]}") from exc
    except (RecursionError, ValueError, TypeError, OverflowError) as exc:
        reason = f"{type(exc).__name__}: {exc}"
        raise ConfigError(f"{name} cannot be read as settings: {reason}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{name} must be a mapping of settings")
    return data
