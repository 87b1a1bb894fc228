"""`nohero codeowners`: the generated block, and hand-written lines kept byte for byte."""

from __future__ import annotations

import pytest

from gitrepo import Repo, runbook
from nohero.codeowners import BEGIN, END, update
from nohero.config import ConfigError
from nohero.escape import codeowners_pattern as pattern

TODAY = "2026-11-25"


def run(repo: Repo, *args: str) -> tuple[int, str, str]:
    result = repo.cli("codeowners", *args, "--today", TODAY, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def kb(repo: Repo) -> Repo:
    repo.knowledge_base(
        docs={
            "pay/db.md": runbook(owner="alice", backup="bob"),
            "pay/team.md": runbook(owner="payments", backup="carol"),  # carol: no github login
            "pay/my notes.md": runbook(owner="bob", backup="dave"),  # dave has left
            "pay/old.md": runbook(owner="carol", backup="dave"),  # nobody with a handle
            "bad.md": "---\nowner: [\n---\n",
        }
    )
    return repo


BLOCK = (
    f"{BEGIN}\n"
    "/docs/pay/db.md @alice-gh @bob-gh\n"
    "/docs/pay/my\\ notes.md @bob-gh\n"
    "/docs/pay/team.md @corp/payments\n"
    f"{END}\n"
)


def test_writes_block_with_handles_and_warnings(kb: Repo) -> None:
    code, out, err = run(kb)
    assert code == 0 and "wrote .github/CODEOWNERS: 3 entries" in out
    assert (kb.path / ".github/CODEOWNERS").read_text() == BLOCK
    assert "warning: 'carol' has no github login in people.yml" in err
    assert "warning: 'dave' has left" in err
    assert "warning: docs/pay/old.md: no owner or backup with a GitHub handle; not listed" in err


def test_hand_written_lines_around_the_block_survive_byte_for_byte(kb: Repo) -> None:
    before = b"\xef\xbb\xbf# Hand-written\r\n*.py @corp/devs\r\n\r\n"
    after = b"/infra/ @corp/sre   # trailing comment\r\n# no newline at end"
    stale = f"{BEGIN}\r\n/docs/gone.md @x\r\n{END}\r\n".encode()
    kb.write(".github/CODEOWNERS", before + stale + after)
    assert run(kb)[0] == 0
    written = (kb.path / ".github/CODEOWNERS").read_bytes()
    assert written == before + BLOCK.replace("\n", "\r\n").encode() + after
    assert run(kb, "--check")[0] == 0


def test_block_is_appended_after_existing_rules_once(kb: Repo) -> None:
    kb.write("CODEOWNERS", "* @corp/everyone")
    assert run(kb)[0] == 0
    assert not (kb.path / ".github/CODEOWNERS").exists()  # GitHub reads the root file here
    first = (kb.path / "CODEOWNERS").read_text()
    assert first == "* @corp/everyone\n\n" + BLOCK
    assert run(kb)[0] == 0
    assert (kb.path / "CODEOWNERS").read_text() == first


def test_check_fails_with_diff_when_out_of_date(kb: Repo) -> None:
    code, out, err = run(kb, "--check")
    assert code == 1 and not (kb.path / ".github/CODEOWNERS").exists()
    assert "+/docs/pay/db.md @alice-gh @bob-gh" in out and "out of date" in err
    run(kb)
    assert run(kb, "--check")[:2] == (0, ".github/CODEOWNERS is up to date\n")
    kb.write("docs/pay/db.md", runbook(owner="bob", backup="alice"))
    code, out, _ = run(kb, "--check")
    assert code == 1
    assert "-/docs/pay/db.md @alice-gh @bob-gh\n+/docs/pay/db.md @bob-gh @alice-gh" in out


def test_custom_path_and_path_outside_repo(kb: Repo) -> None:
    assert run(kb, "--path", "docs/CODEOWNERS")[0] == 0
    assert (kb.path / "docs/CODEOWNERS").read_text() == BLOCK
    code, _, err = run(kb, "--path", "../elsewhere")
    assert code == 2 and "outside the repository" in err


@pytest.mark.parametrize(
    "text",
    [f"{BEGIN}\n/x @a\n", f"{END}\n{BEGIN}\n", f"{BEGIN}\n{END}\n{BEGIN}\n{END}\n"],
    ids=["no end", "reversed", "twice"],
)
def test_broken_markers_are_a_config_error(kb: Repo, text: str) -> None:
    kb.write(".github/CODEOWNERS", text)
    code, _, err = run(kb)
    assert code == 2 and "fix or remove the markers by hand" in err
    assert (kb.path / ".github/CODEOWNERS").read_text() == text
    with pytest.raises(ConfigError):
        update(text.encode(), [])


def test_team_without_github_falls_back_to_members(repo: Repo) -> None:
    people = (
        "people:\n  alice: {github: alice-gh}\n  bob: {github: bob-gh}\n"
        "teams:\n  ops: {members: [alice, bob]}\n"
    )
    repo.knowledge_base(docs={"a.md": runbook(owner="ops", backup="bob")}, people=people)
    code, _, err = run(repo)
    assert code == 0 and "team 'ops' has no github team" in err
    assert "/docs/a.md @alice-gh @bob-gh\n" in (repo.path / ".github/CODEOWNERS").read_text()


def test_update_unterminated_end_line_and_patterns() -> None:
    old = f"a @b\n{BEGIN}\n{END}".encode()
    assert update(old, ["/x @y"]) == f"a @b\n{BEGIN}\n/x @y\n{END}".encode()
    assert update(None, []) == f"{BEGIN}\n{END}\n".encode()
    assert pattern("docs/a b.md") == "/docs/a\\ b.md"
    assert pattern("docs/[x].md") is None and pattern("docs/#x.md") is None
