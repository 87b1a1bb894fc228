"""`mkdocs serve` rebuilds reuse nohero's analysis and generated pages while
nothing nohero reads has changed; big builds show one progress line on a
terminal."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from nohero.site.progress import Progress
from test_plugin import DOCS, TODAY, make_repo, read


def _build_like_serve(root: Path):  # type: ignore[no-untyped-def]
    """One `mkdocs serve` rebuild: config loaded afresh, plugins kept (on_startup)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    return config.plugins["nohero"]


def test_serve_rebuilds_reuse_the_analysis_until_a_document_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOHERO_TODAY", TODAY)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    repo = make_repo(tmp_path / "repo")
    first = _build_like_serve(repo.path)
    assert first._memo.hits == 0
    # the progress line counts every page MkDocs renders, generated ones included
    assert first.progress.rendered == first.progress.total > len(DOCS)
    second = _build_like_serve(repo.path)
    assert second is first and second._memo.hits == 1  # the whole site: nothing analysed
    # an edited front matter is a new answer: analysed again, and shown
    doc = repo.path / "docs" / "db-failover.md"
    doc.write_text(doc.read_text().replace("backup_owner: bob", "backup_owner: carol"))
    stat = doc.stat()
    os.utime(doc, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    third = _build_like_serve(repo.path)
    assert third._memo.hits == 1
    assert "Carol Example" in read(repo.path / "site", "db-failover/index.html")


def test_progress_line_on_a_terminal_only() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    progress = Progress(tty, every=2, min_pages=3)
    progress.start(analysed=3, total=3)
    for _ in range(3):
        progress.page_rendered()
    progress.finish()
    assert tty.getvalue().split("\r")[1:] == [
        "nohero: 3 pages analysed, 0 of 3 pages rendered\x1b[K",
        "nohero: 3 pages analysed, 2 of 3 pages rendered\x1b[K",
        "nohero: 3 pages analysed, 3 of 3 pages rendered\x1b[K\n",
    ]
    small = Tty()
    Progress(small, min_pages=200).start(analysed=5, total=5)
    assert small.getvalue() == ""  # a small site builds in a blink
    log = io.StringIO()  # CI logs: not a terminal
    quiet = Progress(log, min_pages=0)
    quiet.start(3, 3)
    quiet.page_rendered()
    quiet.finish()
    assert log.getvalue() == ""
