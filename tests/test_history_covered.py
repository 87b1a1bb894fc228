"""The covers pass (`history.covered`) against the whole-tree mine.

Hypothesis builds small random git histories -- side branches written
before a date and merged after it, conflicts resolved in the merge,
committer times that go back, renames and deletes of covered files, paths
with spaces, `*`, `:` and a leading `-` -- and the pass's one
`git log --first-parent -- <prefixes>` must give, for every path under the
prefixes, the time the whole-tree mine's `last_change` gives. Then the pass
as `build_history` uses it (a mine that listed only docs/), its cache, and
bad `covers` values.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gitrepo import DEFAULT_MKDOCS, DEFAULT_PEOPLE, Repo, runbook
from nohero.config import Config, load_config
from nohero.history import covered
from nohero.history.cache import Mined
from nohero.history.miner import MinedRepo, build_history, mine
from nohero.knowledge_base import KnowledgeBase, load_knowledge_base
from nohero.roster import Roster, load_roster

POOL = [
    "svc a/x.py",
    "svc a/deep/w.py",
    "svc ab/q.py",
    "s*/y.py",
    "c:d/z.py",
    "-lead/r.py",
    "top.py",
    "docs/d1.md",
]
PREFIXES = [
    "",
    "svc a/",
    "svc a/deep/",
    "svc ab/",
    "s*/",
    "c:d/",
    "-lead/",
    "svc a/x.py",
    "top.py",
    "docs/",
    "nothing/",
]
# (kind, file index, other file index)
STEP = st.tuples(
    st.sampled_from(
        ["write", "write", "delete", "rename", "late", "conflict", "back", "undone", "skew"]
    ),
    st.integers(0, len(POOL) - 1),
    st.integers(0, len(POOL) - 1),
)


class History:
    """Applies steps to a real repository; each commit a day later, except
    "back" (a committer clock one week behind) and side branches: written
    before the main-line commit that precedes their merge ("late",
    "conflict"), a change undone on the branch itself ("undone": the merge
    changes nothing there), a branch clock ahead of the merge ("skew")."""

    def __init__(self, repo: Repo) -> None:
        self.repo = repo
        self.day = 0
        self.serial = 0

    def date(self, day: int) -> str:
        return f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}T12:00:00+00:00"

    def commit(self, message: str, day: int | None = None) -> None:
        self.day += 1
        when = self.date(self.day if day is None else day)
        self.repo.git("add", "-A")
        env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        self.repo.git("commit", "-q", "--allow-empty", "-m", message, env=env)

    def live(self) -> list[str]:
        out = self.repo.git("ls-files", "-z")
        return sorted(p for p in out.split("\0") if p and p not in ("mkdocs.yml", "people.yml"))

    def write(self, path: str) -> None:
        self.serial += 1
        self.repo.write(path, f"{path} {self.serial}\n" * 3)

    def edit(self, kind: str, i: int, j: int) -> None:
        live = self.live()
        if kind == "delete" and live:
            self.repo.git("rm", "-q", "--", live[i % len(live)])
        elif kind == "rename" and live:
            old = live[i % len(live)]
            self.serial += 1
            new = POOL[j] if POOL[j] not in live else f"{POOL[j]}.{self.serial}"
            (self.repo.path / new).parent.mkdir(parents=True, exist_ok=True)
            self.repo.git("mv", "--", old, new)
        else:
            self.write(POOL[i])

    def step(self, kind: str, i: int, j: int) -> None:
        if kind in ("write", "delete", "rename"):
            self.edit(kind, i, j)
            self.commit(kind)
        elif kind == "back":  # a committer clock a week behind
            self.edit("write", i, j)
            self.commit("back", day=max(self.day - 7, 0))
        else:  # a side branch, merged after a main-line commit
            written = self.day + (30 if kind == "skew" else 1)
            self.repo.git("checkout", "-q", "-b", "side")
            if kind == "undone":
                before = (self.repo.path / POOL[i]).read_bytes() if POOL[i] in self.live() else None
                self.edit("write", i, j)
                self.commit("side", day=written)
                if before is None:
                    self.repo.git("rm", "-q", "--", POOL[i])
                else:
                    self.repo.write(POOL[i], before)
                self.commit("undo", day=written)
            else:
                self.edit("write", i, j)
                self.commit("side", day=written)
            self.repo.git("checkout", "-q", "main")
            self.day += 1
            self.edit("write", i if kind == "conflict" else j, j)
            self.commit("main")
            self.day += 1
            env = {"GIT_COMMITTER_DATE": self.date(self.day), "GIT_AUTHOR_DATE": self.date(0)}
            try:
                self.repo.git("merge", "-q", "--no-ff", "-m", "merge", "side", env=env)
            except Exception:  # noqa: BLE001 - a conflict, resolved by hand
                for path in self.repo.git("diff", "--name-only", "-z", "--diff-filter=U").split(
                    "\0"
                ):
                    if path:
                        self.write(path)
                self.repo.git("add", "-A")
                self.repo.git("commit", "-q", "--no-edit", env=env)
            self.repo.git("branch", "-q", "-D", "side")


def _under(path: str, prefix: str) -> bool:
    """git's literal pathspec: the path itself, or anything in it as a folder."""
    return not prefix or path == prefix or path.startswith(prefix.rstrip("/") + "/")


def _whole_tree(repo: Repo) -> dict[str, int]:
    """Every path's last change as a mine of the whole tree gives it."""
    config = load_config(cwd=repo.path)
    config.cache_dir = None
    mined = mine(config, scope=None)
    assert isinstance(mined, MinedRepo), mined
    history = build_history(config, load_roster(config.roster_path), mined)
    return {path: int(when.timestamp()) for path, when in history.last_change.items()}


def _new_repo(root: Path) -> tuple[Repo, History]:
    repo = Repo(root)
    # config the pass must not be misled by (the miner asks for the same)
    repo.git("config", "log.showRoot", "false")
    repo.git("config", "log.follow", "true")
    repo.git("config", "diff.renames", "copies")
    repo.write("mkdocs.yml", DEFAULT_MKDOCS)
    repo.write("people.yml", DEFAULT_PEOPLE)
    built = History(repo)
    built.write("docs/d0.md")
    built.write("top.py")
    built.commit("setup")
    return repo, built


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(STEP, min_size=1, max_size=8),
    st.lists(st.sampled_from(PREFIXES), min_size=1, max_size=4),
)
def test_the_pass_equals_the_whole_tree_mine_under_its_prefixes(
    tmp_path_factory: pytest.TempPathFactory,
    steps: list[tuple[str, int, int]],
    prefixes: list[str],
) -> None:
    repo, built = _new_repo(tmp_path_factory.mktemp("covered") / "repo")
    for kind, i, j in steps:
        built.step(kind, i, j)
    whole = _whole_tree(repo)
    asked = covered.outermost(prefixes)
    got = covered.read_changes(str(repo.path), "HEAD", asked)
    expected = {p: t for p, t in whole.items() if any(_under(p, q) for q in asked)}
    assert got == expected


def _scoped(mined: MinedRepo, scope: tuple[str, ...]) -> MinedRepo:
    """`mined` as a mine of `scope` would give it: last changes of the
    paths it listed only (what the scoped docs mine keeps)."""
    data = mined.data
    kept = {p: i for p, i in data.last_change.items() if any(_under(p, s) for s in scope)}
    narrowed = Mined(
        head=data.head,
        commits=data.commits,
        events=data.events,
        last_change=kept,
        odd=data.odd,
        docs_prefix=data.docs_prefix,
        scope=scope,
    )
    return MinedRepo(mined.root, narrowed, dict(mined.stats))


COVERS = """\
covers:
  - "svc a/**"
  - "!svc a/deep/**"
  - top.py
"""


def _drift_repo(root: Path) -> Repo:
    """A runbook covering code outside docs/, reviewed before a branch
    written earlier was merged."""
    repo, built = _new_repo(root)
    repo.write("docs/pay.md", runbook(reviewed="2026-01-20", extra=COVERS))
    for path in ("svc a/x.py", "svc a/deep/w.py", "top.py"):
        built.write(path)
    built.day = 10
    built.commit("code")
    built.day = 20
    built.step("late", 0, 6)  # svc a/x.py on a side branch from day 21, merged day 23
    return repo


def _drift_setup(tmp_path: Path) -> tuple[Config, Roster, KnowledgeBase, MinedRepo]:
    """`_drift_repo`'s config (no cache), roster, documents and whole-tree mine."""
    repo = _drift_repo(tmp_path / "repo")
    config = load_config(cwd=repo.path)
    config.cache_dir = None
    roster = load_roster(config.roster_path)
    kb = load_knowledge_base(config, roster=roster)
    mined = mine(config, scope=None)  # the whole tree: what scoped mines must equal
    assert isinstance(mined, MinedRepo)
    return config, roster, kb, mined


def test_build_history_completes_a_docs_only_mine_with_the_covered_code(tmp_path: Path) -> None:
    config, roster, kb, mined = _drift_setup(tmp_path)
    whole = build_history(config, roster, mined, kb.documents)
    scoped = build_history(config, roster, _scoped(mined, ("docs/",)), kb.documents)
    assert "svc a/x.py" in whole.last_change
    for path in ("svc a/x.py", "svc a/deep/w.py", "top.py"):
        assert scoped.last_change[path] == whole.last_change[path]
    assert "svc ab/q.py" not in scoped.last_change  # nobody covers it: not read
    covers = ["svc a/**", "!svc a/deep/**", "top.py"]
    newest = whole.last_change_matching(covers)
    assert newest is not None and newest[0] == "svc a/x.py"
    assert scoped.last_change_matching(covers) == newest
    # without the pass, the scoped mine would know nothing of the code
    bare = _scoped(mined, ("docs/",))
    assert "svc a/x.py" not in bare.data.last_change


def test_a_drift_finding_survives_a_docs_only_mine(tmp_path: Path) -> None:
    """End to end through the rules: the merged branch (written before the
    review on day 20, merged after it) is drift with either mine."""
    from nohero.checker import check_documents

    config, roster, kb, mined = _drift_setup(tmp_path)
    today = __import__("datetime").date(2026, 3, 1)
    found = {}
    for name, source in (("whole", mined), ("scoped", _scoped(mined, ("docs/",)))):
        history = build_history(config, roster, source, kb.documents)
        findings = check_documents(kb, today, history)
        found[name] = sorted((f.rule, f.message) for f in findings if f.rule == "drift")
    assert found["whole"], "the setup must produce a drift finding"
    assert found["scoped"] == found["whole"]


# --- the cache ----------------------------------------------------------------


def _logging_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str = "log") -> Path:
    """Real git behind a wrapper that writes down each `git COMMAND` it runs."""
    import shutil

    real = shutil.which("git")
    assert real is not None
    calls = tmp_path / "git-calls"
    wrapper = tmp_path / "bin" / "git"
    wrapper.parent.mkdir()
    wrapper.write_text(
        "#!/bin/sh\n"
        f'for a in "$@"; do case "$a" in {command}) '
        f'echo "$@" >> "{calls}";; esac; done\n'
        f'exec "{real}" "$@"\n',
        encoding="utf-8",
    )
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{wrapper.parent}{os.pathsep}{os.environ['PATH']}")
    calls.write_text("", encoding="utf-8")
    return calls


def _logged(calls: Path) -> list[str]:
    """The revisions each logged `git log` read, and empties the log."""
    lines = calls.read_text(encoding="utf-8").splitlines()
    calls.write_text("", encoding="utf-8")
    return [line.split()[-2] for line in lines]  # ... REVISIONS -- (or --stdin)


def test_the_pass_is_cached_by_head_and_prefixes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _drift_repo(tmp_path / "repo")
    config = load_config(cwd=repo.path)
    assert config.cache_dir is not None
    uncached = load_config(cwd=repo.path)
    uncached.cache_dir = None
    calls = _logging_git(tmp_path, monkeypatch)

    def head() -> str:
        return repo.git("rev-parse", "HEAD").strip()

    first = covered.read_at(config, ("svc a/",))
    assert first == (head(), covered.read_at(uncached, ("svc a/",))[1])
    assert _logged(calls) == [head(), head()]  # cold: the whole line, each time
    assert covered.read_at(config, ("svc a/",)) == first  # warm: no git log at all
    assert covered.read_at(config, ("svc a/deep/",))[1] == first[1]  # held by svc a/
    assert _logged(calls) == []

    old = head()
    built = History(repo)
    built.day = 40
    built.write("svc a/x.py")
    built.commit("later")
    again = covered.read_at(config, ("svc a/",))
    assert _logged(calls) == [f"{old}..{head()}"]  # a later HEAD: only what is new
    assert again == covered.read_at(uncached, ("svc a/",))
    assert again[1]["svc a/x.py"] > first[1]["svc a/x.py"]
    _logged(calls)

    wider = covered.read_at(config, ("c:d/", "svc a/"))
    assert _logged(calls) == [head()]  # the new prefix alone
    assert wider == covered.read_at(uncached, ("c:d/", "svc a/"))
    _logged(calls)

    repo.git(
        "commit",
        "-q",
        "--amend",
        "-m",
        "rewritten",
        env={"GIT_COMMITTER_DATE": "2027-01-01T12:00:00+00:00"},
    )
    rewritten = covered.read_at(config, ("svc a/",))
    assert _logged(calls) == [head()]  # the cached head is gone from the line: read again
    assert rewritten == covered.read_at(uncached, ("svc a/",))
    _logged(calls)

    cache_file = config.cache_dir / covered.FILE_NAME
    raw = bytearray(cache_file.read_bytes())
    raw[-3] ^= 1  # a file nohero did not write: a miss, never trusted
    cache_file.write_bytes(bytes(raw))
    assert covered.read_at(config, ("svc a/",)) == rewritten
    assert _logged(calls) == [head()]


# --- bad input ----------------------------------------------------------------


ODD_COVERS = """\
covers:
  - ../outside/**
  - /etc/../passwd
  - "a//b/**"
  - "#not a pattern"
  - "[a/**"
  - "svc a/x.py"
  - "svc a/x.py/**"
  - "svc a/two\\nlines/**"
  - "nul\\0byte/**"
  - "!svc ab/**"
  - 42
"""


def test_odd_covers_never_raise_and_ask_git_only_what_can_match(tmp_path: Path) -> None:
    repo, built = _new_repo(tmp_path / "repo")
    repo.write("docs/odd.md", runbook(extra=ODD_COVERS))
    repo.write("docs/none.md", runbook(extra="covers: 7"))
    repo.write("docs/plain.md", runbook())
    built.write("svc a/x.py")
    built.commit("code")
    config = load_config(cwd=repo.path)
    config.cache_dir = None
    roster = load_roster(config.roster_path)
    kb = load_knowledge_base(config, roster=roster)
    # outside the repository, malformed, empty folder names, a NUL: nothing
    # git records can match; a line break: its folder; a file and the same
    # name as a folder: held by that folder
    assert covered.prefixes_for(kb.documents, ("docs/",)) == ("svc a/",)
    mined = mine(config, scope=None)
    assert isinstance(mined, MinedRepo)
    history = build_history(config, roster, _scoped(mined, ("docs/",)), kb.documents)
    assert history.available and history.note is None
    whole = build_history(config, roster, mined)
    assert history.last_change["svc a/x.py"] == whole.last_change["svc a/x.py"]
    # covers in no document, or all inside the mined scope: no pass at all
    assert covered.prefixes_for(kb.documents[:0], ("docs/",)) == ()
    assert covered.prefixes_for(kb.documents, None) == ()


def test_a_failing_pass_is_a_note_not_a_traceback(tmp_path: Path) -> None:
    repo = _drift_repo(tmp_path / "repo")
    config = load_config(cwd=repo.path)
    config.cache_dir = None
    kb = load_knowledge_base(config, roster=load_roster(config.roster_path))
    table, note = covered.for_history(config, ("docs/",), "0" * 40, kb.documents)
    assert table == {}
    assert note is not None and note.startswith("could not read when covered files changed")


@pytest.mark.parametrize(
    "setting", ["GIT_GLOB_PATHSPECS", "GIT_NOGLOB_PATHSPECS", "GIT_ICASE_PATHSPECS"]
)
def test_an_exported_pathspec_setting_changes_neither_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    """git refuses its literal pathspecs next to an exported glob setting,
    and a case-blind one would list more: both passes read plain paths."""
    config, roster, kb, mined = _drift_setup(tmp_path)
    plain = covered.read_changes(str(config.repo_root), "HEAD", ("svc a/", "top.py"))
    docs_only = mine(config, scope=("docs/",))
    assert isinstance(docs_only, MinedRepo)
    monkeypatch.setenv(setting, "1")
    assert covered.read_changes(str(config.repo_root), "HEAD", ("svc a/", "top.py")) == plain
    assert plain  # the drift repository's covered code was read at all
    again = mine(config, scope=("docs/",))
    assert isinstance(again, MinedRepo)
    assert dict(again.data.last_change) == dict(docs_only.data.last_change)
    assert again.data.events.keys() == docs_only.data.events.keys()


# --- started early ------------------------------------------------------------


def test_an_early_pass_is_used_when_it_holds_what_is_needed(tmp_path: Path) -> None:
    config, roster, kb, mined = _drift_setup(tmp_path)
    whole = build_history(config, roster, mined, kb.documents).last_change
    # `top.py` matches at any depth: the whole tree is asked for
    assert covered.prefixes_for(kb.documents, ("docs/",)) == ("",)
    for early in (("",), ("svc a/",)):  # enough, and too little (the rest read then)
        started = covered.CoversPass(config, early)
        history = build_history(
            config, roster, _scoped(mined, ("docs/",)), kb.documents, covers=started
        )
        assert dict(history.last_change.items()) == dict(whole.items())


def test_a_report_starts_the_pass_while_the_mine_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With mines listing docs/ only (`scope.requested`), the pipeline's
    early mine starts the pass once the documents are parsed, the history
    waits for it, and the report is the one a whole-tree mine gives."""
    import shutil

    from nohero.history import scope

    repo = _drift_repo(tmp_path / "repo")
    env = {"NOHERO_TODAY": "2026-03-01"}
    monkeypatch.setattr(scope, "requested", lambda config: None)  # whole-tree mines
    before = repo.cli("report", "--format", "json", env=env)
    cache_file = repo.path / ".cache" / "nohero" / covered.FILE_NAME
    assert not cache_file.exists()
    shutil.rmtree(repo.path / ".git" / "nohero" / "results", ignore_errors=True)  # no answer kept
    monkeypatch.setattr(scope, "requested", lambda config: ("docs/",))
    after = repo.cli("report", "--format", "json", env=env)
    assert cache_file.exists()  # the pass ran, early, and kept its answer
    assert after.exit_code == before.exit_code
    assert after.output == before.output
    assert '"drift"' in after.output


def test_an_early_pass_spawns_no_git_the_mine_spawned_already(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HEAD and the git dir come from the mine's own `rev-parse` (a one-file
    pre-commit run counts each spawn): a warm report with the pass runs as
    many as one without."""
    import shutil

    from nohero.history import scope

    repo = _drift_repo(tmp_path / "repo")
    env = {"NOHERO_TODAY": "2026-03-01"}
    results = repo.path / ".git" / "nohero" / "results"
    monkeypatch.setattr(scope, "requested", lambda config: ("docs/",))
    repo.cli("report", "--format", "json", env=env)  # both caches written
    calls = _logging_git(tmp_path, monkeypatch, "rev-parse")
    spawned = {}
    for name, requested in (("without", lambda config: None), ("with", lambda config: ("docs/",))):
        monkeypatch.setattr(scope, "requested", requested)
        shutil.rmtree(results, ignore_errors=True)
        assert repo.cli("report", "--format", "json", env=env).exit_code == 0
        spawned[name] = len(calls.read_text(encoding="utf-8").splitlines())
        calls.write_text("", encoding="utf-8")
    assert spawned["with"] == spawned["without"] >= 1


def test_a_pass_whose_mine_never_knew_head_reads_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mine stops before it knows HEAD only when there is no usable
    history (a shallow clone, no commits...): the early pass then reads
    nothing, since its answer would never be used."""
    repo = _drift_repo(tmp_path / "repo")
    config = load_config(cwd=repo.path)
    calls = _logging_git(tmp_path, monkeypatch)
    assert covered.CoversPass(config, ("",), lambda: None).result() == ("", {})
    assert _logged(calls) == []
    assert not (repo.path / ".cache" / "nohero" / covered.FILE_NAME).exists()
    head = repo.git("rev-parse", "HEAD").strip()
    assert covered.CoversPass(config, ("",)).result()[0] == head  # no probe: it asks git
    assert _logged(calls) == [head]
