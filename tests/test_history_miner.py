"""The git history miner on real repositories built in tmp dirs."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from gitrepo import DEFAULT_MKDOCS, Repo, runbook
from nohero.config import Config, load_config
from nohero.history.miner import NO_COMMITS, NOT_A_REPO, load_history
from nohero.history.model import History
from nohero.knowledge_base import load_knowledge_base
from nohero.roster import load_roster

ALICE = "Alice Example <alice@example.com>"
BOB = "Bob Example <bob@example.com>"
CAROL = "Carol Example <carol@example.com>"


def mine(repo: Repo, **kwargs: object) -> History:
    """The history a run builds: given the documents, as the pipeline gives
    them (what they `cover` outside docs/ is read for them)."""
    config = load_config(cwd=repo.path)
    roster = load_roster(config.roster_path)
    kwargs.setdefault("documents", load_knowledge_base(config, roster=roster).documents)
    return load_history(config, roster, **kwargs)  # type: ignore[arg-type]


def day(n: int) -> str:
    return f"2026-01-{n:02d}T12:00:00+00:00"


@pytest.fixture
def kb(repo: Repo) -> Repo:
    repo.knowledge_base()
    repo.commit("setup", author=ALICE, date=day(1))
    return repo


def authors(history: History, path: str) -> list[tuple[str, int]]:
    doc = history.for_doc(path)
    assert doc is not None, f"{path} not mined; have {sorted(history.docs)}"
    return doc.authors


def test_changes_oldest_first_with_authors_dates_and_creation(kb: Repo) -> None:
    first = kb.commit(
        files={"docs/db.md": runbook()}, author=ALICE, date="2026-01-02T09:30:00+02:00"
    )
    second = kb.commit(files={"docs/db.md": runbook(body="# Rewritten\n")}, author=BOB, date=day(3))
    history = mine(kb)
    assert history.available and history.head == second
    doc = history.docs["docs/db.md"]
    assert [c.sha for c in doc.changes] == [first, second]
    assert doc.changes[0].created and not doc.changes[1].created
    assert doc.changes[0].when == dt.datetime(
        2026, 1, 2, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))
    )
    assert doc.authors == [("alice", 1), ("bob", 1)]
    assert "mkdocs.yml" not in history.docs  # only documents under docs_dir


def test_front_matter_only_commit_is_not_content_and_tracks_last_reviewed(kb: Repo) -> None:
    kb.commit(files={"docs/db.md": runbook(reviewed="2026-01-02")}, author=ALICE, date=day(2))
    kb.commit(files={"docs/db.md": runbook(reviewed="2026-01-20")}, author=BOB, date=day(20))
    kb.commit(
        files={"docs/db.md": runbook(reviewed="2026-01-20", owner="carol")},
        author=BOB,
        date=day(21),
    )
    doc = mine(kb).docs["docs/db.md"]
    assert [c.content for c in doc.changes] == [True, False, False]
    assert [c.last_reviewed for c in doc.changes] == [
        dt.date(2026, 1, 2),
        dt.date(2026, 1, 20),
        dt.date(2026, 1, 20),
    ]
    assert doc.last_modified == dt.date(2026, 1, 21)
    assert doc.last_content_change == dt.date(2026, 1, 2)


def test_user_log_config_cannot_hide_changes(repo: Repo) -> None:
    repo.git("config", "log.showRoot", "false")
    repo.git("config", "diff.renames", "false")
    repo.git("config", "log.showSignature", "true")
    repo.knowledge_base(docs={"db.md": runbook()})
    first = repo.commit(author=ALICE, date=day(1))
    repo.git("mv", "docs/db.md", "docs/db2.md")
    repo.commit(author=BOB, date=day(2))
    doc = mine(repo).docs["docs/db2.md"]
    assert doc.changes[0].sha == first and doc.changes[0].created


def test_body_edit_is_content(kb: Repo) -> None:
    kb.commit(files={"docs/db.md": runbook()}, author=ALICE, date=day(2))
    kb.commit(
        files={"docs/db.md": runbook(body="# Payments\n\nNew step.\n")}, author=BOB, date=day(3)
    )
    assert [c.content for c in mine(kb).docs["docs/db.md"].changes] == [True, True]


def test_rename_keeps_history(kb: Repo) -> None:
    kb.commit(files={"docs/old.md": runbook()}, author=ALICE, date=day(2))
    kb.commit(
        files={"docs/old.md": runbook(body="# B\n\nmore words here\n")}, author=BOB, date=day(3)
    )
    (kb.path / "docs/runbooks").mkdir()
    kb.git("mv", "docs/old.md", "docs/runbooks/new.md")
    kb.commit(author=CAROL, date=day(4))
    history = mine(kb)
    assert "docs/old.md" not in history.docs
    doc = history.docs["docs/runbooks/new.md"]
    assert [c.authors for c in doc.changes] == [("alice",), ("bob",), ("carol",)]
    assert doc.changes[0].created and not doc.changes[2].content  # a pure move rewrites nothing


def test_deleted_then_readded_starts_a_new_history(kb: Repo) -> None:
    kb.commit(files={"docs/db.md": runbook()}, author=ALICE, date=day(2))
    kb.commit(delete=["docs/db.md"], author=ALICE, date=day(3))
    readded = kb.commit(files={"docs/db.md": runbook(title="Other")}, author=BOB, date=day(4))
    doc = mine(kb).docs["docs/db.md"]
    assert [c.sha for c in doc.changes] == [readded]
    assert doc.changes[0].created and doc.authors == [("bob", 1)]


def test_deleted_doc_is_gone_but_its_last_change_stays(kb: Repo) -> None:
    kb.commit(files={"docs/db.md": runbook()}, author=ALICE, date=day(2))
    kb.commit(delete=["docs/db.md"], author=ALICE, date=day(3))
    history = mine(kb)
    assert "docs/db.md" not in history.docs
    assert history.last_change["docs/db.md"].date() == dt.date(2026, 1, 3)


def test_co_authors_count_and_bots_never_do(kb: Repo) -> None:
    kb.commit(
        "add\n\nCo-authored-by: Bob Example <bob@example.com>\n"
        "Co-authored-by: dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
        files={"docs/db.md": runbook()},
        author=ALICE,
        date=day(2),
    )
    kb.commit(
        files={"docs/db.md": runbook(body="# bumped\n")},
        author="renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>",
        date=day(3),
    )
    kb.commit(
        files={"docs/db.md": runbook(body="# again\n")},
        author="github-actions <41898282+github-actions@users.noreply.github.com>",
        date=day(4),
    )
    doc = mine(kb).docs["docs/db.md"]
    assert doc.changes[0].authors == ("alice", "bob")
    assert doc.changes[1].authors == () and doc.changes[2].authors == ()
    assert doc.authors == [("alice", 1), ("bob", 1)]


def test_identities_merge_by_mailmap_email_case_roster_names_and_noreply(kb: Repo) -> None:
    kb.write(".mailmap", "Alice Example <alice@example.com> <ally@old-laptop.local>\n")
    kb.commit(files={"docs/db.md": runbook()}, author="ally <ally@old-laptop.local>", date=day(2))
    for n, author in enumerate(
        [
            "Alice Example <ALICE@Example.COM>",  # same email, other case
            "Bob Example <bob@home.example>",  # the roster's name for bob
            "bobby <1234+bob-gh@users.noreply.github.com>",  # noreply -> roster github login
            "Zed Outsider <Zed@Elsewhere.org>",  # not in the roster: shown by email
            "Zed Outsider <zed@laptop.local>",  # same name, other email
        ]
    ):
        kb.commit(files={"docs/db.md": runbook(body=f"# v{n}\n")}, author=author, date=day(3 + n))
    history = mine(kb)
    # Zed is outside the roster: shown by an email (most used, then first in order).
    assert authors(history, "docs/db.md") == [("alice", 2), ("bob", 2), ("zed@elsewhere.org", 2)]


def test_shared_name_does_not_merge_two_roster_people(repo: Repo) -> None:
    people = """\
people:
  sam1: {name: Sam Smith, emails: [sam1@example.com]}
  sam2: {name: Sam Smith, emails: [sam2@example.com]}
"""
    repo.knowledge_base(people=people)
    repo.commit(
        files={"docs/a.md": runbook(owner="sam1", backup="sam2")},
        author="Sam Smith <sam1@example.com>",
        date=day(1),
    )
    repo.commit(
        files={"docs/a.md": runbook(owner="sam1", backup="sam2", body="# x\n")},
        author="Sam Smith <sam2@example.com>",
        date=day(2),
    )
    assert authors(mine(repo), "docs/a.md") == [("sam1", 1), ("sam2", 1)]


def test_merge_commits_are_skipped_but_branch_commits_count(kb: Repo) -> None:
    kb.commit(files={"docs/db.md": runbook()}, author=ALICE, date=day(2))
    kb.git("checkout", "-q", "-b", "feature")
    feature = kb.commit(files={"docs/db.md": runbook(body="# feature\n")}, author=BOB, date=day(3))
    kb.git("checkout", "-q", "main")
    kb.commit(files={"src/app.py": "print(1)\n"}, author=ALICE, date=day(4))
    env = {
        "GIT_AUTHOR_NAME": "Carol Example",
        "GIT_AUTHOR_EMAIL": "carol@example.com",
        "GIT_AUTHOR_DATE": day(5),
        "GIT_COMMITTER_NAME": "Carol Example",
        "GIT_COMMITTER_EMAIL": "carol@example.com",
        "GIT_COMMITTER_DATE": day(5),
    }
    kb.git("merge", "-q", "--no-ff", "-m", "Merge feature", "feature", env=env)
    history = mine(kb)
    doc = history.docs["docs/db.md"]
    assert feature in [c.sha for c in doc.changes]
    assert "carol" not in dict(doc.authors)
    assert doc.authors == [("alice", 1), ("bob", 1)]


def test_blame_ignore_revs_make_nobody_an_author(kb: Repo) -> None:
    kb.commit(files={"docs/db.md": runbook()}, author=ALICE, date=day(2))
    reformat = kb.commit(
        files={"docs/db.md": runbook(body="#   Payments   DB\n")}, author=BOB, date=day(3)
    )
    kb.commit(files={".git-blame-ignore-revs": f"# black\n{reformat}\n"}, author=ALICE, date=day(4))
    history = mine(kb)
    doc = history.docs["docs/db.md"]
    assert reformat not in [c.sha for c in doc.changes]
    assert doc.authors == [("alice", 1)]
    assert doc.last_modified == dt.date(2026, 1, 2)


def test_drift_input_last_change_of_covered_code(kb: Repo) -> None:
    kb.commit(
        files={"docs/db.md": runbook(extra="covers: [services/payments/**]")},
        author=ALICE,
        date=day(2),
    )
    kb.commit(files={"services/payments/db.py": "x = 1\n"}, author=BOB, date=day(5))
    kb.commit(files={"services/other/a.py": "y = 2\n"}, author=BOB, date=day(9))
    history = mine(kb)
    newest = history.last_change_matching(["services/payments/**"], after=dt.date(2026, 1, 3))
    assert newest is not None and newest[0] == "services/payments/db.py"
    assert newest[1] == dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC)
    assert history.last_change_matching(["services/payments/**"], after=dt.date(2026, 1, 6)) is None


def test_snippet_includes_count_as_part_of_the_page(repo: Repo) -> None:
    mkdocs = (
        DEFAULT_MKDOCS
        + "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs/includes]\n"
    )
    repo.knowledge_base(mkdocs=mkdocs)
    page = runbook(body='# Failover\n\n--8<-- "steps.md"\n\n;--8<-- "ignored.md"\n')
    repo.commit(
        files={
            "docs/db.md": page,
            "docs/includes/steps.md": "1. promote\n",
            "docs/includes/ignored.md": "x\n",
        },
        author=ALICE,
        date=day(2),
    )
    repo.commit(
        files={"docs/includes/steps.md": "1. promote the replica\n"}, author=BOB, date=day(5)
    )
    repo.commit(files={"docs/includes/ignored.md": "y\n"}, author=CAROL, date=day(6))
    doc = mine(repo).docs["docs/db.md"]
    assert doc.authors == [("alice", 1), ("bob", 1)]
    assert doc.last_modified == dt.date(2026, 1, 5) and doc.last_content_change == dt.date(
        2026, 1, 5
    )
    assert doc.changes[-1].last_reviewed == dt.date(2026, 10, 1)  # the page's value carried forward


def test_excluded_docs_are_not_mined(repo: Repo) -> None:
    mkdocs = DEFAULT_MKDOCS.replace("  - nohero:\n", "  - nohero:\n      exclude: ['drafts/*']\n")
    repo.knowledge_base(mkdocs=mkdocs)
    repo.commit(
        files={"docs/drafts/x.md": runbook(), "docs/y.md": runbook()}, author=ALICE, date=day(2)
    )
    assert sorted(mine(repo).docs) == ["docs/y.md"]


def test_not_a_git_repo(folder: Repo) -> None:
    folder.knowledge_base(docs={"a.md": runbook()})
    history = mine(folder)
    assert not history.available and history.note == NOT_A_REPO and not history.shallow


def test_empty_repo(repo: Repo) -> None:
    repo.knowledge_base(docs={"a.md": runbook()})
    history = mine(repo)
    assert not history.available and history.note == NO_COMMITS


def test_shallow_clone_is_refused_with_the_fix(kb: Repo, tmp_path: Path) -> None:
    kb.commit(files={"docs/db.md": runbook()}, author=ALICE, date=day(2))
    kb.commit(files={"docs/db.md": runbook(body="# 2\n")}, author=BOB, date=day(3))
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{kb.path}", str(clone)], check=True
    )
    history = mine(Repo(clone, init=False))
    assert not history.available and history.shallow
    assert (
        history.note is not None
        and "fetch-depth: 0" in history.note
        and "git fetch --unshallow" in history.note
    )


def test_history_off_in_config(repo: Repo) -> None:
    mkdocs = DEFAULT_MKDOCS.replace("  - nohero:\n", "  - nohero:\n      history: false\n")
    repo.knowledge_base(mkdocs=mkdocs)
    repo.commit(author=ALICE, date=day(1))
    assert not mine(repo).available


def test_odd_paths_survive(kb: Repo) -> None:
    name = 'docs/we ird "quoted" ünï.md'
    kb.commit(files={name: runbook()}, author=ALICE, date=day(2))
    assert authors(mine(kb), name) == [("alice", 1)]


def test_progress_is_hidden_when_stderr_is_not_a_terminal(
    kb: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    kb.commit(files={"docs/db.md": runbook()}, author=ALICE, date=day(2))
    assert mine(kb, progress=True).available
    assert capsys.readouterr().err == ""


def config_of(repo: Repo) -> Config:
    return load_config(cwd=repo.path)


def test_snippet_block_form_nested_includes_and_nothing_outside_the_repo(repo: Repo) -> None:
    mkdocs = DEFAULT_MKDOCS + "markdown_extensions:\n  - pymdownx.snippets\n"
    repo.knowledge_base(mkdocs=mkdocs)
    page = runbook(body="# P\n\n--8<--\nparts/a.md\n;parts/skipped.md\n../outside.md\n--8<--\n")
    repo.commit(
        files={
            "docs/p.md": page,
            "parts/a.md": '--8<-- "parts/b.txt:2:3"\n',
            "parts/b.txt": "one\ntwo\nthree\n",
            "parts/skipped.md": "s\n",
        },
        author=ALICE,
        date=day(2),
    )
    (repo.path.parent / "outside.md").write_text("not in the repo\n")
    repo.commit(files={"parts/b.txt": "one\n2\n3\n"}, author=BOB, date=day(3))
    repo.commit(files={"parts/skipped.md": "t\n"}, author=CAROL, date=day(4))
    doc = mine(repo).docs["docs/p.md"]
    assert doc.authors == [("alice", 1), ("bob", 1)]
    assert doc.changes[0].created and not doc.changes[1].created


def test_snippet_includes_come_from_the_parsed_documents(repo: Repo) -> None:
    """Pages are read once, by the knowledge base: given its documents, the
    miner finds includes in their parsed bodies, not by reading the file again."""
    mkdocs = (
        DEFAULT_MKDOCS
        + "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs/includes]\n"
    )
    repo.knowledge_base(mkdocs=mkdocs)
    repo.commit(
        files={"docs/db.md": runbook(), "docs/includes/steps.md": "1. promote\n"},
        author=ALICE,
        date=day(2),
    )
    repo.commit(files={"docs/includes/steps.md": "1. promote it\n"}, author=BOB, date=day(5))
    config = load_config(cwd=repo.path)
    kb = load_knowledge_base(config)
    on_disk = load_history(config, kb.roster, documents=kb.documents).docs["docs/db.md"]
    assert on_disk.authors == [("alice", 1)]  # the page includes nothing
    page = kb.by_path()["docs/db.md"]
    page.body += '\n--8<-- "steps.md"\n'  # what the caller parsed is what counts
    parsed = load_history(config, kb.roster, documents=kb.documents).docs["docs/db.md"]
    assert parsed.authors == [("alice", 1), ("bob", 1)]
