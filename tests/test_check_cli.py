"""`nohero check` end to end in real git repositories: exit codes, formats,
--fail-on, and --changed-since on real branches."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import Result

from gitrepo import DEFAULT_PEOPLE, Repo, runbook

TODAY = "2026-11-25"


def check(repo: Repo, *args: str, env: dict[str, str] | None = None) -> Result:
    return repo.cli("check", "--today", TODAY, *args, env=env)


def test_clean_knowledge_base_exits_0(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook(), "cache.md": runbook(title="Cache flush")})
    repo.commit("docs")
    result = check(repo, "--no-history")
    assert result.exit_code == 0, result.output
    assert "2 documents, all clean" in result.stdout


def test_history_reaches_the_rules_unless_no_history(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook()})
    repo.commit("docs", author="Alice Example <alice@example.com>")
    with_history = check(repo)
    assert with_history.exit_code == 0  # warnings do not fail by default
    assert "single-author" in with_history.stdout
    assert "single-author" not in check(repo, "--no-history").stdout


def test_error_exits_1_grouped_by_file_with_a_summary(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook(owner="alicia"), "ok.md": runbook()})
    result = check(repo)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "docs/db.md"
    assert "owner-unknown" in lines[1] and "did you mean 'alice'" in lines[1]
    assert "1 error in 1 of 2 documents" in lines
    assert "\x1b[" not in result.stdout  # not a terminal: no colour


def test_fail_on_moves_the_threshold(repo: Repo) -> None:
    repo.knowledge_base(
        {"old.md": runbook(reviewed="2026-01-01"), "soon.md": runbook(reviewed="2026-09-02")}
    )
    assert check(repo).exit_code == 0
    assert check(repo, "--fail-on", "warning").exit_code == 1
    repo.knowledge_base(
        {"old.md": runbook(reviewed="2026-11-01"), "soon.md": runbook(reviewed="2026-09-02")}
    )
    assert check(repo, "--fail-on", "warning").exit_code == 0
    assert check(repo, "--fail-on", "info").exit_code == 1


def test_paths_limit_the_check(repo: Repo) -> None:
    repo.knowledge_base({"bad.md": runbook(owner="alicia"), "ok.md": runbook()})
    assert check(repo, "docs/ok.md").exit_code == 0
    assert check(repo, "docs/bad.md").exit_code == 1
    repo.write("README.md", "# not a document\n")
    outside = check(repo, "README.md")  # checking nothing must not look like a pass
    assert outside.exit_code == 2
    assert "README.md is not a Markdown document under docs_dir 'docs'" in outside.output
    assert check(repo, "--only-documents", "README.md").exit_code == 0  # pre-commit's way
    assert check(repo, "mkdocs.yml").exit_code == 1  # config changed: every doc counts


def test_the_roster_among_paths_checks_every_doc(repo: Repo) -> None:
    """pre-commit passes people.yml alone when only the roster changed; a
    roster edit can orphan any document, so every one is checked."""
    repo.knowledge_base({"db.md": runbook(owner="dave"), "ok.md": runbook()})
    only_ok = check(repo, "--no-history", "docs/ok.md")
    assert only_ok.exit_code == 0, only_ok.output
    with_roster = check(repo, "--no-history", "docs/ok.md", "people.yml")
    assert with_roster.exit_code == 1
    assert "docs/db.md" in with_roster.stdout and "owner-departed" in with_roster.stdout


def test_json_format_follows_the_contract(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook(owner="alicia")})
    result = check(repo, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    (doc,) = data["docs"]
    assert doc["path"] == "docs/db.md" and doc["owner"] == "alicia"
    assert doc["findings"][0] == {
        "rule": "owner-unknown",
        "severity": "error",
        "line": 5,
        "message": "owner 'alicia' is not in the roster: did you mean 'alice'?",
    }
    no_history = json.loads(check(repo, "--format", "json", "--no-history").stdout)
    assert no_history["history"] == "not read"


def test_github_format_appends_the_step_summary(repo: Repo, tmp_path: Path) -> None:
    repo.knowledge_base({"db.md": runbook(owner="alicia")})
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = check(repo, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    assert "::error file=docs/db.md,line=5" in result.stdout
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n") and "owner-unknown" in text


def test_format_choices_come_from_the_reporter_registry() -> None:
    from nohero.cli.check import command
    from nohero.reporters import reporters_for

    REPORTERS = reporters_for("check")

    fmt = next(p for p in command.params if p.name == "fmt")
    assert sorted(fmt.type.choices) == sorted(REPORTERS)  # type: ignore[attr-defined]
    assert {"text", "json", "github", "sarif", "junit", "markdown"} <= set(REPORTERS)


def test_configuration_errors_exit_2(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook()})
    (repo.path / "people.yml").unlink()
    result = check(repo)
    assert result.exit_code == 2 and "people.yml not found" in result.stderr


def test_works_without_git_at_all(folder: Repo) -> None:
    folder.knowledge_base({"db.md": runbook()})
    assert check(folder).exit_code == 0
    assert check(folder, "--no-history").exit_code == 0


def test_installed_console_script(repo: Repo) -> None:
    script = shutil.which("nohero")
    assert script, "the nohero console script is not installed (pip install -e .)"
    repo.knowledge_base({"db.md": runbook(backup="dave")})
    repo.commit("docs")
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [script, "check", "--today", TODAY], cwd=repo.path, capture_output=True, text=True, env=env
    )
    assert done.returncode == 1, done.stderr
    assert "backup-departed" in done.stdout and "Traceback" not in done.stderr
    usage = subprocess.run(
        [script, "check", "--fail-on", "sometimes"], cwd=repo.path, capture_output=True, text=True
    )
    assert usage.returncode == 2


# --changed-since on real branches ------------------------------------------------------------


@pytest.fixture
def with_debt(repo: Repo) -> Repo:
    """main has old debt (an unknown owner) and a clean doc owned by carol."""
    repo.knowledge_base(
        {
            "debt.md": runbook(owner="alicia", title="Old debt"),
            "clean.md": runbook(title="Clean"),
            "carol.md": runbook(owner="carol", title="Carol's"),
        }
    )
    repo.commit("knowledge base", date="2026-10-01T10:00:00+00:00")
    repo.git("checkout", "-q", "-b", "feature")
    return repo


def test_old_debt_does_not_fail_a_change_to_another_doc(with_debt: Repo) -> None:
    with_debt.commit(
        "edit clean", files={"docs/clean.md": runbook(title="Clean", body="# Clean\n\nNew step.\n")}
    )
    assert check(with_debt).exit_code == 1  # the whole KB still has debt
    result = check(with_debt, "--changed-since", "main")
    assert result.exit_code == 0, result.output
    assert "debt.md" not in result.stdout and "1 document" in result.stdout


def test_touching_a_bad_doc_fails(with_debt: Repo) -> None:
    with_debt.write(
        "docs/debt.md", runbook(owner="alicia", title="Old debt", body="# Old debt\n\nEdited.\n")
    )
    result = check(with_debt, "--changed-since", "main")  # uncommitted edits count too
    assert result.exit_code == 1
    assert "docs/debt.md" in result.stdout and "owner-unknown" in result.stdout


def test_a_new_untracked_doc_counts(with_debt: Repo) -> None:
    with_debt.write("docs/new.md", runbook(backup="alice"))
    result = check(with_debt, "--changed-since", "main")
    assert result.exit_code == 1 and "backup-is-owner" in result.stdout


def test_a_renamed_doc_counts(with_debt: Repo) -> None:
    with_debt.git("mv", "docs/debt.md", "docs/renamed.md")
    with_debt.commit("rename")
    result = check(with_debt, "--changed-since", "main")
    assert result.exit_code == 1 and "docs/renamed.md" in result.stdout


def test_a_roster_change_that_orphans_docs_fails(with_debt: Repo) -> None:
    people = DEFAULT_PEOPLE.replace(
        "    emails: [carol@example.com]\n",
        "    emails: [carol@example.com]\n    left: 2026-10-31\n",
    )
    with_debt.commit("carol leaves", files={"people.yml": people})
    result = check(with_debt, "--changed-since", "main", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    rules = {(f["path"], f["rule"]) for f in data["findings"]}
    assert rules == {("docs/carol.md", "owner-departed")}
    assert "debt.md" not in result.stdout
    assert "on documents not changed since main were not reported" in result.stderr


def test_a_harmless_roster_change_passes(with_debt: Repo) -> None:
    people = DEFAULT_PEOPLE + "  sre:\n    members: [carol, bob]\n"
    with_debt.commit("new team", files={"people.yml": people})
    result = check(with_debt, "--changed-since", "main")
    assert result.exit_code == 0, result.output


def test_a_settings_change_fails_only_for_what_it_makes_worse(with_debt: Repo) -> None:
    """Editing mkdocs.yml is no licence to block on old debt, but a stricter
    setting that turns untouched docs red is this change's doing."""
    mkdocs = (with_debt.path / "mkdocs.yml").read_text()
    harmless = mkdocs.replace("site_name: Test KB", "site_name: Test KB (renamed)")
    with_debt.commit("rename site", files={"mkdocs.yml": harmless})
    assert check(with_debt, "--changed-since", "main").exit_code == 0
    monthly = "      review_intervals:\n        runbook: 30d\n"
    stricter = harmless.replace("        notes: note\n", "        notes: note\n" + monthly)
    assert stricter != harmless
    with_debt.commit("review monthly", files={"mkdocs.yml": stricter})
    result = check(with_debt, "--changed-since", "main", "--fail-on", "warning")
    assert result.exit_code == 1, result.output
    assert "review-overdue" in result.stdout and "carol.md" in result.stdout
    assert "owner-unknown" not in result.stdout  # the old debt is still not this change's


def test_changed_since_needs_git_and_a_known_ref(with_debt: Repo, folder: Repo) -> None:
    unknown = check(with_debt, "--changed-since", "no-such-branch")
    assert unknown.exit_code == 2 and "unknown revision 'no-such-branch'" in unknown.stderr
    folder.knowledge_base({"db.md": runbook()})
    no_git = check(folder, "--changed-since", "main")
    assert no_git.exit_code == 2 and "needs a git repository" in no_git.stderr


def run_in_terminal(repo: Repo, env: dict[str, str]) -> str:
    """Run the console script with stdout on a pseudo-terminal."""
    import pty

    script = shutil.which("nohero")
    assert script
    leader, follower = pty.openpty()
    try:
        subprocess.run(
            [script, "check", "--today", TODAY, "--no-history"],
            cwd=repo.path,
            stdout=follower,
            stderr=subprocess.DEVNULL,
            env=env,
            timeout=60,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        return b"".join(chunks).decode("utf-8", "replace")
    finally:
        os.close(leader)


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_colour_on_a_terminal_unless_no_color(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook(owner="alicia")})
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\x1b[" in run_in_terminal(repo, env)
    plain = run_in_terminal(repo, {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in plain and "owner-unknown" in plain


def test_check_imports_neither_mkdocs_nor_git(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook()})
    code = (
        "import sys\nfrom nohero.cli import main\n"
        "try:\n    main(['check', '--today', '2026-11-25', '--no-history'])\n"
        "except SystemExit:\n    pass\n"
        "heavy = {'mkdocs', 'git', 'material', 'jinja2'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy), file=sys.stderr)"
    )
    import sys

    done = subprocess.run(
        [sys.executable, "-c", code], cwd=repo.path, capture_output=True, text=True
    )
    assert done.stderr.strip().splitlines()[-1] == "[]"
