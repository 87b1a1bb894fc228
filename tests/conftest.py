from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from gitrepo import Repo


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's chromium through Playwright, once per browser test module."""
    from test_browser import ARGS, CHROMIUM, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """An empty git repository with a fixed identity."""
    return Repo(tmp_path / "repo")


@pytest.fixture
def folder(tmp_path: Path) -> Repo:
    """A plain folder (no git) with the same file helpers."""
    return Repo(tmp_path / "plain", init=False)


# Hypothesis: no per-example deadline. Machines here are shared and noisy, and
# libfaketime runs (the suite must pass with the clock moved) distort timing.
settings.register_profile("nohero", deadline=None)
settings.load_profile("nohero")
