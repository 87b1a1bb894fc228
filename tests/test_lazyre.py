"""`lazyre.compile` is `re.compile`, done on first use: every lazily
compiled pattern in the package answers as its compiled twin."""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys

import nohero
from nohero import lazyre


def test_a_lazy_pattern_matches_as_the_compiled_one() -> None:
    lazy = lazyre.compile(r"^(\d+)\s*([a-z]+)$", re.IGNORECASE)
    assert "match" not in vars(lazy)  # nothing compiled yet
    eager = re.compile(r"^(\d+)\s*([a-z]+)$", re.IGNORECASE)
    for text in ("12 Days", "x", "3w", ""):
        found, wanted = lazy.match(text), eager.match(text)
        assert (found and found.groups()) == (wanted and wanted.groups())
    assert lazy.sub(r"\2", "4d") == eager.sub(r"\2", "4d")
    assert (lazy.pattern, lazy.flags, lazy.groups) == (eager.pattern, eager.flags, eager.groups)
    assert "match" in vars(lazy)  # kept: later calls cost what a compiled pattern's do


def test_every_lazy_pattern_in_the_package_is_its_regex() -> None:
    for info in pkgutil.walk_packages(nohero.__path__, "nohero."):
        if not info.name.startswith(("nohero.plugin", "nohero.site", "nohero.cli")):
            importlib.import_module(info.name)
    found = 0
    for module in list(sys.modules.values()):
        if not getattr(module, "__name__", "").startswith("nohero."):
            continue
        for value in vars(module).values():
            if isinstance(value, lazyre._Pattern):
                pattern, flags = value._arguments
                assert value.pattern == pattern and value.flags == re.compile(pattern, flags).flags
                found += 1
    assert found >= 10


def test_a_one_file_run_s_modules_compile_no_rare_pattern() -> None:
    """Importing the check path compiles none of the patterns only rare
    input needs (Slack/Matrix contacts, snippet markers, CODEOWNERS handles)."""
    code = (
        "import re, sys\n"
        "from nohero import pipeline, contacts, history\n"
        "from nohero.history import miner, snippets, identity\n"
        "from nohero.escape import codeowners\n"
        "rare = [contacts._MATRIX, contacts._SLACK, contacts._PHONE, snippets._BLOCK,\n"
        "        identity._NOREPLY, codeowners.HANDLE]\n"
        "print(sum('match' in vars(p) for p in rare), len(rare))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "6"]
