"""The pre-commit run -- `nohero check --only-documents FILE...` -- answers
exactly what a whole-repository check answers for those files, history rules
included, whether it goes through click or through the console script's
quick path (cli/quick.py); and it loads only what it needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gitrepo import DEFAULT_MKDOCS, Repo, runbook

TODAY = "2026-11-25"
PAYMENTS = "covers: [services/payments/**]"
DOCS = {
    # drift: the code it covers changed after its review
    "db.md": runbook(reviewed="2026-08-01", extra=PAYMENTS),
    # review-rubber-stamp: last_reviewed bumped after a code change, text untouched
    "queue.md": runbook(title="Queue stuck", reviewed="2026-08-01", extra=PAYMENTS),
    # owner-missing (an error) and a backup nobody knows
    "cache.md": runbook(title="Cache", owner="", backup="zed"),
    # review-overdue
    "old.md": runbook(title="Old", reviewed="2025-01-10"),
    # written by two people: no single-author
    "shared.md": runbook(title="Shared"),
}


def history_repo(repo: Repo) -> None:
    """Every DOCS finding fires, single-author on most: a real history."""
    repo.knowledge_base({k: v for k, v in DOCS.items()})
    repo.write("README.md", "# not a document\n")
    repo.commit("kb", date="2026-07-01T10:00:00+00:00")
    repo.commit(
        "second writer",
        files={"docs/shared.md": DOCS["shared.md"] + "\nMore steps.\n"},
        author="Bob Example <bob@example.com>",
        date="2026-07-02T10:00:00+00:00",
    )
    repo.commit(
        "code", files={"services/payments/app.py": "x = 1\n"}, date="2026-09-01T10:00:00+00:00"
    )
    bumped = DOCS["queue.md"].replace("last_reviewed: 2026-08-01", "last_reviewed: 2026-09-10")
    repo.commit(
        "review bump",
        files={"docs/queue.md": bumped},
        author="Bob Example <bob@example.com>",
        date="2026-09-10T10:00:00+00:00",
    )


def json_findings(repo: Repo, *args: str) -> list[dict[str, object]]:
    result = repo.cli("check", "--format", "json", "--today", TODAY, *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)["findings"]  # type: ignore[no-any-return]


def test_a_one_file_run_finds_what_the_whole_run_finds_for_that_file(repo: Repo) -> None:
    history_repo(repo)
    whole = json_findings(repo)
    fired = {f["rule"] for f in whole}
    assert {
        "drift",
        "review-rubber-stamp",
        "single-author",
        "owner-missing",
        "backup-unknown",
        "review-overdue",
    } <= fired, fired
    for name in DOCS:
        path = f"docs/{name}"
        alone = json_findings(repo, "--only-documents", path, "README.md")
        assert [f for f in alone if f["path"] == path] == [f for f in whole if f["path"] == path]
        assert {f["path"] for f in alone} <= {path, "people.yml"}, name
    pair = json_findings(repo, "--only-documents", "docs/db.md", "docs/queue.md")
    assert pair == [f for f in whole if f["path"] in ("docs/db.md", "docs/queue.md")]


def console_script(tmp_path: Path, name: str) -> Path:
    """The console script as pip writes it; named otherwise, click parses."""
    script = tmp_path / "bin" / name
    script.parent.mkdir(exist_ok=True)
    script.write_text("import sys\nfrom nohero.cli import main\nsys.exit(main())\n")
    return script


def run(script: Path, repo: Repo, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    env = {**os.environ, "NOHERO_TODAY": TODAY, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(script), *args],
        cwd=repo.path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    shown = "".join(line + "\n" for line in done.stderr.splitlines() if "import time:" not in line)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout, shown), imported


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--only-documents", "docs/db.md", "README.md"),  # warnings: exit 0
        ("check", "--only-documents", "docs/cache.md"),  # an error: exit 1
        ("check", "docs/shared.md", "--no-history"),
        ("check", "--only-documents", "people.yml"),  # the roster: every document
        ("check", "README.md"),  # not a document without --only-documents: exit 2
    ],
)
def test_the_quick_path_prints_what_click_prints(
    repo: Repo, tmp_path: Path, args: tuple[str, ...]
) -> None:
    history_repo(repo)
    quick, quick_imports = run(console_script(tmp_path, "nohero"), repo, *args)
    slow, slow_imports = run(console_script(tmp_path, "nohero-through-click"), repo, *args)
    assert "click" not in quick_imports and "nohero.cli.checkrun" in quick_imports
    assert "click" in slow_imports
    assert (quick.returncode, quick.stdout, quick.stderr) == (
        slow.returncode,
        slow.stdout,
        slow.stderr,
    )
    assert quick.stdout.strip() or quick.returncode == 2 and "README.md" in quick.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("check", "docs/missing.md"),  # click says the path does not exist
        ("check", "--format", "json", "docs/cache.md"),  # an option left to click
    ],
)
def test_what_the_quick_path_does_not_take_is_clicks(
    repo: Repo, tmp_path: Path, args: tuple[str, ...]
) -> None:
    history_repo(repo)
    quick, imported = run(console_script(tmp_path, "nohero"), repo, *args)
    slow, _ = run(console_script(tmp_path, "nohero-through-click"), repo, *args)
    assert "click" in imported
    assert (quick.returncode, quick.stdout, quick.stderr) == (
        slow.returncode,
        slow.stdout,
        slow.stderr.replace("nohero-through-click", "nohero"),
    )
    assert quick.returncode == (1 if "--format" in args else 2), quick.stderr


ALERTS_ON = DEFAULT_MKDOCS.replace(
    "        notes: note\n",
    "        notes: note\n      alerts:\n        rules: [monitoring/*.yaml]\n",
)


@pytest.mark.parametrize("alerts", [False, True])
def test_a_one_file_run_loads_only_what_it_needs(repo: Repo, tmp_path: Path, alerts: bool) -> None:
    history_repo(repo)
    if alerts:
        repo.write("mkdocs.yml", ALERTS_ON)
        repo.write("monitoring/rules.yaml", "groups: []\n")
    script = console_script(tmp_path, "nohero")
    run(script, repo, "check", "docs/db.md")  # the history cache, as pre-commit finds it
    quick, imported = run(script, repo, "check", "docs/db.md")
    assert quick.returncode == 0, quick.stderr
    assert "drift" in quick.stdout  # history was read
    assert ("nohero.alerts" in imported) == alerts  # alert rule files only when configured
    never = {"click", "git", "jsonschema", "mkdocs", "jinja2", "logging", "tempfile"}
    never |= {"nohero.escape.markdown", "nohero.escape.html", "nohero.history.busfactor"}
    never |= {"nohero.history.blobs", "nohero.history.mainline"}  # what a mine reading git needs
    never |= {"_hashlib", "hmac", "pkgutil"}  # OpenSSL's start-up; format names listed directly
    never |= {"subprocess", "selectors"}  # git spawned by rungit.run_captured
    if not alerts:  # plain mkdocs.yml, roster and front matter: fastyaml reads them
        never |= {"yaml"}
        never |= {"dataclasses", "inspect"}  # records by nohero.lazyclass (a third of the run)
    assert not never & (imported - at_start()), never & imported
    assert "nohero.cli.quick" in imported


def at_start() -> set[str]:
    """What this interpreter imports before running anything (site's .pth files)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "pass"], capture_output=True, text=True
    )
    return {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}


def test_every_escape_function_is_found_where_the_package_says() -> None:
    import nohero.escape as escape

    for name in escape.__all__:
        value = getattr(escape, name)
        assert callable(value) and value.__name__ == name, name
        assert value.__module__.startswith("nohero.escape."), name


def test_month_lengths_without_calendar_are_calendars() -> None:
    import calendar

    from nohero.durations import _days_in

    for year in [*range(1, 10000, 97), 1900, 2000, 2024, 2100, 9999]:
        for month in range(1, 13):
            assert _days_in(year, month) == calendar.monthrange(year, month)[1], (year, month)


def test_the_quick_path_says_once_that_its_output_was_lost(repo: Repo, tmp_path: Path) -> None:
    history_repo(repo)
    env = {**os.environ, "NOHERO_TODAY": TODAY}
    script = console_script(tmp_path, "nohero")
    with subprocess.Popen(
        [sys.executable, str(script), "check", "docs/db.md"],
        cwd=repo.path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as reader_gone:
        assert reader_gone.stdout is not None and reader_gone.stderr is not None
        reader_gone.stdout.close()
        err = reader_gone.stderr.read().decode()
        assert reader_gone.wait() == 2
    assert err == "nohero: error: cannot write the output: Broken pipe\n"


def test_a_stream_click_would_re_encode_goes_to_click(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    history_repo(repo)
    monkeypatch.setenv("PYTHONIOENCODING", "latin-1")
    quick, imported = run(console_script(tmp_path, "nohero"), repo, "check", "docs/db.md")
    assert "click" in imported and quick.returncode == 0 and "drift" in quick.stdout
