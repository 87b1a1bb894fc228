"""`covers:` patterns: exactly git's `.gitignore` semantics (git itself is
the oracle), in linear time, for any file name."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gitrepo import Repo, runbook
from nohero.globs import covers, glob_match, literal_prefix

# ASCII names: git matches bytes, nohero characters (`?` is one `é`, not half).
NAMES = st.sampled_from(["a", "b", "ab", "x.sql", "a.md", "src", "[a]", "c d", "a\nb", "-"])
PATH = st.lists(NAMES, min_size=1, max_size=4).map("/".join)
PIECES = st.sampled_from(
    [
        "a",
        "b",
        "src",
        "*",
        "?",
        "**",
        "*.sql",
        "[ab]",
        "[!a]*",
        "[[:alpha:]]",
        "\\[a]",
        "x.*",
        "[a-c]",
    ]
)
PATTERN = st.builds(
    lambda lead, parts, trail, neg: ("!" if neg else "") + lead + "/".join(parts) + trail,
    st.sampled_from(["", "/", "**/"]),
    st.lists(PIECES, min_size=1, max_size=3),
    st.sampled_from(["", "/", "/**"]),
    st.booleans(),
)


def git_covered(tmp: Path, patterns: list[str], paths: list[str]) -> set[str]:
    """What `git check-ignore` says a .gitignore with `patterns` ignores."""
    (tmp / ".gitignore").write_bytes("\n".join(patterns).encode() + b"\n")
    out = subprocess.run(
        ["git", "-c", "core.quotePath=false", "check-ignore", "--no-index", "-z", "--stdin"],
        cwd=tmp,
        input="\0".join(paths).encode() + b"\0",
        capture_output=True,
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr
    return {p for p in out.stdout.decode().split("\0") if p}


@pytest.fixture(scope="module")
def oracle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("gitignore")
    subprocess.run(["git", "init", "-q", str(tmp)], check=True)
    return tmp


@settings(max_examples=120)
@given(st.lists(PATTERN, min_size=1, max_size=3), st.lists(PATH, min_size=1, max_size=8))
def test_covers_match_exactly_what_git_ignores(
    oracle: Path, patterns: list[str], paths: list[str]
) -> None:
    tmp = oracle
    paths = list(dict.fromkeys(paths))
    expected = git_covered(tmp, patterns, paths)
    matcher = covers(patterns)
    assert {p for p in paths if matcher.match(p)} == expected, (patterns, paths)


def test_twelve_double_star_segments_take_linear_time() -> None:
    pattern = "**/" * 12 + "x/y"
    path = "a/" * 5000 + "x/z"
    start = time.monotonic()
    assert not glob_match(path, pattern)
    assert glob_match("a/" * 5000 + "x/y", pattern)
    assert time.monotonic() - start < 5


def test_names_with_newlines_and_classes_and_anywhere_patterns() -> None:
    assert glob_match("db/migrations/001.sql", "*.sql")
    assert glob_match("services/a\nb.py", "services/*.py")
    assert glob_match("services/a\nb.py", "services/a?b.py")
    assert glob_match("api/a.c", "api/[ab].c") and not glob_match("api/c.c", "api/[ab].c")
    assert covers(["src/**", "!src/tests/", "!src/tests/**"]).match("src/a.py")
    assert not covers(["src/**", "!src/tests/", "!src/tests/**"]).match("src/tests/t.py")
    assert glob_match("docs/é.md", "docs/?.md")  # one character, where git sees two bytes
    assert literal_prefix("src/pay*/x") == "src/" and literal_prefix("*.sql") == ""


def test_drift_follows_gitignore_semantics(repo: Repo) -> None:
    doc = runbook(reviewed="2026-03-01", extra="covers: ['*.sql', 'api/[ab].py']")
    repo.knowledge_base(docs={"db.md": doc})
    repo.commit("setup", files={"db/m/001.sql": "v1\n"}, date="2026-01-01T12:00:00+00:00")
    repo.commit("later", files={"api/c.py": "v1\n"}, date="2026-04-01T12:00:00+00:00")
    result = repo.cli("check", "--format", "json", "--today", "2026-05-01")
    rules = [f["rule"] for d in json.loads(result.output)["docs"] for f in d["findings"]]
    assert "drift" not in rules
    repo.commit("sql", files={"db/m/002.sql": "v2\n"}, date="2026-04-02T12:00:00+00:00")
    result = repo.cli("check", "--format", "json", "--today", "2026-05-01")
    found = [f for d in json.loads(result.output)["docs"] for f in d["findings"]]
    assert [f["rule"] for f in found if f["rule"] == "drift"] == ["drift"]
    assert "db/m/002.sql" in next(f["message"] for f in found if f["rule"] == "drift")
