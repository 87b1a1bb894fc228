"""The whole-output cache of `nohero report`: one function names every input,
changing any of them is a miss, an answer is only kept when stat data can be
trusted, and a stored answer nohero did not sign is never shown."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import nohero.cli.report
from faketime import under_faketime
from gitrepo import DEFAULT_PEOPLE, Repo, runbook
from nohero import resultcache
from nohero.config import load_config

TODAY = "2026-11-25"
# The nohero options come from the INHERIT parent; one of them from the environment.
MKDOCS = """\
INHERIT: base.yml
site_name: Test KB
docs_dir: docs
markdown_extensions:
  - pymdownx.snippets:
      base_path: [snippets]
"""
BASE = """\
plugins:
  - nohero:
      due_soon: !ENV [KB_DUE_SOON, 14]
      types:
        "": runbook
      alerts:
        rules: [monitoring/*.yaml]
"""
RULES = """\
groups:
  - name: db
    rules:
      - alert: PaymentsDbDown
        expr: up == 0
        labels: {severity: critical}
        annotations: {runbook_url: https://runbooks.example.com/payments/db-failover}
"""


def make_repo(path: Path) -> Repo:
    repo = Repo(path)
    repo.commit(
        "knowledge base",
        files={
            "mkdocs.yml": MKDOCS,
            "base.yml": BASE,
            "people.yml": DEFAULT_PEOPLE,
            "docs/payments/db-failover.md": runbook(body='# Failover\n\n--8<-- "steps.md"\n'),
            "docs/payments/cache.md": runbook(title="Cache flush", reviewed="2026-06-01"),
            "snippets/steps.md": "1. Promote the replica.\n",
            "monitoring/db.yaml": RULES,
            ".mailmap": "Alice Example <alice@example.com> <alice@old.example.com>\n",
            ".git-blame-ignore-revs": "# reformatting\n",
            "handbook/oncall.md": runbook(title="On call"),  # published through a link
        },
        date="2026-03-01T12:00:00+00:00",
    )
    (repo.path / "docs/handbook").symlink_to("../handbook")
    repo.commit(
        "rewrite",
        files={"docs/payments/cache.md": runbook(title="Cache flush", reviewed="2026-09-01")},
        author="Bob Example <bob@example.com>",
        date="2026-09-01T12:00:00+00:00",
    )
    return repo


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    monkeypatch.setattr(resultcache, "RACY_SECONDS", -3600.0)  # these files are seconds old
    monkeypatch.delenv("NOHERO_NO_DOCUMENT_CACHE", raising=False)
    return make_repo(tmp_path / "kb")


def count_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    built: list[int] = []
    real = nohero.cli.report._report

    def counted(*args: object) -> object:
        built.append(1)
        return real(*args)

    monkeypatch.setattr(nohero.cli.report, "_report", counted)
    return built


def report(repo: Repo, *args: str, env: dict[str, str] | None = None) -> str:
    result = repo.cli("report", "--today", TODAY, *args, env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def uncached(repo: Repo, *args: str, env: dict[str, str] | None = None) -> str:
    return report(repo, *args, env={**(env or {}), "NOHERO_NO_DOCUMENT_CACHE": "1"})


def grow(repo: Repo, rel: str, text: str) -> None:
    with open(repo.path / rel, "a", encoding="utf-8") as fh:
        fh.write(text)


def test_a_second_report_at_the_same_head_is_the_stored_answer(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = count_builds(monkeypatch)
    first = report(repo, "--format", "json")
    second = report(repo, "--format", "json")
    assert second == first == uncached(repo, "--format", "json")
    assert len(built) == 2  # the first run and the uncached one; the second was recalled
    assert '"PaymentsDbDown"' in first  # the answer read the alert rules, history and docs
    assert "bob" in first


# mutation name -> (the inputs it changes, how: a change on disk, or environment variables)
MUTATIONS: dict[str, tuple[str, Callable[[Repo], object]]] = {
    "edit a document": (
        "files",
        lambda r: grow(r, "docs/payments/cache.md", "\nOne more step.\n"),
    ),
    "edit a document behind a symlinked folder": (
        "files",
        lambda r: grow(r, "handbook/oncall.md", "\nOne more step.\n"),
    ),
    "add a document": (
        "files",
        lambda r: r.write("docs/payments/new.md", runbook(title="New", owner="")),
    ),
    "delete a document": (
        "files",
        lambda r: (r.path / "docs/payments/cache.md").unlink(),
    ),
    "edit the roster": (
        "files",
        lambda r: grow(r, "people.yml", "  erin:\n    name: Erin\n"),
    ),
    "edit .mailmap": (
        "files",
        lambda r: grow(r, ".mailmap", "Bob Example <alice@example.com> <bob@example.com>\n"),
    ),
    "edit .git-blame-ignore-revs": (
        "files",
        lambda r: grow(r, ".git-blame-ignore-revs", r.git("rev-parse", "HEAD")),
    ),
    "edit an included snippet": (
        "files",
        lambda r: grow(r, "snippets/steps.md", "2. Repoint the DNS.\n"),
    ),
    "edit an alert rule file": (
        "files",
        lambda r: grow(r, "monitoring/db.yaml", RULES.split("\n", 2)[2].replace("Db", "Api")),
    ),
    "edit the INHERIT parent": (
        "config",
        lambda r: r.write(
            "base.yml", BASE.replace("types:", "review_intervals: {runbook: 30}\n      types:")
        ),
    ),
    "another !ENV value": ("config", lambda r: {"KB_DUE_SOON": "60"}),
    "a new commit": (
        "git",
        lambda r: r.commit("empty", author="Carol Example <carol@example.com>"),
    ),
    "a mailmap.file setting": (
        "git files",
        lambda r: r.git("config", "mailmap.file", "people.mailmap"),
    ),
    "a GIT_ variable": ("environment", lambda r: {"GIT_CONFIG_PARAMETERS": "'core.abbrev=12'"}),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_changing_any_input_is_a_miss_and_the_answer_is_fresh(
    repo: Repo, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    part, mutate = MUTATIONS[name]
    before = resultcache.fingerprint(load_config(cwd=repo.path), "report", [])
    assert before is not None
    report(repo, "--format", "json")  # stored
    env = mutate(repo)
    for key, value in (env if isinstance(env, dict) else {}).items():
        monkeypatch.setenv(key, value)
    after = resultcache.fingerprint(load_config(cwd=repo.path), "report", [])
    assert after is not None
    changed = [k for k in resultcache.INPUTS if before.parts[k] != after.parts[k]]
    assert changed == part.split()
    built = count_builds(monkeypatch)
    assert report(repo, "--format", "json") == uncached(repo, "--format", "json")
    assert len(built) == 2, "the changed input was not a miss"


@pytest.mark.parametrize(
    "args",
    [
        ("--today", "2026-12-01", "--format", "json"),
        ("--today", TODAY, "--format", "text"),
        ("--today", TODAY, "--format", "json", "--since", "2026-01-01"),
    ],
)
def test_another_question_is_a_miss(
    repo: Repo, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    report(repo, "--format", "json")
    built = count_builds(monkeypatch)
    got = repo.cli("report", *args)
    assert got.exit_code == 0, got.output
    assert len(built) == 1


def test_every_input_is_exercised_and_the_code_is_one() -> None:
    exercised = {p for parts, _ in MUTATIONS.values() for p in parts.split()}
    exercised |= {"question", "code"}  # the tests below
    assert exercised == set(resultcache.INPUTS)


def test_another_nohero_is_a_miss(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    before = resultcache.fingerprint(load_config(cwd=repo.path), "report", [])
    monkeypatch.setattr(resultcache, "__version__", "999.0")
    after = resultcache.fingerprint(load_config(cwd=repo.path), "report", [])
    assert before is not None and after is not None
    assert [k for k in resultcache.INPUTS if before.parts[k] != after.parts[k]] == ["code"]


@pytest.mark.skipif(
    under_faketime(),
    reason="libfaketime moves time.time() but not the files' mtimes: every file looks old",
)
def test_files_written_moments_ago_are_not_trusted(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit in the same timestamp tick as the run would not show in stat
    data: nothing is stored until every file read is older than the window."""
    monkeypatch.setattr(resultcache, "RACY_SECONDS", 2.0)
    built = count_builds(monkeypatch)
    report(repo, "--format", "json")
    report(repo, "--format", "json")
    assert len(built) == 2
    assert not list((repo.path / ".git" / "nohero").glob("results/*.result"))


def test_an_answer_nohero_did_not_sign_is_never_shown(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    honest = report(repo, "--format", "json")
    (stored,) = (repo.path / ".git" / "nohero" / "results").glob("*.result")
    forged = stored.read_text().replace("Cache flush", "All fine")
    assert forged != stored.read_text()
    stored.write_text(forged)
    built = count_builds(monkeypatch)
    assert report(repo, "--format", "json") == honest
    assert len(built) == 1


def test_no_cache_without_cache_dir(repo: Repo) -> None:
    repo.write("base.yml", BASE.replace("      alerts:", "      cache_dir: false\n      alerts:"))
    report(repo, "--format", "json")
    assert not list((repo.path / ".git").glob("nohero/results/*.result"))


def test_an_answer_is_stored_as_its_own_bytes_and_read_back_exactly(repo: Repo) -> None:
    """One header line, then the output as written (no JSON string around
    15 MB of JSON); any text, lone surrogates included, comes back as it was."""
    first = report(repo, "--format", "json")
    (stored,) = (repo.path / ".git" / "nohero" / "results").glob("*.result")
    header, body = stored.read_bytes().split(b"\n", 1)
    assert header.startswith(b"nohero-result 2 ") and body == first.encode()
    fp = resultcache.fingerprint(load_config(cwd=repo.path), "report", [("odd", 1)])
    assert fp is not None
    odd = 'line "one"\n\u2028 caf\u00e9 \U0001f600 \udc80 \\ end'
    assert resultcache.remember(fp, odd)
    assert resultcache.recall(fp) == odd


def test_the_console_script_report_ends_without_the_interpreters_teardown(
    repo: Repo, tmp_path: Path
) -> None:
    """Run as the console script, `report` flushes its output and ends with
    os._exit: exit handlers (the teardown) never run, and not a byte is lost."""
    script = tmp_path / "bin" / "nohero"
    script.parent.mkdir()
    script.write_text(
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('teardown ran\\n'))\n"
        "from nohero.cli import main\n"
        "sys.exit(main())\n"
    )
    env = {**os.environ, "NOHERO_NO_DOCUMENT_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, str(script), "report", "--today", TODAY, "--format", "json"],
        cwd=repo.path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "teardown ran" not in done.stderr
    assert done.stdout == uncached(repo, "--format", "json")
    usage = subprocess.run(
        [sys.executable, str(script), "report", "--since", "2999-01-01", "--today", TODAY],
        cwd=repo.path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert usage.returncode == 2 and "is after today" in usage.stderr


def test_a_commit_made_while_a_cold_report_mines_is_not_kept_under_the_new_head(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold report starts `git log` before it fingerprints its inputs. A
    commit that lands in between must not file the older commit's answer
    under the newer commit's key: the next run would print it as current."""
    import nohero.history.background as background

    real_start, real_fingerprint = background.start_mine, resultcache.fingerprint
    heads: list[str] = []

    def mined_already(config: object, **options: object) -> object:
        early = real_start(config, **options)  # type: ignore[arg-type]
        assert early is not None
        early.result()  # the mine has read the history it answers with
        # ... and written its cache: `git add -A` below must not meet the
        # cache folder's temporary files mid-rename (git exits 128 when a
        # file it found is gone before it reads it)
        early.settle()
        return early

    def commit_first(*args: object) -> object:
        if not heads:  # a commit lands just before the fingerprint is taken
            edit = runbook(body="# Failover\n\nCarol's new step.\n")
            carol = "Carol Example <carol@example.com>"
            heads.append(
                repo.commit("edit", {"docs/payments/db-failover.md": edit}, author=carol,
                            date="2026-10-01T12:00:00+00:00")
            )  # fmt: skip
        return real_fingerprint(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(background, "start_mine", mined_already)
    monkeypatch.setattr(resultcache, "fingerprint", commit_first)
    report(repo, "--format", "json")
    monkeypatch.setattr(background, "start_mine", real_start)
    monkeypatch.setattr(resultcache, "fingerprint", real_fingerprint)
    built = count_builds(monkeypatch)
    now = report(repo, "--format", "json")
    assert heads and built == [1], "the first run's answer was kept under the new HEAD"
    assert "carol@example.com" in now and now == uncached(repo, "--format", "json")
