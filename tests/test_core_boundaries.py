"""The core is a library: importing every core module pulls in neither click
nor mkdocs (the CLI and the plugin are the only faces that may), and no
module grows past 400 lines."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import nohero

SRC = Path(nohero.__file__).parent
FACES = ("nohero.cli", "nohero.plugin")
MAX_LINES = 400


def core_modules() -> list[str]:
    names = [
        m.name
        for m in pkgutil.walk_packages([str(SRC)], prefix="nohero.")
        if not m.name.startswith(FACES)
    ]
    assert "nohero.pipeline" in names and "nohero.reporters.check.text" in names
    return sorted(names)


def test_the_core_imports_neither_click_nor_mkdocs() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'click', 'mkdocs'}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(p.relative_to(SRC)): n
        for p in SRC.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


MARKUP_ESCAPERS = {"html_text", "md_text", "md_inert", "md_link", "link_target"}
RENDERERS = ("reporters", "site", "escape", "cli", "plugin")


def test_markdown_html_and_svg_are_written_only_by_the_renderers() -> None:
    """The analysis modules (trend, due, whatif, report, ...) return data;
    Markdown, HTML and SVG are written in reporters/ and site/. A core module
    that imports a markup escaper has started rendering."""
    rendering = {}
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if rel.parts[0] in RENDERERS:
            continue
        names = {
            alias.name
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        }
        if names & MARKUP_ESCAPERS or "<svg" in path.read_text(encoding="utf-8"):
            rendering[str(rel)] = sorted(names & MARKUP_ESCAPERS)
    assert rendering == {}


SOURCES = {"knowledge_base", "document", "frontmatter", "pipeline", "history.model"} | {
    "history.miner"
}


def test_the_site_renders_from_the_report() -> None:
    """site/ builds its pages from the pipeline's Report and the roster; only
    site/analysis.py (which runs the pipeline) may reach documents or history."""
    reaching = {}
    for path in (SRC / "site").glob("*.py"):
        if path.name == "analysis.py":
            continue
        modules = {
            (node.module or "").lstrip(".")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom) and node.level == 2
        }
        if modules & SOURCES:
            reaching[path.name] = sorted(modules & SOURCES)
    assert reaching == {}
