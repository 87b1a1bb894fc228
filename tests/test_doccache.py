"""The parsed-document cache: keyed by blob id, kept in the git dir, never
read from the working tree, and invisible in every answer."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from pathlib import Path

import pytest

import nohero.knowledge_base
from gitrepo import Repo, runbook
from nohero.config import load_config
from nohero.doccache import FAST, FILE_NAME, VERSION, blob_id, git_dir
from nohero.knowledge_base import load_knowledge_base

ODD = """\
---
title: Odd but valid
type: runbook
service: payments-api
owner: alice
backup_owner: bob
last_reviewed: 2026-10-01
started: 2026-10-01T12:30:00+02:00
nested: {a: [1, 2.5, true, null], b: {c: "x"}}
ints: {1: one}
---
# Odd
"""
BROKEN = "---\ntitle: [unclosed\nowner: alice\n---\nbody\n"


def docs_of(repo: Repo) -> list[dict[str, object]]:
    kb = load_knowledge_base(load_config(cwd=repo.path))
    shown = []
    for doc in kb.documents:
        fields = dataclasses.asdict(doc)
        fields["front_matter"] = (
            None if doc.front_matter is None else dataclasses.asdict(doc.front_matter)
        )
        shown.append(fields)
    return shown


def cache_file(repo: Repo) -> Path:
    where = git_dir(repo.path)
    assert where is not None
    return where / "nohero" / FILE_NAME


@pytest.fixture(autouse=True)
def cache_every_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """These knowledge bases are small; use the cache anyway."""
    monkeypatch.setattr(nohero.knowledge_base, "CACHE_FROM_FILES", 0)


def test_a_run_on_a_few_files_leaves_the_cache_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(nohero.knowledge_base, "CACHE_FROM_FILES", 5)
    repo = make(tmp_path)
    docs_of(repo)
    assert not cache_file(repo).exists()
    repo.write("docs/more.md", runbook())
    docs_of(repo)
    assert cache_file(repo).exists()


def make(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path / "kb")
    repo.knowledge_base(
        docs={"a.md": runbook(), "odd.md": ODD, "broken.md": BROKEN, "plain.md": "# Plain\n"}
    )
    repo.commit("kb")
    return repo


def test_warm_load_equals_cold_load(tmp_path: Path) -> None:
    repo = make(tmp_path)
    cold = docs_of(repo)
    assert cache_file(repo).exists()
    warm = docs_of(repo)
    assert warm == cold
    odd = next(d for d in warm if d["path"] == "docs/odd.md")
    assert odd["meta"]["started"].utcoffset() is not None  # type: ignore[index]
    broken = next(d for d in warm if d["path"] == "docs/broken.md")
    assert broken["problems"], "the parse error survives the cache"


def test_the_cache_lives_in_the_git_dir_and_is_keyed_by_blob_id(tmp_path: Path) -> None:
    repo = make(tmp_path)
    docs_of(repo)
    assert not (repo.path / ".cache" / "nohero" / FILE_NAME).exists()
    entries = json.loads(cache_file(repo).read_text(encoding="utf-8"))["entries"]
    sha = repo.git("hash-object", "docs/a.md").strip()
    assert blob_id((repo.path / "docs/a.md").read_bytes()) == sha
    assert sha in entries


def test_an_edit_is_never_answered_from_the_cache(tmp_path: Path) -> None:
    repo = make(tmp_path)
    docs_of(repo)
    repo.write("docs/a.md", runbook(owner="carol"))
    after = {d["path"]: d for d in docs_of(repo)}
    assert after["docs/a.md"]["meta"]["owner"] == "carol"  # type: ignore[index]


def test_a_planted_or_damaged_cache_changes_no_answer(tmp_path: Path) -> None:
    repo = make(tmp_path)
    honest = docs_of(repo)
    sha = blob_id((repo.path / "docs/a.md").read_bytes())
    lie = {
        "format": "nohero-documents",
        "version": 1,
        "entries": {sha: [{"owner": "mallory"}, [], None]},
    }
    # A cache committed into the working tree is not where nohero looks.
    repo.write(f".cache/nohero/{FILE_NAME}", json.dumps(lie))
    repo.write(f"{FILE_NAME}", json.dumps(lie))
    assert docs_of(repo) == honest
    # A damaged entry in the real place is a miss, a damaged file an empty cache.
    bad = dict(lie, entries={sha: [{"owner": "x"}, [[["owner"], "one"]], None]})
    cache_file(repo).write_text(json.dumps(bad), encoding="utf-8")
    assert docs_of(repo) == honest
    cache_file(repo).write_bytes(b"\x00garbage{")
    assert docs_of(repo) == honest


def test_worktrees_share_the_common_git_dir(tmp_path: Path) -> None:
    repo = make(tmp_path)
    other = tmp_path / "other"
    repo.git("worktree", "add", "-q", str(other))
    assert git_dir(other) == git_dir(repo.path)
    assert git_dir(tmp_path) is None


def test_no_git_means_no_cache_and_same_answers(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "plain", init=False)
    repo.knowledge_base(docs={"a.md": runbook(), "odd.md": ODD})
    first = docs_of(repo)
    assert docs_of(repo) == first
    assert not any(p.name == FILE_NAME for p in repo.path.rglob("*"))


def test_cache_dir_false_turns_it_off(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "kb")
    mkdocs = "site_name: T\ndocs_dir: docs\nplugins:\n  - nohero:\n      cache_dir: false\n"
    repo.knowledge_base(docs={"a.md": runbook()}, mkdocs=mkdocs)
    repo.commit("kb")
    docs_of(repo)
    assert not cache_file(repo).exists()
    assert (
        subprocess.run(
            ["git", "status", "--porcelain"], cwd=repo.path, capture_output=True, text=True
        ).stdout
        == ""
    )


def test_front_matter_fastyaml_reads_keeps_only_its_schema_verdicts(tmp_path: Path) -> None:
    """Reading plain front matter again costs what decoding a stored parse
    costs: its entry holds the schema verdicts alone; libyaml's parses stay."""
    repo = make(tmp_path)
    repo.write("docs/tagged.md", runbook().replace("---\n# ", "note: !!str 12\n---\n# ", 1))
    cold = docs_of(repo)
    entries = json.loads(cache_file(repo).read_text(encoding="utf-8"))["entries"]
    plain = entries[blob_id((repo.path / "docs/a.md").read_bytes())]
    assert plain[:3] == [FAST, None, None] and len(plain[3]) == 1  # valid: one verdict
    tagged = entries[blob_id((repo.path / "docs/tagged.md").read_bytes())]
    assert tagged[0]["note"] == "12"
    written = cache_file(repo).stat().st_mtime_ns
    assert docs_of(repo) == cold
    assert cache_file(repo).stat().st_mtime_ns == written  # a warm run adds nothing
    # a FAST entry that is not well formed is replaced, never trusted
    entries[blob_id((repo.path / "docs/a.md").read_bytes())] = [FAST, None, None, "x"]
    cache = {"format": "nohero-documents", "version": VERSION, "entries": entries}
    cache_file(repo).write_text(json.dumps(cache), encoding="utf-8")
    assert docs_of(repo) == cold
    entries = json.loads(cache_file(repo).read_text(encoding="utf-8"))["entries"]
    assert entries[blob_id((repo.path / "docs/a.md").read_bytes())] == plain


@pytest.mark.parametrize("module", ["schema", "schema_subset", "fields"])
def test_a_schema_verdict_changes_with_the_code_that_judges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    """A remembered "valid" must not outlive a change to the code that
    decided it: every module that maps or judges front matter is in the verdict."""
    import importlib

    from nohero.doccache import schema_verdict

    judging = importlib.import_module(f"nohero.{module}")
    before = schema_verdict("runbook", {})
    edited = tmp_path / "edited.py"
    edited.write_bytes(Path(judging.__file__ or "").read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(judging, "__file__", str(edited))
    assert before is not None and schema_verdict("runbook", {}) not in (None, before)
