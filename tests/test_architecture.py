"""ARCHITECTURE.md's module map stays true: every module it lists exists, and
every module of the package is listed -- a package listed without its
modules (rules/, reporters/, cli/) is described by a convention instead."""

from __future__ import annotations

import re
from pathlib import Path

import nohero

SRC = Path(nohero.__file__).parent
ARCHITECTURE = SRC.parents[1] / "ARCHITECTURE.md"
ENTRY = re.compile(r"^(?P<indent> *)(?P<names>[a-z_]+(?:\.py|/)(?:, [a-z_]+(?:\.py|/))*)(?:\s|$)")


def module_map() -> dict[str, set[str]]:
    """Folder ('' for the package) -> the names the map lists in it."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    block = text.split("```\nsrc/nohero/\n", 1)[1].split("```", 1)[0]
    listed: dict[str, set[str]] = {"": set()}
    folder = ""
    for line in block.splitlines():
        match = ENTRY.match(line)
        if match is None:
            continue  # a description's continuation line
        names = match["names"].split(", ")
        depth = len(match["indent"]) // 2
        if depth == 1:
            listed[""].update(names)
            folder = names[-1] if names[-1].endswith("/") else ""
        elif depth == 2 and folder:
            listed.setdefault(folder, set()).update(names)
    return listed


def entries(folder: Path) -> set[str]:
    found = set()
    for path in folder.iterdir():
        if path.name.startswith(("_", ".")):
            continue
        if path.suffix == ".py":
            found.add(path.name)
        elif path.is_dir() and ((path / "__init__.py").exists() or any(path.glob("*.json"))):
            found.add(path.name + "/")
    return found


def test_every_module_is_in_the_map_and_every_listed_module_exists() -> None:
    listed = module_map()
    top = entries(SRC)
    assert sorted(top - listed[""]) == [], "modules missing from ARCHITECTURE.md"
    assert sorted(listed[""] - top) == [], "listed but gone"
    for folder, names in listed.items():
        if not folder:
            continue
        actual = entries(SRC / folder)
        assert sorted(names ^ actual) == [], f"{folder}: map and files disagree"
