"""Folders symlinked into docs/: nohero checks what MkDocs publishes.

MkDocs follows symlinked folders; nohero follows those that stay inside the
repository (each real folder once, loops cut) and reports a document under the
path git tracks; a link leaving the repository is a finding, never read.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from gitrepo import Repo, runbook
from nohero.config import load_config
from nohero.knowledge_base import load_knowledge_base

DAY = "2026-11-25"
MKDOCS = "site_name: kb\ndocs_dir: docs\nplugins:\n  - nohero\n"


def check_json(repo: Repo, *args: str) -> dict[str, list[str]]:
    """path -> rule ids, from `nohero check --format json`."""
    result = repo.cli("check", "--today", DAY, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    found: dict[str, list[str]] = {}
    for f in json.loads(result.output)["findings"]:
        found.setdefault(f["path"], []).append(f["rule"])
    return found


def test_a_folder_linked_from_elsewhere_in_the_repo_is_checked_where_git_tracks_it(
    repo: Repo,
) -> None:
    repo.knowledge_base({"index.md": runbook()}, mkdocs=MKDOCS)
    repo.write("handbook/oncall.md", runbook(owner="alicia"))  # not in the roster
    (repo.path / "docs/handbook").symlink_to("../handbook")
    repo.commit("handbook", author="Carol Example <carol@example.com>")
    found = check_json(repo)
    # single-author: its history was read at the path git tracks
    assert found.get("handbook/oncall.md") == ["owner-unknown", "single-author"]
    assert not any(p.startswith("docs/handbook") for p in found)
    kb = load_knowledge_base(load_config(cwd=repo.path))
    [linked] = [d for d in kb.documents if d.path == "handbook/oncall.md"]
    assert linked.docs_rel == "handbook/oncall.md"  # where MkDocs publishes it
    report = repo.cli("report", "--today", DAY, "--format", "json")
    [doc] = [d for d in json.loads(report.output)["docs"] if d["path"] == linked.path]
    assert "carol" in json.dumps(doc["authors"])  # history found at the real path
    # given by its real path (a pre-commit hook), it is still checked
    given = check_json(repo, "--no-history", "handbook/oncall.md")
    assert given == {"handbook/oncall.md": ["owner-unknown"]}


def test_loops_end_and_every_document_is_checked_once(repo: Repo) -> None:
    repo.knowledge_base(
        {"a/one.md": runbook(owner="alicia"), "b/two.md": runbook(owner="bobby")}, mkdocs=MKDOCS
    )
    (repo.path / "docs/all").symlink_to(".")  # docs/all/all/all/...
    (repo.path / "docs/a/up").symlink_to("..")
    (repo.path / "docs/b/one").symlink_to("../a")  # a second route to a/
    kb = load_knowledge_base(load_config(cwd=repo.path))
    assert sorted(d.path for d in kb.documents) == ["docs/a/one.md", "docs/b/two.md"]
    assert kb.also_published == {"b/one": "a"}
    found = check_json(repo, "--no-history")
    assert found == {"docs/a/one.md": ["owner-unknown"], "docs/b/two.md": ["owner-unknown"]}


def test_a_linked_folder_leaving_the_repository_is_a_finding_and_never_read(
    repo: Repo, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text(runbook(owner="outsider-secret"), encoding="utf-8")
    repo.knowledge_base({"index.md": runbook()}, mkdocs=MKDOCS)
    (repo.path / "docs/shared").symlink_to(outside)
    (repo.path / "docs/ok").symlink_to(".")  # inside: no finding
    result = repo.cli("check", "--today", DAY, "--no-history")
    assert result.exit_code == 1, result.output
    assert "docs/shared" in result.output and "file-unreadable" in result.output
    assert "symlinked folder points outside the repository" in result.output
    assert "outsider-secret" not in result.output
    assert check_json(repo, "--no-history") == {"docs/shared": ["file-unreadable"]}


def test_what_nohero_checks_is_what_mkdocs_publishes(repo: Repo) -> None:
    """Parity with MkDocs' own walk: every page it publishes is a document
    nohero checked, at that path or through a recorded second route."""
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.structure.files import get_files

    repo.knowledge_base({"index.md": runbook(), "ops/db.md": runbook()}, mkdocs=MKDOCS)
    repo.write("handbook/team/intro.md", runbook())
    repo.write("handbook/notes.markdown", runbook())
    (repo.path / "docs/handbook").symlink_to("../handbook")
    (repo.path / "docs/ops/again").symlink_to("../handbook/team")  # second route
    kb = load_knowledge_base(load_config(cwd=repo.path))
    checked = {d.docs_rel for d in kb.documents}
    for here, first in kb.also_published.items():
        checked |= {here + r[len(first) :] for r in list(checked) if r.startswith(first + "/")}
    config = mkdocs_config(str(repo.path / "mkdocs.yml"))
    published = {f.src_uri for f in get_files(config) if f.is_documentation_page()}
    assert published == checked


def test_the_site_shows_the_panel_on_every_copy_mkdocs_publishes(repo: Repo) -> None:
    repo.knowledge_base({"index.md": runbook(), "ops/db.md": runbook()}, mkdocs=MKDOCS)
    (repo.path / "docs/mirror").symlink_to("ops")
    repo.commit()
    env = {**os.environ, "NOHERO_TODAY": DAY, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"],
        cwd=repo.path, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    for page in ("ops/db/index.html", "mirror/db/index.html"):
        html = (repo.path / "site" / page).read_text(encoding="utf-8")
        assert 'class="nohero-panel' in html, page


def test_a_pull_request_adding_the_link_is_blocked_by_what_it_publishes(repo: Repo) -> None:
    repo.knowledge_base({"index.md": runbook()}, mkdocs=MKDOCS)
    repo.write("handbook/oncall.md", runbook(owner=""))  # nobody owns it
    base = repo.commit("handbook, not published")
    repo.git("checkout", "-q", "-b", "publish")
    (repo.path / "docs/handbook").symlink_to("../handbook")
    repo.commit("publish the handbook")
    result = repo.cli("check", "--today", DAY, "--no-history", "--changed-since", base)
    assert result.exit_code == 1, result.output
    assert "handbook/oncall.md" in result.output and "owner-missing" in result.output
