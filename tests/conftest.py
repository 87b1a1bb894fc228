from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from gitrepo import Repo


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
