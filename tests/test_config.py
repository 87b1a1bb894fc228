"""Bad configuration is exit 2 with a message naming the key; good options
change what check reports."""

from __future__ import annotations

import pytest
from click.testing import Result

from gitrepo import DEFAULT_MKDOCS, Repo, runbook


def check(repo: Repo, *args: str) -> Result:
    return repo.cli("check", "--today", "2026-11-25", "--no-history", *args)


def with_options(options: str) -> str:
    return DEFAULT_MKDOCS + "".join(f"      {line}\n" for line in options.strip().splitlines())


@pytest.mark.parametrize(
    ("mkdocs", "people", "message"),
    [
        ("site_name: [unclosed\n", None, "mkdocs.yml is not valid YAML"),
        ("- just\n- a list\n", None, "mkdocs.yml must be a mapping"),
        ("site_name: x\nextra: " + "[" * 50_000 + "]" * 50_000 + "\n", None, "mkdocs.yml"),
        ("site_name: x\nplugins: nohero\n", None, "'plugins' must be a list"),
        (with_options("colour: blue"), None, "plugins.nohero.colour is not a nohero option"),
        (
            with_options("severity:\n  owner-missing: fatal"),
            None,
            "plugins.nohero.severity.owner-missing",
        ),
        (
            with_options("severity:\n  no-such-rule: error"),
            None,
            "plugins.nohero.severity.no-such-rule",
        ),
        (
            with_options("review_intervals:\n  runbook: often"),
            None,
            "plugins.nohero.review_intervals.runbook",
        ),
        (with_options("types:\n  ops: playbook"), None, "plugins.nohero.types.ops"),
        (with_options("due_soon: soon"), None, "plugins.nohero.due_soon"),
        (with_options("roster: team/people.yml"), None, "people.yml not found"),
        (None, "people: [unclosed\n", "roster people.yml line 1"),
        (with_options("roster: ../people.yml"), None, "plugins.nohero.roster points outside"),
        (with_options("cache_dir: /tmp/nohero-cache"), None, "cache_dir points outside"),
        ("INHERIT: ../base.yml\n" + DEFAULT_MKDOCS, None, "INHERIT points outside"),
        ("INHERIT: mkdocs.yml\n" + DEFAULT_MKDOCS, None, "inherits from itself"),
        (
            "docs_dir: ../elsewhere\n" + DEFAULT_MKDOCS.replace("docs_dir: docs\n", ""),
            None,
            "docs_dir points outside",
        ),
        (None, "- a\n- list\n", "roster people.yml"),
    ],
)
def test_bad_configuration_exits_2_naming_the_key(
    repo: Repo, mkdocs: str | None, people: str | None, message: str
) -> None:
    repo.knowledge_base({"db.md": runbook()})
    if mkdocs is not None:
        repo.write("mkdocs.yml", mkdocs)
    if people is not None:
        repo.write("people.yml", people)
    result = check(repo)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""


def test_missing_mkdocs_yml_says_what_to_do(repo: Repo) -> None:
    result = check(repo)
    assert result.exit_code == 2 and "nohero init" in result.stderr
    assert check(repo, "-f", "other.yml").exit_code == 2


def test_mkdocs_yml_with_tags_and_uninstalled_plugins_is_read(repo: Repo) -> None:
    mkdocs = DEFAULT_MKDOCS.replace("  - search\n", "  - search\n  - some-plugin-not-installed\n")
    mkdocs += "extra:\n  token: !ENV [TOKEN, none]\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
    mkdocs += "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    repo.knowledge_base({"db.md": runbook()}, mkdocs=mkdocs)
    assert check(repo).exit_code == 0


def test_severity_off_and_override(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook(reviewed="2026-01-01")})
    assert check(repo, "--fail-on", "warning").exit_code == 1
    repo.write("mkdocs.yml", with_options("severity:\n  review-overdue: off"))
    assert check(repo, "--fail-on", "info").exit_code == 0
    repo.write("mkdocs.yml", with_options("severity:\n  review-overdue: error"))
    result = check(repo)
    assert result.exit_code == 1 and "error    review-overdue" in result.stdout


def test_review_intervals_and_due_soon_from_config(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook(reviewed="2026-10-01")})  # runbook 90d: due 2026-12-30
    assert "review-" not in check(repo).stdout
    repo.write("mkdocs.yml", with_options("review_intervals:\n  runbook: 4w"))
    assert "review-overdue" in check(repo).stdout
    repo.write("mkdocs.yml", with_options("due_soon: 6w"))
    assert "review-due-soon" in check(repo).stdout


def test_a_rule_that_is_off_is_not_run(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Off means off: the checker does not call the rule on every document
    only to drop its hits (a rule per document costs ~8,000 calls)."""
    from collections.abc import Iterator

    import nohero.rules
    from nohero.document import Document
    from nohero.rules.base import Hit, RuleContext

    called: list[str] = []

    def counting(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        called.append("review-overdue")
        return iter(())

    rule = nohero.rules.RULES["review-overdue"]
    monkeypatch.setitem(nohero.rules.RULES, "review-overdue", rule.__class__(
        id=rule.id, default_severity=rule.default_severity, check=counting,
        documentation=rule.documentation, module=rule.module,
    ))  # fmt: skip
    repo.knowledge_base({"db.md": runbook(reviewed="2026-01-01")})
    assert check(repo).exit_code == 0 and called == ["review-overdue"]
    repo.write("mkdocs.yml", with_options("severity:\n  review-overdue: off"))
    called.clear()
    assert check(repo).exit_code == 0 and called == []
