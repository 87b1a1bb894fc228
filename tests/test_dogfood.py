"""This repository is its own first user: its knowledge base (mkdocs.yml,
people.yml, runbooks/) must pass `nohero check`, and the README's promise to a
newcomer (two commands on a fresh machine) must match what CI runs."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from nohero.cli import main
from nohero.config import DOC_TYPES, load_config
from nohero.knowledge_base import load_knowledge_base

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = ROOT / "mkdocs.yml"
README = ROOT / "README.md"
CI_RUN = ROOT / ".ci" / "run"
FIRST_SCREEN_LINES = 25  # what a newcomer sees without scrolling


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(load_config(MKDOCS))


@pytest.fixture(scope="module")
def as_of(kb) -> dt.date:
    """A fixed 'today' taken from the files, not the clock: the newest review.
    The check stays green as time passes (old reviews only turn into warnings),
    and a fresh review never lands in the future of the test."""
    dates = [d for d in (doc.get_date("last_reviewed") for doc in kb.documents) if d]
    assert dates, "no document has a last_reviewed date"
    return max(dates)


@pytest.fixture(scope="module")
def checked(as_of) -> tuple[int, dict]:
    result = CliRunner().invoke(
        main,
        ["check", "-f", str(MKDOCS), "--today", as_of.isoformat(), "--format", "json"],
        catch_exceptions=False,
    )
    assert result.output.lstrip().startswith("{"), result.output
    return result.exit_code, json.loads(result.output)


def test_own_knowledge_base_passes_check(checked):
    exit_code, report = checked
    errors = [
        f"{doc['path']}:{f['line']} [{f['rule']}] {f['message']}"
        for doc in report["docs"]
        for f in doc["findings"]
        if f["severity"] == "error"
    ]
    assert errors == []
    assert exit_code == 0


def test_own_knowledge_base_is_big_enough_and_uses_every_type(checked):
    _, report = checked
    docs = report["docs"]
    assert len(docs) >= 12
    assert {d["type"] for d in docs} == set(DOC_TYPES)
    assert not any("_snippets/" in d["path"] for d in docs), "snippets are not documents"
    runbook_services = {d["service"] for d in docs if d["type"] == "runbook"}
    assert len(runbook_services) >= 5


def test_every_escalation_reaches_two_active_people(kb, as_of):
    escalations = [d for d in kb.documents if d.doc_type == "escalation"]
    assert len(escalations) >= 3
    for doc in escalations:
        levels = doc.meta.get("escalation")
        assert isinstance(levels, list) and len(levels) >= 2, doc.path
        reached: set[str] = set()
        for level in levels:
            targets = level["page"] if isinstance(level["page"], list) else [level["page"]]
            for target in targets:
                people = kb.roster.active_people_of(target, as_of)
                assert people, f"{doc.path}: {target} reaches nobody"
                reached.update(people)
        assert len(reached) >= 2, f"{doc.path} reaches only {sorted(reached)}"


def test_architecture_notes_cover_real_paths(kb):
    """Drift is only meaningful when `covers` globs match files in this repo."""
    covering = [d for d in kb.documents if d.doc_type == "architecture" and d.meta.get("covers")]
    assert len(covering) >= 3
    for doc in covering:
        for pattern in doc.meta["covers"]:
            assert list(ROOT.glob(pattern)), f"{doc.path}: covers '{pattern}' matches nothing"


def test_roster_has_a_departed_person_who_owns_nothing(kb, as_of):
    departed = {p.id for p in kb.roster.people.values() if p.departed(as_of)}
    assert departed
    for doc in kb.documents:
        for key in ("owner", "backup_owner"):
            value = doc.get_str(key)
            assert value not in departed, f"{doc.path}: {key} {value} has left"


def _readme_commands() -> list[str]:
    """Command lines in the code blocks of the README's first screen."""
    first_screen = README.read_text(encoding="utf-8").splitlines()[:FIRST_SCREEN_LINES]
    commands, in_code = [], False
    for line in first_screen:
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code and line.strip() and not line.lstrip().startswith("#"):
            commands.append(line.strip().removeprefix("$ "))
    return commands


def test_readme_first_screen_gives_exactly_the_two_commands():
    commands = _readme_commands()
    assert len(commands) == 2, commands
    install_and_check, run_tests = commands
    assert "pip install" in install_and_check and "nohero check" in install_and_check
    assert run_tests == "bash .ci/run"


def test_ci_runs_the_readme_test_command():
    run_tests = _readme_commands()[1]
    assert run_tests == f"bash {CI_RUN.relative_to(ROOT).as_posix()}"
    script = CI_RUN.read_text(encoding="utf-8")
    assert script.startswith("#!/usr/bin/env bash")
    assert "set -euo pipefail" in script
    assert os.access(CI_RUN, os.X_OK)
    assert re.search(r"^python3 -m pytest -q", script, re.MULTILINE)
    assert '"$status" -eq 5' in script, "pytest's 'no tests collected' must fail the run"
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    steps = [s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert run_tests in steps


def test_readme_install_command_works_from_this_folder():
    """The first command's `nohero check` is the one the test above runs; here
    the installed console script itself checks the KB (what a newcomer types)."""
    script = Path(sys.executable).with_name("nohero")
    command = [str(script)] if script.exists() else ["nohero"]
    result = subprocess.run(
        [*command, "check", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["schema_version"] == 1


@pytest.fixture(scope="module")
def site(tmp_path_factory, as_of) -> Path:
    """This repository's own site, built the way pages.yml builds it (strict),
    as of the same fixed day as the check."""
    from nohero.clock import TODAY_ENV

    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", TODAY_ENV: as_of.isoformat()},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_own_site_builds_with_shared_snippets_and_no_snippet_pages(site, kb):
    for doc in kb.documents:
        page = Path(doc.docs_rel).with_suffix("")
        html = site / ("index.html" if page.name == "index" else page / "index.html")
        assert html.is_file(), f"{doc.path} has no page"
    assert not (site / "_snippets").exists()
    with_template = [
        p
        for p in site.rglob("index.html")
        if "Initial — within 10 minutes" in p.read_text(encoding="utf-8")
    ]
    assert len(with_template) >= 2, "the status-update snippet should be in several runbooks"
    assert "--8&lt;--" not in "".join(p.read_text(encoding="utf-8") for p in with_template)


def _page(site: Path, path: str) -> str:
    page = Path(path).relative_to("runbooks").with_suffix("")
    html = site / ("index.html" if page.name == "index" else page / "index.html")
    return html.read_text(encoding="utf-8")


def test_own_site_warns_on_overdue_pages_only(site, checked):
    """The dogfood KB keeps one neglected runbook so the site shows the warning."""
    _, report = checked
    overdue = [d["path"] for d in report["docs"] if d["status"] == "overdue"]
    fresh = [d["path"] for d in report["docs"] if d["status"] == "fresh"]
    assert overdue and fresh
    warning = "verify each step before running it"
    for path in overdue:
        assert warning in _page(site, path), path
    for path in fresh:
        assert warning not in _page(site, path), path
    owner_named = _page(site, "runbooks/payments/payments-db-failover.md")
    assert "Priya Raman" in owner_named  # the owner's name from the roster, on the page


def test_readme_documents_every_command_rule_and_option():
    """The README is the reference: a command, rule or option added without a
    line there fails here."""
    from nohero.cli import COMMANDS
    from nohero.config import _KNOWN_OPTIONS
    from nohero.rules import RULES

    readme = README.read_text(encoding="utf-8")
    missing = [f"command {c}" for c in COMMANDS if f"`nohero {c}" not in readme]
    missing += [f"rule {r}" for r in RULES if f"| `{r}` |" not in readme]
    missing += [f"option {o}" for o in _KNOWN_OPTIONS if f"| `{o}` |" not in readme]
    assert missing == []
