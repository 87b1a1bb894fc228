"""A mine that lists only docs_dir (`git log -- docs/`) against a whole-tree mine.

Hypothesis builds small random histories with real git -- side branches
merged back (some late, some keeping one side only, which git's default
history simplification would drop), renames into, out of and within docs/,
deletes and re-adds, a snippet outside docs/ that a page includes, a lowered
rename limit -- and the scoped mine must give every document the same
history (changes, authors, knowledge holders) and every path it listed the
same last change as a mine of the whole tree, with and without a
commit-graph (git may walk a different topological order then).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gitrepo import DEFAULT_MKDOCS, DEFAULT_PEOPLE, Repo
from nohero.adopt.plan import make_plan
from nohero.config import Config, load_config
from nohero.history import gitlog, renames, scoped
from nohero.history import scope as scope_module
from nohero.history.miner import MinedRepo, build_history, mine
from nohero.history.model import History
from nohero.history.scope import includes_path
from nohero.knowledge_base import load_knowledge_base
from nohero.roster import load_roster
from test_miner_reference import Builder

MKDOCS = DEFAULT_MKDOCS + "markdown_extensions:\n  - pymdownx.snippets\n"
WIKI = [f"wiki/w{i}.md" for i in range(3)]

STEP = st.tuples(
    st.sampled_from(
        ["write", "write", "delete", "rename", "branch", "conflict", "mass"]
        + ["wiki", "into", "out", "late", "merge-late", "snippet", "readd"]
    ),
    st.integers(0, 5),
    st.integers(0, 5),
    st.integers(0, 2),
)


class ScopedBuilder(Builder):
    """The reference's steps, plus moves across docs/'s edge, a long-lived
    side branch, a snippet outside docs/ and a delete + re-add."""

    late_open = False

    def live(self) -> list[str]:
        out = self.repo.git("ls-files", "-z")
        return [p for p in out.split("\0") if p.startswith(("docs/", "src/", "wiki/", "parts/"))]

    def move(self, old: str, new: str) -> None:
        text = (self.repo.path / old).read_text(encoding="utf-8")
        (self.repo.path / old).unlink()
        self.repo.write(new, text + f"moved {self.serial}\n")
        self.serial += 1

    def step(self, kind: str, i: int, j: int, author: int) -> None:
        live = self.live()
        docs = [p for p in live if p.startswith("docs/") and p.endswith(".md")]
        wiki = [p for p in live if p.startswith("wiki/")]
        if kind == "wiki":
            path = WIKI[i % len(WIKI)]
            self.repo.write(path, self.content(path))
            self.commit(author)
        elif kind == "into" and wiki:
            self.move(wiki[i % len(wiki)], f"docs/in{self.serial}.md")
            self.commit(author)
        elif kind == "out" and docs:
            self.move(docs[i % len(docs)], f"wiki/out{self.serial}.md")
            self.commit(author)
        elif kind == "snippet":
            self.repo.write("parts/inc.md", f"included {self.serial}\n")
            self.serial += 1
            page = "docs/d1.md"
            if not (self.repo.path / page).exists():
                self.repo.write(page, self.content(page) + '--8<-- "parts/inc.md"\n')
            self.commit(author)
        elif kind == "readd" and docs:
            path = docs[i % len(docs)]
            (self.repo.path / path).unlink()
            self.commit(author)
            self.repo.write(path, self.content(path))
            self.commit((author + 1) % 3)
        elif kind == "late":  # a side branch that stays open across steps
            self.repo.git("checkout", "-q", *(["late"] if self.late_open else ["-b", "late"]))
            self.late_open = True
            self.edit("write", i, j)
            self.commit(author, "late")
            self.repo.git("checkout", "-q", "main")
        elif kind == "merge-late" and self.late_open:
            self.day += 1
            env = {"GIT_COMMITTER_DATE": f"2026-07-{1 + self.day % 28:02d}T12:00:00+00:00"}
            strategy = ["-s", "ours"] if i % 2 else []  # "ours": the merge keeps main's side
            try:
                self.repo.git("merge", "-q", "--no-ff", *strategy, "-m", "late", "late", env=env)
            except subprocess.CalledProcessError:
                self.repo.git("merge", "--abort")
            self.repo.git("branch", "-q", "-D", "late")
            self.late_open = False
        elif kind in ("into", "out", "readd", "merge-late"):
            self.edit("write", i, j)
            self.commit(author)
        else:
            super().step(kind, i, j, author)


def history(config: Config, scope: tuple[str, ...] | None) -> History:
    roster = load_roster(config.roster_path)
    kb = load_knowledge_base(config, roster=roster)
    mined = mine(config, scope=scope)
    assert isinstance(mined, MinedRepo), mined
    return build_history(config, roster, mined, kb.documents)


def assert_same(config: Config) -> tuple[str, ...]:
    """The scoped mine's History equals the whole tree's; returns what it listed."""
    whole = history(config, None)
    scoped = history(config, ("docs/",))
    scope = scoped.stats["scope"]
    assert isinstance(scope, tuple) and "docs/" in scope
    assert scoped.docs == whole.docs
    assert scoped.aliases == whole.aliases
    listed = {p: t for p, t in whole.last_change.items() if includes_path(scope, p)}
    assert {p: t for p, t in scoped.last_change.items()} == listed
    return scope


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(STEP, min_size=1, max_size=9), st.booleans(), st.booleans())
def test_a_docs_mine_equals_a_whole_tree_mine(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    steps: list[tuple[str, int, int, int]],
    limited: bool,
    graph: bool,
) -> None:
    if limited:  # git's rename limit at 1: a two-file move runs out of it
        monkeypatch.setattr(gitlog, "RENAME_LIMIT", 1)
        monkeypatch.setattr(renames, "DOC_RENAME_LIMIT", 1000)
    config = build(tmp_path_factory, steps, graph)
    assert_same(config)


def build(
    tmp_path_factory: pytest.TempPathFactory,
    steps: list[tuple[str, int, int, int]],
    graph: bool = False,
) -> Config:
    """A repository built by `steps` (a side branch still open is merged at
    the end), with a commit-graph when `graph`; its config, no cache."""
    repo = Repo(tmp_path_factory.mktemp("scoped") / "repo")
    repo.write("mkdocs.yml", MKDOCS)
    repo.write("people.yml", DEFAULT_PEOPLE)
    repo.write("docs/d0.md", "---\nowner: alice\n---\nfirst\n")
    repo.write(WIKI[0], "wiki page\n" * 3)
    builder = ScopedBuilder(repo)
    builder.commit(0, "setup")
    for step in steps:
        builder.step(*step)
    if builder.late_open:
        builder.step("merge-late", 0, 0, 0)
    if graph:
        repo.git("commit-graph", "write", "--reachable")
    config = load_config(cwd=repo.path)
    config.cache_dir = None
    return config


def test_a_snippet_outside_docs_is_mined_too(tmp_path_factory: pytest.TempPathFactory) -> None:
    config = build(tmp_path_factory, [("snippet", 0, 0, 0), ("snippet", 0, 0, 1)])
    assert assert_same(config) == ("docs/", "parts/inc.md")


def test_a_doc_moved_in_from_outside_keeps_its_authors(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    config = build(tmp_path_factory, [("wiki", 0, 0, 1), ("into", 0, 0, 2)])
    assert assert_same(config) == ("docs/", "wiki/w0.md")


def cached_config(tmp_path_factory: pytest.TempPathFactory) -> tuple[Config, Repo]:
    config = build(tmp_path_factory, [("wiki", 1, 0, 1), ("write", 0, 0, 2)])
    config.cache_dir = config.repo_root / ".cache" / "nohero"
    return config, Repo(config.repo_root)


def mined(config: Config, scope: tuple[str, ...] | None) -> MinedRepo:
    found = mine(config, scope=scope)
    assert isinstance(found, MinedRepo), found
    return found


def test_a_cache_serves_the_scopes_it_covers(tmp_path_factory: pytest.TempPathFactory) -> None:
    config, repo = cached_config(tmp_path_factory)
    docs_only = mined(config, ("docs/",))
    assert docs_only.stats["cache"] == "cold" and docs_only.data.scope == ("docs/",)
    assert "wiki/w1.md" not in docs_only.data.last_change
    assert mined(config, ("docs/",)).stats["cache"] == "warm"
    assert mined(config, ("docs/", "docs/d0.md")).stats["cache"] == "warm"
    # `nohero adopt` asks for everyone who committed: a narrower cache is mined past
    whole = mined(config, None)
    assert whole.stats["cache"] == "cold" and whole.data.scope is None
    assert "wiki/w1.md" in whole.data.last_change
    # ... and the whole tree, cached, serves everyone
    again = mined(config, ("docs/", "parts/x.md"))
    assert again.stats["cache"] == "warm" and again.data.scope is None
    repo.write("docs/d0.md", "---\nowner: bob\n---\nnew\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "more")
    later = mined(config, ("docs/",))
    assert later.stats["cache"] == "incremental" and later.data.scope is None


def test_an_incremental_scoped_mine_equals_a_cold_whole_tree_one(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """New commits are mined incrementally within the cached scope; one that
    moves a file in from outside it is found by the recheck and widens it."""
    config, repo = cached_config(tmp_path_factory)
    mined(config, ("docs/",))
    builder = ScopedBuilder(repo)
    builder.day = 40
    for step in [
        ("branch", 0, 1, 1),
        ("late", 1, 0, 0),
        ("write", 2, 0, 1),
        ("merge-late", 0, 0, 0),
    ]:
        builder.step(*step)
    incremental = history(config, ("docs/",))
    assert incremental.stats["cache"] == "incremental"
    assert incremental.stats["scope"] == ("docs/",)
    assert_equal_to_whole_tree(config, incremental)
    builder.step("into", 0, 0, 2)
    widened = history(config, ("docs/",))
    assert widened.stats["cache"] == "cold" and widened.stats["scoped_rounds"] == 2
    assert widened.stats["scope"] == ("docs/", "wiki/w0.md")
    assert_equal_to_whole_tree(config, widened)


def assert_equal_to_whole_tree(config: Config, scoped: History) -> None:
    whole = history(replace(config, cache_dir=None), None)
    assert scoped.docs == whole.docs
    scope = scoped.stats["scope"]
    assert isinstance(scope, tuple)
    listed = {p: t for p, t in whole.last_change.items() if includes_path(scope, p)}
    assert dict(scoped.last_change.items()) == listed


def test_documents_in_a_symlinked_folder_are_mined_where_git_tracks_them(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    config = build(tmp_path_factory, [])
    repo = Repo(config.repo_root)
    repo.write("handbook/oncall.md", "---\nowner: carol\n---\non call\n")
    repo.git("add", "-A")
    ScopedBuilder(repo).commit(1, "handbook")
    (repo.path / "docs/handbook").symlink_to("../handbook")
    ScopedBuilder(repo).commit(2, "link")
    assert assert_same(config) == ("docs/", "handbook/oncall.md")
    assert history(config, ("docs/",)).docs["handbook/oncall.md"].changes


def test_odd_names_are_literal_paths_and_long_scopes_go_through_stdin(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A snippet named `*.md` or `:(glob)x` is that file, no pattern, even
    with glob or case-blind pathspecs switched on in the environment; a
    scope too long for argv is read by `git log --stdin`."""
    config = build(tmp_path_factory, [])
    repo = Repo(config.repo_root)
    repo.write("DOCS/upper.md", "not under docs/\n")  # one folder case-blind pathspecs would add
    monkeypatch.setenv("GIT_GLOB_PATHSPECS", "1")
    monkeypatch.setenv("GIT_ICASE_PATHSPECS", "1")
    names = ["parts/*.md", ":(glob)x.md", "-x.md"]
    for name in names:
        repo.write(name, f"{name}\n")
    repo.write("parts/other.md", "not included\n")
    repo.write("docs/d2.md", "---\nowner: alice\n---\n" + "".join(f'--8<-- "{n}"\n' for n in names))
    ScopedBuilder(repo).commit(1, "snippets")
    for name in [*names, "parts/other.md"]:
        repo.write(name, f"{name} again\n")
    ScopedBuilder(repo).commit(2, "edits")
    assert assert_same(config) == ("-x.md", ":(glob)x.md", "docs/", "parts/*.md")
    authors = history(config, ("docs/",)).docs["docs/d2.md"].authors
    assert authors == [("bob", 2)] or sorted(authors) == [("bob", 1), ("joerg@example.com", 1)]
    monkeypatch.setattr(gitlog, "ARGV_PATHSPEC_BYTES", 8)
    assert assert_same(config) == ("-x.md", ":(glob)x.md", "docs/", "parts/*.md")


def test_renames_from_ever_further_away_end_in_a_whole_tree_mine(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """wiki/a.md -> wiki/b.md -> docs/c.md: each round finds the next source
    outside the scope; past the last round the whole tree is listed."""
    config = build(tmp_path_factory, [])
    repo = Repo(config.repo_root)
    builder = ScopedBuilder(repo)
    repo.write("wiki/a.md", "a wiki page\n" * 4)
    builder.commit(1, "a")
    for old, new in [("wiki/a.md", "wiki/b.md"), ("wiki/b.md", "docs/c.md")]:
        builder.move(old, new)
        builder.commit(2, "move")
    assert assert_same(config) == ("docs/", "wiki/a.md", "wiki/b.md")
    assert history(config, ("docs/",)).stats["scoped_rounds"] == 3
    monkeypatch.setattr(scoped, "MAX_ROUNDS", 1)
    whole = history(config, ("docs/",))
    assert whole.stats["scope"] is None and whole.stats["scoped_rounds"] == 2
    assert [c.created for c in whole.docs["docs/c.md"].changes] == [True, False, False]


def test_adopt_drafts_the_roster_from_everyone_who_committed(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone who only ever committed code is in adopt's draft: adopt mines
    the whole tree whatever a default mine lists."""
    monkeypatch.setattr(scope_module, "requested", lambda config: ("docs/",))
    config = build(tmp_path_factory, [])
    repo = Repo(config.repo_root)
    (repo.path / "people.yml").unlink()
    repo.write("src/app.py", "print(1)\n")
    ScopedBuilder(repo).commit(1, "code only")
    default = mine(config)
    assert isinstance(default, MinedRepo) and default.data.scope == ("docs/",)
    today = dt.date(2026, 12, 1)
    plan = make_plan(repo.path, today)
    assert plan.roster is not None and "bob@example.com" in plan.roster.text(today, 12)


def test_a_default_mine_lists_docs_dir_alone(tmp_path_factory: pytest.TempPathFactory) -> None:
    config = build(tmp_path_factory, [("wiki", 1, 0, 1)])
    default = mine(config)
    assert isinstance(default, MinedRepo) and default.data.scope == ("docs/",)
    assert "wiki/w1.md" not in default.data.last_change
    config.docs_dir = config.repo_root  # docs_dir is the repository: the whole tree
    assert scope_module.requested(config) is None
