"""The miner against a slow reference that walks commits one by one.

Hypothesis builds small random git histories — side branches merged back,
conflicts resolved by hand, renames (with git's rename limit lowered so
pairing runs out), deletes and re-adds, a Latin-1 commit encoding and
impossible dates — and the one-pass streaming miner must agree with a
reference that asks git about each commit separately (`git diff-tree` per
commit, unlimited rename detection) on every document's changes, authors
and creations, and on when each path last changed on the first-parent line.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gitrepo import DEFAULT_MKDOCS, DEFAULT_PEOPLE, Repo
from nohero.config import load_config
from nohero.history import gitlog, renames, scope
from nohero.history.miner import load_history
from nohero.history.oddities import safe_datetime
from nohero.roster import load_roster

REQUESTED = scope.requested
AUTHORS = [
    ("Alice Example", "alice@example.com"),
    ("Bob Example", "bob@example.com"),
    ("Jörg Müller", "joerg@example.com"),
]
# How each author is shown: roster ids, else the e-mail (Jörg is not in the roster).
SHOWN_AS = {
    "alice@example.com": "alice",
    "bob@example.com": "bob",
    "joerg@example.com": "joerg@example.com",
}
DOCS = [f"docs/d{i}.md" for i in range(4)]
SOURCES = ["src/a.py", "src/b.py"]

# One step: (kind, file index, other index, author index)
STEP = st.tuples(
    st.sampled_from(["write", "write", "delete", "rename", "branch", "conflict", "odd", "mass"]),
    st.integers(0, 5),
    st.integers(0, 5),
    st.integers(0, 2),
)


class Builder:
    """Applies steps to a real repository, with unique file contents so that
    rename pairing has exactly one right answer."""

    def __init__(self, repo: Repo) -> None:
        self.repo = repo
        self.day = 1
        self.serial = 0
        self.latin1 = False

    def content(self, path: str) -> str:
        self.serial += 1
        if path.endswith(".md"):
            lines = "\n".join(f"line {path} {n}" for n in range(6))
            reviewed = f"2026-01-0{self.serial % 9 + 1}"
            return (
                f"---\nowner: alice\nlast_reviewed: {reviewed}\n---\n{lines}\nedit {self.serial}\n"
            )
        return f"code {path} {self.serial}\n" * 3

    def live(self) -> list[str]:
        out = self.repo.git("ls-files", "-z")
        return [p for p in out.split("\0") if p and p.startswith(("docs/", "src/"))]

    def commit(self, author: int, message: str = "step") -> None:
        name, email = AUTHORS[author]
        self.day += 1
        date = f"2026-{1 + self.day // 28:02d}-{1 + self.day % 28:02d}T12:00:00+00:00"
        env = {
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_COMMITTER_DATE": date,
        }
        if author == 2 and not self.latin1:  # from now on the repository writes Latin-1
            self.repo.git("config", "i18n.commitEncoding", "latin1")
            self.latin1 = True
        self.repo.git("add", "-A")
        full = {
            "GIT_CONFIG_NOSYSTEM": "1",
            "HOME": str(self.repo.path),
            "TZ": "UTC",
            **env,
        }
        encoding = "latin-1" if self.latin1 else "utf-8"
        subprocess.run(
            ["git", "commit", "-q", "--allow-empty", "-m", message],
            cwd=self.repo.path,
            env={k: v.encode(encoding) for k, v in full.items()},  # type: ignore[misc]
            check=True,
            capture_output=True,
        )

    def edit(self, kind: str, i: int, j: int) -> None:
        live = self.live()
        pool = DOCS + SOURCES
        if kind == "write" or not live:
            path = pool[i % len(pool)]
            self.repo.write(path, self.content(path))
        elif kind == "delete":
            (self.repo.path / live[i % len(live)]).unlink()
        elif kind == "rename":
            old = live[i % len(live)]
            new = f"{old.rsplit('/', 1)[0]}/moved{self.serial}-{j}{Path(old).suffix}"
            text = (self.repo.path / old).read_text(encoding="utf-8")
            (self.repo.path / old).unlink()
            self.repo.write(new, text + "moved\n")
            self.serial += 1

    def step(self, kind: str, i: int, j: int, author: int) -> None:
        if kind in ("write", "delete", "rename"):
            self.edit(kind, i, j)
            self.commit(author)
        elif kind == "mass":  # more renames in one commit than the (lowered) limit
            for path in [p for p in self.live() if p.endswith(".md")][:3]:
                new = f"docs/mass{self.serial}-{Path(path).stem}.md"
                text = (self.repo.path / path).read_text(encoding="utf-8")
                (self.repo.path / path).unlink()
                self.repo.write(new, text + "mass\n")
                self.serial += 1
            self.commit(author)
        elif kind == "odd":
            self.edit("write", i, j)
            self.repo.git("add", "-A")
            tree = self.repo.git("write-tree").strip()
            head = self.repo.git("rev-parse", "HEAD").strip()
            stamp = "1767225600 +2500" if i % 2 else "300000000000 +0000"
            name, email = AUTHORS[author]
            raw = self.repo.path / ".git" / "odd-commit"
            raw.write_text(
                f"tree {tree}\nparent {head}\nauthor {name} <{email}> {stamp}\n"
                f"committer {name} <{email}> {stamp}\n\nodd\n",
                encoding="utf-8",
            )
            sha = self.repo.git("hash-object", "-t", "commit", "-w", "--literally", str(raw))
            self.repo.git("update-ref", "HEAD", sha.strip())
        else:  # a side branch merged back; "conflict" edits the same file on both sides
            self.repo.git("checkout", "-q", "-b", "side")
            self.edit("write", i, j)
            self.commit((author + 1) % 3, "side")
            self.edit("write", j, i)
            self.commit(author, "side 2")
            self.repo.git("checkout", "-q", "main")
            if kind == "conflict":
                self.edit("write", i, j)
                self.commit(author, "main")
            self.day += 1
            env = {"GIT_COMMITTER_DATE": f"2026-06-{1 + self.day % 28:02d}T12:00:00+00:00"}
            try:
                self.repo.git("merge", "-q", "--no-ff", "-m", "merge", "side", env=env)
            except subprocess.CalledProcessError:
                for path in self.repo.git("diff", "--name-only", "--diff-filter=U").split():
                    self.repo.write(path, self.content(path))
                self.repo.git("add", "-A")
                self.repo.git("commit", "-q", "--no-edit", env=env)
            self.repo.git("branch", "-q", "-D", "side")


# --- the reference ------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    out = subprocess.run(["git", *args], cwd=repo, capture_output=True, check=True)
    return out.stdout.decode("utf-8", "surrogateescape")


def _diff(repo: Path, old: str | None, new: str) -> list[tuple[str, str, str | None]]:
    """(status, path, old path) between two commits, renames found without limit."""
    base = ["diff-tree", "-r", "-z", "-M", "-l0", "--name-status", "--no-commit-id"]
    args = base + ([old, new] if old else ["--root", new])
    fields = _git(repo, *args).split("\0")
    out: list[tuple[str, str, str | None]] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in "RC":
            out.append(("R", fields[i + 2], fields[i + 1]))
            i += 3
        else:
            out.append((status, fields[i + 1], None))
            i += 2
    return out


def reference(
    repo: Path,
) -> tuple[dict[str, list[tuple[str, str, bool]]], dict[str, int]]:
    """Per document: (sha, author email, created) oldest first; per path: the
    committer time of the last first-parent commit that changed it."""
    order = _git(repo, "rev-list", "--topo-order", "--reverse", "HEAD").split()
    main_line = set(_git(repo, "rev-list", "--first-parent", "HEAD").split())
    events: dict[str, list[tuple[str, str, bool]]] = {}
    last: dict[str, int] = {}
    for sha in order:
        parents = _git(repo, "rev-list", "--parents", "-n1", sha).split()[1:]
        email = _git(repo, "show", "-s", "--encoding=UTF-8", "--format=%ae", sha).strip()
        when = safe_datetime(int(_git(repo, "show", "-s", "--format=%ct", sha)))[0]
        changes = _diff(repo, parents[0] if parents else None, sha)
        if sha in main_line:
            for _status, path, old in changes:
                for p in (path, old):
                    if p is not None:
                        last[p] = max(last.get(p, 0), int(when.timestamp()))
        if len(parents) > 1:
            continue
        for status, path, old in changes:
            if status == "D":
                events.pop(path, None)
                continue
            if status == "R":
                history = events.pop(old, None) or []  # type: ignore[arg-type]
                events[path] = history
                history.append((sha, email, False))
            elif status == "A" and path not in events:
                events[path] = [(sha, email, True)]
            else:
                events.setdefault(path, []).append((sha, email, False))
    docs = {p: e for p, e in events.items() if p.startswith("docs/") and p.endswith(".md")}
    return docs, last


@pytest.fixture
def lowered_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Git's rename limit at 1 so a three-document move runs out of it, and
    the documents' own pairing unlimited, as the reference's `-l0`."""
    monkeypatch.setattr(gitlog, "RENAME_LIMIT", 1)
    monkeypatch.setattr(renames, "DOC_RENAME_LIMIT", 1000)


@settings(
    max_examples=30,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(STEP, min_size=1, max_size=7))
def test_the_miner_agrees_with_a_commit_by_commit_reference(
    tmp_path_factory: pytest.TempPathFactory,
    lowered_limits: None,
    steps: list[tuple[str, int, int, int]],
) -> None:
    repo = Repo(tmp_path_factory.mktemp("ref") / "repo")
    repo.write("mkdocs.yml", DEFAULT_MKDOCS)
    repo.write("people.yml", DEFAULT_PEOPLE)
    repo.write("docs/d0.md", "---\nowner: alice\n---\nfirst\n")
    builder = Builder(repo)
    builder.commit(0, "setup")
    for kind, i, j, author in steps:
        builder.step(kind, i, j, author)
    config = load_config(cwd=repo.path)
    config.cache_dir = None
    # the whole tree: every path's last change (a docs-only mine is held
    # equal to this one by tests/test_miner_scoped.py)
    scope.requested = lambda config: None  # type: ignore[assignment]
    try:
        history = load_history(config, load_roster(config.roster_path))
    finally:
        scope.requested = REQUESTED
    assert history.available, history.note
    expected_docs, expected_last = reference(repo.path)
    mined_docs = {
        path: [(c.sha, c.created) for c in doc.changes] for path, doc in history.docs.items()
    }
    assert mined_docs == {
        path: [(sha, created) for sha, _, created in evs] for path, evs in expected_docs.items()
    }
    for path, doc in history.docs.items():
        expected = {SHOWN_AS[email] for _, email, _ in expected_docs[path]}
        assert {a for a, _ in doc.authors} == expected, path
    assert {p: int(t.timestamp()) for p, t in history.last_change.items()} == expected_last
