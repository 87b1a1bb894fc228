"""Hostile and broken files: each becomes a finding on that file (or a clear
skip), every other document is still checked, nothing outside the repository
is read, and there is never a traceback."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gitrepo import Repo, runbook
from nohero.checker import check_documents
from nohero.config import load_config
from nohero.findings import Finding
from nohero.knowledge_base import load_knowledge_base

TODAY = dt.date(2026, 11, 25)


def alias_bomb(levels: int = 12) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "---\n" + "\n".join(lines) + "\n---\n# Bomb\n"


BAD_FILES: dict[str, tuple[bytes, str, int]] = {
    # name: (content, rule, line)
    "invalid-yaml.md": (
        b"---\ntitle: [unclosed\nowner: alice\n---\n# T\n",
        "frontmatter-invalid",
        2,
    ),
    "a-list.md": (
        b"---\n- owner: alice\n- backup_owner: bob\n---\n# T\n",
        "frontmatter-invalid",
        2,
    ),
    "a-scalar.md": (b"---\njust some words\n---\n# T\n", "frontmatter-invalid", 2),
    "number-key.md": (b"---\n1: one\nowner: alice\n---\n# T\n", "frontmatter-invalid", 2),
    "non-utf8.md": (b"---\ntitle: caf\xe9\nowner: alice\n---\n", "file-unreadable", 2),
    "binary.md": (bytes(range(256)) * 64, "file-unreadable", 1),
    "alias-bomb.md": (alias_bomb().encode(), "frontmatter-invalid", 2),
    "deep-flow.md": (
        b"---\na: " + b"[" * 5000 + b"]" * 5000 + b"\n---\n",
        "frontmatter-invalid",
        2,
    ),
    "deep-block-sequence.md": (b"---\n" + b"- " * 5000 + b"x\n---\n", "frontmatter-invalid", 2),
    "deep-block-mapping.md": (
        b"---\n" + b"".join(b" " * i + b"k:\n" for i in range(300)) + b"---\n",
        "frontmatter-invalid",
        66,
    ),
    # libyaml composes recursively in C: without the pre-scan this one crashes the interpreter
    "deeper-than-the-c-stack.md": (
        b"---\na: " + b"[" * 200_000 + b"]" * 200_000 + b"\n---\n",
        "frontmatter-invalid",
        2,
    ),
    "unclosed-front-matter.md": (
        b"---\ntitle: T\nowner: alice\n\n# Body\n",
        "frontmatter-invalid",
        1,
    ),
}


def findings_by_path(repo: Repo) -> dict[str, list[Finding]]:
    kb = load_knowledge_base(load_config(cwd=repo.path))
    grouped: dict[str, list[Finding]] = {d.path: [] for d in kb.documents}
    for f in check_documents(kb, TODAY):
        grouped.setdefault(f.path, []).append(f)
    return grouped


def base_kb(repo: Repo, **docs: str | bytes) -> None:
    """A good runbook, a runbook with a known problem, plus `docs`."""
    repo.knowledge_base({"good.md": runbook(), "typo.md": runbook(owner="alicia")})
    for name, content in docs.items():
        repo.write(f"docs/{name}", content)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_one_finding_and_others_are_still_checked(repo: Repo, name: str) -> None:
    content, rule, line = BAD_FILES[name]
    base_kb(repo, **{name: content})
    found = findings_by_path(repo)
    bad = found[f"docs/{name}"]
    assert [(f.rule, f.line) for f in bad] == [(rule, line)], [f.to_dict() for f in bad]
    assert "\n" not in bad[0].message
    assert found["docs/good.md"] == []
    assert [f.rule for f in found["docs/typo.md"]] == ["owner-unknown"]


def test_every_bad_file_at_once_through_the_cli(repo: Repo) -> None:
    base_kb(repo, **{name: content for name, (content, _, _) in BAD_FILES.items()})
    result = repo.cli("check", "--today", "2026-11-25", "--no-history")
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    for name in BAD_FILES:
        assert f"docs/{name}" in result.output
    assert "owner 'alicia' is not in the roster" in result.output


def test_big_file_is_skipped_without_reading_it(repo: Repo) -> None:
    base_kb(repo)
    big = repo.path / "docs" / "huge.md"
    with open(big, "wb") as handle:
        handle.write(b"---\nowner: nobody-known\n---\n")
        handle.truncate(20 * 1024 * 1024)
    found = findings_by_path(repo)
    assert [(f.rule, f.line) for f in found["docs/huge.md"]] == [("file-unreadable", 1)]
    assert "20 MB" in found["docs/huge.md"][0].message
    assert found["docs/good.md"] == []


def test_symlinks_leaving_the_repository_are_not_read(repo: Repo, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(runbook(owner="outsider-from-elsewhere"), encoding="utf-8")
    (outside / "folder").mkdir()
    (outside / "folder" / "inner.md").write_text(
        runbook(owner="outsider-in-folder"), encoding="utf-8"
    )
    base_kb(repo)
    (repo.path / "docs" / "link.md").symlink_to(outside / "secret.md")
    (repo.path / "docs" / "linked-folder").symlink_to(outside / "folder")
    found = findings_by_path(repo)
    assert [f.rule for f in found["docs/link.md"]] == ["file-unreadable"]
    assert "outside the repository" in found["docs/link.md"][0].message
    everything = " ".join(f.message for fs in found.values() for f in fs)
    assert "outsider" not in everything
    # the folder link itself is the finding (MkDocs would publish what is in it)
    assert [f.rule for f in found["docs/linked-folder"]] == ["file-unreadable"]
    assert not any("linked-folder/" in p for p in found)
    assert found["docs/good.md"] == []


def test_symlink_inside_the_repository_is_read(repo: Repo) -> None:
    base_kb(repo)
    (repo.path / "shared.md").write_text(runbook(owner="carol"), encoding="utf-8")
    (repo.path / "docs" / "alias.md").symlink_to(repo.path / "shared.md")
    assert findings_by_path(repo)["docs/alias.md"] == []


def test_dangling_symlink_is_unreadable(repo: Repo) -> None:
    base_kb(repo)
    (repo.path / "docs" / "gone.md").symlink_to(repo.path / "docs" / "deleted.md")
    found = findings_by_path(repo)
    assert [f.rule for f in found["docs/gone.md"]] == ["file-unreadable"]
    assert found["docs/good.md"] == []


def test_folder_named_like_a_document_is_walked_not_read(repo: Repo) -> None:
    base_kb(repo)
    repo.write("docs/odd.md/inner.md", runbook(owner="bobby"))
    found = findings_by_path(repo)
    assert "docs/odd.md" not in found
    assert [f.rule for f in found["docs/odd.md/inner.md"]] == ["owner-unknown"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_skipped_instead_of_hanging(repo: Repo) -> None:
    base_kb(repo)
    os.mkfifo(repo.path / "docs" / "pipe.md")
    # Through the console script with a timeout: reading a FIFO would block forever.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from nohero.cli import main; main()",
            "check",
            "--today",
            "2026-11-25",
            "--no-history",
        ],
        cwd=repo.path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert "docs/pipe.md" in result.stdout and "not a regular file" in result.stdout, result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode"
)
def test_unreadable_file_is_a_finding(repo: Repo) -> None:
    base_kb(repo)
    locked = repo.write("docs/locked.md", runbook())
    locked.chmod(0)
    try:
        found = findings_by_path(repo)
    finally:
        locked.chmod(0o644)
    assert [f.rule for f in found["docs/locked.md"]] == ["file-unreadable"]


def test_empty_file_needs_an_owner_and_a_review(repo: Repo) -> None:
    base_kb(repo, **{"empty.md": b""})
    found = findings_by_path(repo)
    assert {(f.rule, f.line) for f in found["docs/empty.md"]} >= {
        ("owner-missing", 1),
        ("review-missing", 1),
    }
    assert found["docs/good.md"] == []


def test_bom_and_crlf_keep_line_numbers(repo: Repo) -> None:
    text = "\ufeff" + runbook(owner="alicia").replace("\n", "\r\n")
    base_kb(repo, **{"windows.md": text.encode("utf-8")})
    found = findings_by_path(repo)
    assert [(f.rule, f.line) for f in found["docs/windows.md"]] == [("owner-unknown", 5)]


def test_no_front_matter_is_a_document_without_owner(repo: Repo) -> None:
    base_kb(repo, **{"plain.md": "# Just a page\n\nSome words.\n"})
    found = findings_by_path(repo)
    rules = {(f.rule, f.line) for f in found["docs/plain.md"]}
    assert ("owner-missing", 1) in rules and ("review-missing", 1) in rules
    assert not any(f.rule == "frontmatter-invalid" for f in found["docs/plain.md"])


def test_dashes_in_code_blocks_are_body(repo: Repo) -> None:
    body = "# Config\n\n```yaml\n---\nowner: nobody-known\n---\n```\n\n---\n\nMore text.\n"
    base_kb(repo, **{"code.md": runbook(body=body)})
    kb = load_knowledge_base(load_config(cwd=repo.path))
    doc = kb.by_path()["docs/code.md"]
    assert doc.owner == "alice" and doc.title == "Payments DB failover"
    assert findings_by_path(repo)["docs/code.md"] == []
    base_kb(repo, **{"code.md": "Intro\n\n```\n---\nowner: nobody-known\n---\n```\n"})
    found = findings_by_path(repo)["docs/code.md"]
    assert "nobody-known" not in " ".join(f.message for f in found)
    assert ("owner-missing", 1) in {(f.rule, f.line) for f in found}
