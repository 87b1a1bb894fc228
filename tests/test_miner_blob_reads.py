"""The miner reads only the blobs that can decide "review-only or content
change": those of documents under docs_dir, never of other Markdown."""

from __future__ import annotations

import pytest

from gitrepo import DEFAULT_PEOPLE, Repo, runbook
from nohero.config import load_config
from nohero.history import blobs
from nohero.history.miner import load_history
from nohero.roster import load_roster


def build(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook(reviewed="2026-01-01")})
    repo.commit("kb", files={"i18n/de/db.md": "# DB\n"}, date="2026-01-01T10:00:00+00:00")
    repo.commit(
        "review + translation",
        files={"docs/db.md": runbook(reviewed="2026-02-01"), "i18n/de/db.md": "# DB!\n"},
        date="2026-02-01T10:00:00+00:00",
    )


def requested(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []
    real = blobs.BlobReader.request

    def spy(self: blobs.BlobReader, sha: str) -> None:
        asked.append(sha)
        real(self, sha)

    monkeypatch.setattr(blobs.BlobReader, "request", spy)
    return asked


def mine(repo: Repo):  # type: ignore[no-untyped-def]
    config = load_config(cwd=repo.path)
    return load_history(config, load_roster(config.roster_path))


def test_markdown_outside_docs_dir_is_never_read(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(repo)
    asked = requested(monkeypatch)
    history = mine(repo)
    translation = {
        repo.git("rev-parse", f"{rev}:i18n/de/db.md").strip() for rev in ("HEAD~1", "HEAD")
    }
    doc = {repo.git("rev-parse", f"{rev}:docs/db.md").strip() for rev in ("HEAD~1", "HEAD")}
    assert doc <= set(asked) and not translation & set(asked)
    changes = history.docs["docs/db.md"].changes
    assert [c.content for c in changes] == [True, False]  # the review bump is still told apart
    assert history.stats["cache"] == "cold"


def test_a_cache_mined_for_another_docs_dir_is_mined_again(repo: Repo) -> None:
    build(repo)
    assert mine(repo).stats["cache"] == "cold"
    assert mine(repo).stats["cache"] == "warm"
    repo.write("people.yml", DEFAULT_PEOPLE)
    mkdocs = (repo.path / "mkdocs.yml").read_text(encoding="utf-8")
    repo.write("mkdocs.yml", mkdocs.replace("docs_dir: docs", "docs_dir: i18n"))
    again = mine(repo)
    assert again.stats["cache"] == "cold"
    assert [c.content for c in again.docs["i18n/de/db.md"].changes] == [True, True]


def test_a_blob_that_cannot_be_read_fails_the_mine_instead_of_hanging_it(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When reading one blob fails, cat-file's remaining output (here far more
    than a pipe holds) is still read, so the error surfaces and nothing waits
    for ever on a blocked cat-file."""
    import threading

    from faketime import join

    big = "x" * 40_000
    repo.knowledge_base({f"doc{i}.md": runbook() + f"\n{i}{big}\n" for i in range(6)})
    repo.commit("kb", date="2026-01-01T10:00:00+00:00")

    def broken(data: bytes, key: str = "", shapes: object = None) -> blobs.BlobInfo:
        raise ValueError("cannot read this blob")

    monkeypatch.setattr(blobs, "fingerprint", broken)
    found = []
    thread = threading.Thread(target=lambda: found.append(mine(repo)), daemon=True)
    thread.start()
    assert join(thread, 60), "the mine hung on a cat-file nobody read"
    assert not found[0].available and "cannot read this blob" in found[0].note
