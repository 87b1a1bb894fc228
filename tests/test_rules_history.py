"""drift, single-author and review-rubber-stamp on hand-built histories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gitrepo import DEFAULT_PEOPLE, Repo, runbook
from nohero.config import Config
from nohero.document import Document, parse_document
from nohero.history.model import Change, DocHistory, History
from nohero.roster import load_roster
from nohero.rules import RULES, RuleContext

PATH = "docs/payments.md"
TODAY = dt.date(2026, 11, 1)


def when(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day + "T12:00:00+00:00")


def change(
    day: str,
    *authors: str,
    content: bool = True,
    created: bool = False,
    reviewed: str | None = None,
) -> Change:
    return Change(
        sha=day.replace("-", "") * 5,
        when=when(day),
        authors=authors,
        content=content,
        created=created,
        last_reviewed=dt.date.fromisoformat(reviewed) if reviewed else None,
    )


def document(text: str) -> Document:
    return parse_document(
        PATH, Path(PATH), "payments.md", text.encode(), lambda rel, declared: "runbook"
    )


def hits(rule: str, doc: Document, history: History | None, tmp_path: Path) -> list[str]:
    roster_file = tmp_path / "people.yml"
    roster_file.write_text(DEFAULT_PEOPLE)
    config = Config(None, tmp_path, tmp_path, tmp_path / "docs", roster_file)
    ctx = RuleContext(config=config, roster=load_roster(roster_file), today=TODAY, history=history)
    return [f"{h.line}: {h.message}" for h in RULES[rule].check(doc, ctx)]


def history(changes: list[Change], **last_change: str) -> History:
    files = {
        path.replace("__", "/").replace("_py", ".py"): when(day)
        for path, day in last_change.items()
    }
    return History(available=True, docs={PATH: DocHistory(PATH, changes)}, last_change=files)


COVERED = runbook(reviewed="2026-10-02", extra="covers: [services/payments/**]")


def test_drift_names_the_changed_file_and_points_at_covers(tmp_path: Path) -> None:
    h = history(
        [change("2026-01-01", "alice", created=True)], services__payments__db_py="2026-10-20"
    )
    found = hits("drift", document(COVERED), h, tmp_path)
    assert len(found) == 1
    assert found[0].startswith("8: services/payments/db.py (covered) changed on 2026-10-20")
    assert "2026-10-02" in found[0] and "nohero review docs/payments.md" in found[0]


def test_drift_is_quiet_when_the_change_predates_the_review(tmp_path: Path) -> None:
    h = history(
        [change("2026-01-01", "alice", created=True)], services__payments__db_py="2026-10-02"
    )
    assert hits("drift", document(COVERED), h, tmp_path) == []


def test_drift_ignores_files_outside_covers(tmp_path: Path) -> None:
    h = history([change("2026-01-01", "alice", created=True)], services__search__db_py="2026-10-20")
    assert hits("drift", document(COVERED), h, tmp_path) == []


def test_history_rules_are_silent_without_history(tmp_path: Path) -> None:
    for rule in ("drift", "single-author", "review-rubber-stamp"):
        assert hits(rule, document(COVERED), None, tmp_path) == []
        assert (
            hits(
                rule,
                document(COVERED),
                History(available=False, note="not a git repository"),
                tmp_path,
            )
            == []
        )


def test_single_author_counts_writers_not_review_bumps(tmp_path: Path) -> None:
    h = history(
        [change("2026-01-01", "alice", created=True), change("2026-05-01", "carol", content=False)]
    )
    found = hits("single-author", document(COVERED), h, tmp_path)
    assert found == [
        "5: only 'alice' (Alice Example) has ever written this document: have bob walk through it "
        "and edit what they had to ask about"
    ]


def test_single_author_passes_with_a_second_writer_or_co_author(tmp_path: Path) -> None:
    two = history([change("2026-01-01", "alice", created=True), change("2026-05-01", "bob")])
    assert hits("single-author", document(COVERED), two, tmp_path) == []
    paired = history([change("2026-01-01", "alice", "carol", created=True)])
    assert hits("single-author", document(COVERED), paired, tmp_path) == []


def test_single_author_who_left(tmp_path: Path) -> None:
    h = history([change("2026-01-01", "dave", created=True)])
    (found,) = hits("single-author", document(COVERED), h, tmp_path)
    assert "'dave' (Dave Former) ever wrote this document, and they have left" in found


def test_single_author_needs_a_commit(tmp_path: Path) -> None:
    assert hits("single-author", document(COVERED), history([]), tmp_path) == []


REDATED = runbook(reviewed="2026-08-10", extra="covers: [services/payments/**]")


def test_rubber_stamp_review_after_a_code_change(tmp_path: Path) -> None:
    changes = [
        change("2026-02-01", "alice", created=True, reviewed="2026-02-01"),
        change("2026-08-10", "bob", content=False, reviewed="2026-08-10"),
    ]
    h = history(changes, services__payments__db_py="2026-08-03")
    (found,) = hits("review-rubber-stamp", document(REDATED), h, tmp_path)
    assert found.startswith(
        "7: re-dated once without an edit since the text last changed on 2026-02-01"
    )
    assert "services/payments/db.py (covered) changed on 2026-08-03" in found
    # drift is quiet: the date says the page was reviewed after the change
    assert hits("drift", document(REDATED), h, tmp_path) == []


def test_rubber_stamp_counts_repeated_bumps(tmp_path: Path) -> None:
    changes = [
        change("2026-02-01", "alice", created=True, reviewed="2026-02-01"),
        change("2026-05-01", "bob", content=False, reviewed="2026-05-01"),
        change(
            "2026-06-01", "alice", content=False, reviewed="2026-06-01"
        ),  # owner change, same date
        change("2026-08-10", "bob", content=False, reviewed="2026-08-10"),
    ]
    h = history(changes, services__payments__db_py="2026-04-03")
    (found,) = hits("review-rubber-stamp", document(REDATED), h, tmp_path)
    assert "re-dated 3 times" in found
    changes[2] = change("2026-06-01", "alice", content=False, reviewed="2026-05-01")
    nothing_covered = history(changes, README_md="2026-07-01")
    assert hits("review-rubber-stamp", document(REDATED), nothing_covered, tmp_path) == []


def test_rewriting_the_text_is_a_real_review(tmp_path: Path) -> None:
    changes = [
        change("2026-02-01", "alice", created=True, reviewed="2026-02-01"),
        change("2026-08-10", "bob", content=True, reviewed="2026-08-10"),
    ]
    h = history(changes, services__payments__db_py="2026-08-03")
    assert hits("review-rubber-stamp", document(REDATED), h, tmp_path) == []


def test_a_bump_before_the_code_change_is_drift_not_a_stamp(tmp_path: Path) -> None:
    changes = [
        change("2026-02-01", "alice", created=True, reviewed="2026-02-01"),
        change("2026-08-10", "bob", content=False, reviewed="2026-08-10"),
    ]
    h = history(changes, services__payments__db_py="2026-09-03")
    assert hits("review-rubber-stamp", document(REDATED), h, tmp_path) == []
    assert len(hits("drift", document(REDATED), h, tmp_path)) == 1


def test_every_history_rule_documents_a_passing_and_failing_example() -> None:
    for rule in ("drift", "single-author", "review-rubber-stamp"):
        doc = RULES[rule].documentation
        assert "Passes" in doc and "Fails" in doc, rule


def test_single_author_on_real_git_co_author_and_review_bump(repo: Repo) -> None:
    from nohero.checker import check_documents
    from nohero.config import load_config
    from nohero.history.miner import load_history
    from nohero.knowledge_base import load_knowledge_base

    repo.knowledge_base()
    alice = "Alice Example <alice@example.com>"
    repo.commit(
        "solo",
        files={"docs/solo.md": runbook(reviewed="2026-01-01")},
        author=alice,
        date="2026-01-01T09:00:00+00:00",
    )
    repo.commit(
        "pair\n\nCo-authored-by: Carol Example <carol@example.com>",
        files={"docs/pair.md": runbook(reviewed="2026-01-01")},
        author=alice,
        date="2026-01-02T09:00:00+00:00",
    )
    repo.commit(
        "review",
        files={"docs/solo.md": runbook(reviewed="2026-10-01")},
        author="Bob Example <bob@example.com>",
        date="2026-10-01T09:00:00+00:00",
    )
    config = load_config(repo.path / "mkdocs.yml")
    kb = load_knowledge_base(config)
    findings = check_documents(kb, TODAY, load_history(config, kb.roster))
    flagged = [f.path for f in findings if f.rule == "single-author"]
    assert flagged == ["docs/solo.md"]
