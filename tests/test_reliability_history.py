"""The miner on histories real repositories have: merges, mass renames,
legacy encodings, impossible dates, huge trailers and ignore lists, a
repository git refuses to read. Each test failed before its fix."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from gitrepo import Repo, runbook
from nohero.config import load_config
from nohero.headings import first_heading
from nohero.history import gitlog, ignore_revs, renames
from nohero.history.gitlog import split_identity
from nohero.history.miner import load_history
from nohero.history.model import History
from nohero.knowledge_base import load_knowledge_base
from nohero.roster import load_roster

ALICE = "Alice Example <alice@example.com>"
BOB = "Bob Example <bob@example.com>"
TODAY = "2026-12-01"
MERGED_IN_APRIL = {
    "GIT_COMMITTER_DATE": "2026-04-01T12:00:00+00:00",
    "GIT_AUTHOR_DATE": "2026-04-01T12:00:00+00:00",
}


def mine(repo: Repo) -> History:
    """The history a run builds, given the documents as the pipeline gives them."""
    config = load_config(cwd=repo.path)
    roster = load_roster(config.roster_path)
    documents = load_knowledge_base(config, roster=roster).documents
    return load_history(config, roster, documents=documents)


def covering(reviewed: str) -> str:
    return runbook(reviewed=reviewed, extra="covers: [src/**]")


def drift_of(repo: Repo) -> list[dict[str, object]]:
    result = repo.cli("check", "--format", "json", "--today", TODAY)
    data = json.loads(result.output)
    return [f for d in data["docs"] for f in d["findings"] if f["rule"] == "drift"]


def finished_within(seconds: float, work) -> bool:  # type: ignore[no-untyped-def]
    """Hang tests: the inputs are sized so the old quadratic code needed
    minutes; linear code needs milliseconds, so the bound is generous."""
    start = time.monotonic()
    work()
    return time.monotonic() - start < seconds


# --- hangs ----------------------------------------------------------------


def test_a_heading_followed_by_a_hundred_thousand_spaces_is_read_in_linear_time() -> None:
    body = "# Payments" + " " * 100_000 + "x\n\nText.\n"
    found: list[object] = []
    assert finished_within(5, lambda: found.append(first_heading(body)))
    assert found[0] == ("Payments" + " " * 100_000 + "x", 0)
    assert first_heading("# Failover {#failover}\n") == ("Failover", 0)
    assert first_heading("# Failover ##\n") == ("Failover", 0)


def test_identities_are_split_in_linear_time() -> None:
    assert finished_within(2, lambda: split_identity(" " * 200_000 + "x"))
    assert split_identity("  Ann  Lee <ann@example.com> ") == ("Ann  Lee", "ann@example.com")
    assert split_identity("a<b <c>") == ("a<b", "c")
    assert split_identity("just a name") == ("just a name", "")


def test_huge_co_authored_by_trailers_neither_hang_nor_overflow_the_argument_list(
    repo: Repo,
) -> None:
    repo.knowledge_base()
    repo.commit("setup", author=ALICE)
    many = "\n".join(f"Co-authored-by: Person {i} <p{i}@example.com>" for i in range(6000))
    huge = "Co-authored-by: " + "N" * 300_000 + " <huge@example.com>"
    repo.write("docs/db.md", runbook())
    (repo.path / ".git" / "message").write_text(f"many\n\n{many}\n{huge}\n", encoding="utf-8")
    repo.git("add", "-A")
    env = {"GIT_AUTHOR_NAME": "Bob Example", "GIT_AUTHOR_EMAIL": "bob@example.com"}
    repo.git("commit", "-q", "-F", str(repo.path / ".git" / "message"), env=env)
    history = mine(repo)
    assert history.available, history.note
    doc = history.docs["docs/db.md"]
    ids = {author for author, _ in doc.authors}
    assert "bob" in ids and "p5999@example.com" in ids and "huge@example.com" in ids
    assert len(ids) == 6002


def test_blame_ignore_revs_are_matched_through_sets_not_every_line_against_every_commit(
    tmp_path: Path,
) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    lines = [f"{i:07x}{'0' * 5}" for i in range(30_000)]  # abbreviated shas
    (tmp_path / ignore_revs.IGNORE_REVS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = load_config(cwd=tmp_path)
    commits = [(f"f{i:039x}", "n", "e", "2026-01-01T00:00:00+00:00", 0, ()) for i in range(60_000)]
    wanted = f"{5:07x}{'0' * 5}" + "f" * 28
    commits.append((wanted, "n", "e", "2026-01-01T00:00:00+00:00", 0, ()))
    ignored: list[set[int]] = []
    assert finished_within(5, lambda: ignored.append(ignore_revs.ignored_commits(config, commits)))
    assert ignored[0] == {60_000}


# --- merges ---------------------------------------------------------------


def test_a_branch_merged_after_the_review_is_drift_even_if_written_before_it(repo: Repo) -> None:
    repo.knowledge_base(docs={"db.md": covering("2026-03-01")})
    repo.commit("setup", files={"src/app.py": "v1\n"}, date="2026-01-01T12:00:00+00:00")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("feature", files={"src/app.py": "v2\n"}, date="2026-02-01T12:00:00+00:00")
    repo.git("checkout", "-q", "main")
    repo.commit(
        "review", files={"docs/db.md": covering("2026-03-01")}, date="2026-03-01T12:00:00+00:00"
    )
    assert drift_of(repo) == []
    repo.git("merge", "-q", "--no-ff", "-m", "merge feature", "feature", env=MERGED_IN_APRIL)
    found = drift_of(repo)
    assert len(found) == 1 and "src/app.py" in str(found[0]["message"])


def test_code_rewritten_while_resolving_a_merge_conflict_is_drift(repo: Repo) -> None:
    repo.knowledge_base(docs={"db.md": covering("2026-03-01")})
    repo.commit("setup", files={"src/app.py": "v1\n"}, date="2026-01-01T12:00:00+00:00")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("theirs", files={"src/app.py": "theirs\n"}, date="2026-02-01T12:00:00+00:00")
    repo.git("checkout", "-q", "main")
    repo.commit("ours", files={"src/app.py": "ours\n"}, date="2026-02-02T12:00:00+00:00")
    repo.commit(
        "review", files={"docs/db.md": covering("2026-03-01")}, date="2026-03-01T12:00:00+00:00"
    )
    env = {
        "GIT_COMMITTER_DATE": "2026-04-01T12:00:00+00:00",
        "GIT_AUTHOR_DATE": "2026-04-01T12:00:00+00:00",
    }
    with pytest.raises(Exception):  # noqa: B017 - a conflict makes git exit 1
        repo.git("merge", "-q", "feature", env=env)
    repo.write("src/app.py", "resolved by hand\n")
    repo.git("add", "src/app.py")
    repo.git("commit", "-q", "--no-edit", env=env)
    found = drift_of(repo)
    assert len(found) == 1 and "src/app.py" in str(found[0]["message"])


def test_a_merge_that_brings_nothing_covered_is_not_drift(repo: Repo) -> None:
    repo.knowledge_base(docs={"db.md": covering("2026-03-01")})
    repo.commit("setup", files={"src/app.py": "v1\n"}, date="2026-01-01T12:00:00+00:00")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("feature", files={"other/x.txt": "x\n"}, date="2026-02-01T12:00:00+00:00")
    repo.git("checkout", "-q", "main")
    repo.commit(
        "review", files={"docs/db.md": covering("2026-03-01")}, date="2026-03-01T12:00:00+00:00"
    )
    env = {
        "GIT_COMMITTER_DATE": "2026-04-01T12:00:00+00:00",
        "GIT_AUTHOR_DATE": "2026-04-01T12:00:00+00:00",
    }
    repo.git("merge", "-q", "--no-ff", "-m", "merge", "feature", env=env)
    assert drift_of(repo) == []


# --- renames over git's limit ----------------------------------------------


def _mass_move(repo: Repo, count: int) -> None:
    repo.knowledge_base()
    files = {f"docs/old/page-{i}.md": runbook(title=f"Page {i}") * 3 for i in range(count)}
    repo.commit("write", files=files, author=ALICE, date="2026-01-01T12:00:00+00:00")
    for i in range(count):
        (repo.path / f"docs/old/page-{i}.md").unlink()
        repo.write(f"docs/new/moved-{i}.md", runbook(title=f"Page {i}") * 3 + "moved\n")
    repo.commit("move everything", author=BOB, date="2026-02-01T12:00:00+00:00")


def test_documents_moved_with_more_files_than_the_rename_limit_keep_their_authors(
    repo: Repo,
) -> None:
    _mass_move(repo, gitlog.RENAME_LIMIT + 20)
    history = mine(repo)
    doc = history.docs["docs/new/moved-7.md"]
    assert [a for a, _ in doc.authors] == ["alice", "bob"]
    assert doc.changes[0].created and not doc.changes[1].created
    assert history.note is None


def test_rename_pairing_left_incomplete_is_said_in_the_report(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    _mass_move(repo, gitlog.RENAME_LIMIT + 20)
    monkeypatch.setattr(renames, "DOC_RENAME_LIMIT", 100)
    result = repo.cli("report", "--format", "json", "--today", TODAY)
    data = json.loads(result.output)
    assert "renames were not all paired" in data["history"]


# --- encodings and dates ----------------------------------------------------

JOERG = """\
people:
  joerg:
    name: Jörg Müller
    emails: [joerg@corp.example]
  bob:
    name: Bob Example
    emails: [bob@example.com]
"""


def test_latin1_commit_encoding_keeps_who_the_author_is(repo: Repo) -> None:
    repo.knowledge_base(people=JOERG)
    repo.commit("setup", author=ALICE)
    repo.git("config", "i18n.commitEncoding", "latin1")
    repo.write("docs/db.md", runbook(owner="joerg"))
    repo.git("add", "-A")
    env = {
        "GIT_AUTHOR_NAME": "Jörg Müller".encode("latin-1").decode("utf-8", "surrogateescape"),
        "GIT_AUTHOR_EMAIL": "joerg@home.example",
        "GIT_AUTHOR_DATE": "2026-02-01T12:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-02-01T12:00:00+00:00",
    }
    full = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    full.update({"GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.path), **env})
    import subprocess

    subprocess.run(
        ["git", "commit", "-q", "-m", "latin1"],
        cwd=repo.path,
        env={k: os.fsencode(v) for k, v in full.items()},  # type: ignore[misc]
        check=True,
    )
    assert (
        b"encoding latin1"
        in subprocess.run(
            ["git", "cat-file", "commit", "HEAD"], cwd=repo.path, capture_output=True, check=True
        ).stdout
    )
    history = mine(repo)
    assert history.docs["docs/db.md"].authors == [("joerg", 1)]


def _raw_commit(repo: Repo, parent: str, author_date: str, committer_date: str) -> str:
    """A commit object written by hand: git itself refuses to make these dates."""
    tree = repo.git("write-tree").strip()
    text = (
        f"tree {tree}\nparent {parent}\n"
        f"author Bob Example <bob@example.com> {author_date}\n"
        f"committer Bob Example <bob@example.com> {committer_date}\n\nodd date\n"
    )
    path = repo.path / ".git" / "raw-commit"
    path.write_text(text, encoding="utf-8")
    sha = repo.git("hash-object", "-t", "commit", "-w", "--literally", str(path)).strip()
    path.unlink()
    return sha


def test_impossible_dates_are_clamped_and_reported_not_a_crash(repo: Repo) -> None:
    repo.knowledge_base(docs={"db.md": covering("2026-03-01")})
    base = repo.commit("setup", files={"src/app.py": "v1\n"}, author=ALICE)
    repo.write("docs/db.md", covering("2026-03-01") + "edited\n")
    repo.git("add", "-A")
    odd_zone = _raw_commit(repo, base, "1767225600 +2500", "1767225600 +2500")
    repo.write("src/app.py", "v2\n")
    repo.write("docs/db.md", covering("2026-03-01") + "edited again\n")
    repo.git("add", "-A")
    far_future = _raw_commit(repo, odd_zone, "300000000000 +0000", "300000000000 -9959")
    repo.git("update-ref", "refs/heads/main", far_future)
    report = repo.cli("report", "--format", "json", "--today", TODAY)
    assert report.exit_code in (0, 1), report.output
    data = json.loads(report.output)
    assert "impossible date" in data["history"]
    whatif = repo.cli("whatif", "--away", "alice", "--today", TODAY)
    assert whatif.exit_code in (0, 1), whatif.output
    history = mine(repo)
    assert history.last_change["src/app.py"].year == 9999
    when = [c.when for c in history.docs["docs/db.md"].changes]
    assert when[-1].year == 9999 and when[0].utcoffset() is not None


def test_dubious_ownership_says_what_git_said_and_how_to_fix_it(repo: Repo) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to give the repository to another user")
    repo.knowledge_base(docs={"db.md": runbook()})
    repo.commit("setup", author=ALICE)
    os.chown(repo.path, 65534, 65534)
    try:
        history = mine(repo)
    finally:
        os.chown(repo.path, 0, 0)
    assert not history.available
    assert history.note is not None
    assert "dubious ownership" in history.note
    assert f"safe.directory {repo.path}" in history.note


# Dates as commit objects hold them: ordinary, odd offsets, edges of the calendar.
AUTHOR_DATES = [
    "1767225600 +0000",
    "1767225600 -0000",
    "1767225600 +0530",
    "1767225600 -0930",
    "1767225600 +1400",
    "1767225600 -1200",
    "1767225600 +2359",
    "1767225600 +2400",
    "1767225600 +0060",
    "1767225600 +2500",
    "0 +0000",
    "0 +0100",
    "86400 -0100",
    "951782400 +0100",
    "253402214400 +0000",
    "253402300799 +0000",
    "300000000000 +0000",
    "1767225600 +123456",
]  # fmt: skip (git itself refuses to print dates before 1970 in a local time)


def test_author_dates_read_fast_equal_the_careful_reading(repo: Repo) -> None:
    """`gitlog._iso` turns git's `%ai` into the ISO date without making a
    datetime; where it declines, `safe_datetime` reads epoch and offset. Both
    must give the same date and the same 'impossible' verdict as the careful
    reading alone, for every date a commit object can hold."""
    import io

    from nohero.history.oddities import safe_datetime

    repo.knowledge_base(docs={"db.md": runbook()})
    parent = repo.commit("setup", author=ALICE)
    for date in AUTHOR_DATES:
        parent = _raw_commit(repo, parent, date, "1767225600 +0000")
    repo.git("update-ref", "refs/heads/main", parent)
    out = subprocess.run(
        ["git", "log", *gitlog.LOG_OPTIONS, "HEAD", "--"],
        cwd=repo.path,
        capture_output=True,
        check=True,
    ).stdout
    commits = [c for c, _ in gitlog.parse_log(io.BytesIO(out))][1:]
    assert len(commits) == len(AUTHOR_DATES)
    for date, commit in zip(AUTHOR_DATES, commits, strict=True):
        epoch, offset = date.split()
        when, impossible = safe_datetime(int(epoch), offset)
        assert (commit.author_date, commit.impossible_date) == (when.isoformat(), impossible), date
