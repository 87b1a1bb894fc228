"""The generated pages and the trend chart kept under the analysis's
fingerprint (nohero.site.cache): a hit renders exactly what a miss renders,
and a change in any input the pages depend on is a miss."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config as load_mkdocs

import nohero.site.analysis as site_analysis
import nohero.site.pages as site_pages
from alertkb import alert_repo
from gitrepo import DEFAULT_MKDOCS, DEFAULT_PEOPLE, Repo, runbook
from nohero import resultcache

TODAY = "2026-11-25"
DOCS = {
    "db.md": runbook(title="Payments DB failover"),
    "cache.md": runbook(title="Cache flush", owner="carol", backup="alice", reviewed="2026-01-01"),
    "search/reindex.md": runbook(title="Reindex", owner="bob", backup="alice", service="search"),
}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    monkeypatch.setattr(resultcache, "RACY_SECONDS", -3600.0)  # these files are seconds old
    monkeypatch.delenv("NOHERO_NO_DOCUMENT_CACHE", raising=False)
    monkeypatch.setenv("NOHERO_TODAY", TODAY)
    repo = Repo(tmp_path / "kb")
    repo.knowledge_base(docs=DOCS)
    repo.commit("docs", date="2026-03-01T12:00:00+00:00")
    repo.commit(
        "edit",
        files={"docs/db.md": runbook(title="Payments DB failover", reviewed="2026-09-01")},
        author="Bob Example <bob@example.com>",
        date="2026-09-01T12:00:00+00:00",
    )
    return repo


@pytest.fixture
def analyses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many times the plugin ran the analysis (a warm build runs none)."""
    calls: list[int] = []
    real = site_analysis.analyse

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(site_analysis, "analyse", counted)
    yield calls


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many times the generated pages were rendered (a miss renders)."""
    calls: list[int] = []
    real = site_pages.generated_pages

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(site_pages, "generated_pages", counted)
    yield calls


def site(repo: Repo, **overrides: Any) -> dict[str, bytes]:
    """Build in this process; every page's HTML."""
    out = repo.path / "site"
    config = load_mkdocs(str(repo.path / "mkdocs.yml"), site_dir=str(out), **overrides)
    build(config)
    return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*.html")}


def test_a_hit_renders_what_a_miss_renders(
    repo: Repo, renders: list[int], analyses: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = site(repo)
    assert len(renders) == 1 and "nohero/people/alice/index.html" in first
    assert b"<svg" in first["nohero/index.html"]  # the trend chart, from history
    assert b"nohero-panel" in first["db/index.html"]
    second = site(repo)
    assert len(renders) == 1 and len(analyses) == 1  # from the cache: nothing analysed
    assert second == first
    monkeypatch.setenv("NOHERO_NO_DOCUMENT_CACHE", "1")  # no cache at all: the same site
    assert site(repo) == first
    assert len(renders) == 2


def _edit_doc(repo: Repo) -> None:
    path = repo.path / "docs/db.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more step.\n", encoding="utf-8")


def _edit_roster(repo: Repo) -> None:
    people = DEFAULT_PEOPLE.replace("name: Carol Example", "name: Carol Renamed")
    (repo.path / "people.yml").write_text(people, encoding="utf-8")


def _commit(repo: Repo) -> None:
    repo.commit("later", files={"docs/new.md": runbook(title="New")}, date="2026-10-01T12:00:00Z")


def _override(repo: Repo) -> None:
    folder = repo.path / "overrides" / "nohero"
    folder.mkdir(parents=True)
    (folder / "owners.md").write_text("# Our owners\n", encoding="utf-8")
    text = DEFAULT_MKDOCS.replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n"
    )
    (repo.path / "mkdocs.yml").write_text(text, encoding="utf-8")


def _prefix(repo: Repo) -> None:
    text = DEFAULT_MKDOCS.replace("  - nohero:\n", "  - nohero:\n      site_prefix: health/\n")
    (repo.path / "mkdocs.yml").write_text(text, encoding="utf-8")


def _exclude(repo: Repo) -> None:
    (repo.path / "mkdocs.yml").write_text(DEFAULT_MKDOCS + "exclude_docs: search/\n", "utf-8")


CHANGES: list[tuple[str, Callable[[Repo], None], dict[str, Any]]] = [
    ("a document", _edit_doc, {}),
    ("the roster", _edit_roster, {}),
    ("a new commit", _commit, {}),
    ("a user template", _override, {}),
    ("the site prefix", _prefix, {}),
    ("the published pages", _exclude, {}),
    ("directory URLs", lambda repo: None, {"use_directory_urls": False}),
]


def test_a_change_in_any_input_is_a_miss(
    repo: Repo, renders: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One change after another (each also differs from the one before)."""
    site(repo)
    for n, (change, edit, options) in enumerate(CHANGES, start=2):
        edit(repo)
        site(repo, **options)
        assert len(renders) == n, f"{change}: served from the cache"
    monkeypatch.setenv("NOHERO_TODAY", "2026-11-26")
    site(repo, **CHANGES[-1][2])
    assert len(renders) == len(CHANGES) + 2, "another day: served from the cache"


def test_alert_pages_and_blocks_come_from_the_cache_too(
    tmp_path: Path, renders: list[int], analyses: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resultcache, "RACY_SECONDS", -3600.0)
    monkeypatch.delenv("NOHERO_NO_DOCUMENT_CACHE", raising=False)
    monkeypatch.setenv("NOHERO_TODAY", TODAY)
    repo = alert_repo(tmp_path / "kb")
    mkdocs_yml = repo.path / "mkdocs.yml"
    text = mkdocs_yml.read_text(encoding="utf-8")
    text = text.replace("      types:", "      publish_with_errors: true\n      types:")
    mkdocs_yml.write_text(text, encoding="utf-8")  # a broken runbook link is an error
    first = site(repo)
    page = "runbooks/kubernetes/KubePodCrashLooping/index.html"
    assert b"KubePodCrashLooping" in first["nohero/alerts/index.html"]
    assert b"nohero-alerts" in first[page]
    assert site(repo) == first
    assert len(renders) == 1 and len(analyses) == 1
    rules = next((repo.path / "monitoring").rglob("*.yaml"))
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    site(repo)
    assert len(renders) == 2, "an edited rule file: served from the cache"
