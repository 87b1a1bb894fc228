"""A cold run does not read and parse the documents' blobs a second time:
the versions at HEAD are the files the knowledge base just parsed, so the
miner takes their review date and body from there (`blobs.known_versions`)
and asks git only for the others. The answer must be the same as reading
every blob from git."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gitrepo import Repo, runbook
from nohero.config import load_config
from nohero.document import parse_document
from nohero.history import blobs
from nohero.history.miner import load_history
from nohero.knowledge_base import load_knowledge_base
from nohero.roster import load_roster

TEXTS = [
    runbook(reviewed="2026-01-01"),
    runbook(reviewed=""),  # no review date
    runbook(reviewed="2026-13-45"),  # impossible date stays text
    runbook(reviewed="'2026-01-01'"),  # quoted: a string, still a date to as_date
    "# no front matter\n",
    "",
    "---\nlast_reviewed: 2026-01-01\n",  # never closed
    "---\nlast_reviewed: [\n---\nbody\n",  # invalid YAML
    "---\nlast_reviewed: 2026-01-01\nlast_reviewed: 2026-02-01\n---\nbody\n",  # twice
    "---\n- a list\n---\n",
    "\ufeff---\r\nlast_reviewed: 2026-03-01\r\n---\r\nCRLF body\r\n",
    "---\r\nlast_reviewed: 2026-03-01\r---\rCR-only body\r",
    '---\n"last_\\x72eviewed": 2026-03-01\n---\nescaped key\n',
    "---\nreviewed_on: 2026-04-01\n---\nmapped key\n",
    "---\nlast_reviewed: 2026-01-01T10:00:00Z\n---\n",
]
RAW = [t.encode("utf-8") for t in TEXTS] + [b"---\nx: \xff\n---\n", b"\x00binary"]


def known_of(raw: bytes, key: str) -> dict[str, blobs.BlobInfo]:
    doc = parse_document("docs/a.md", Path("/x/docs/a.md"), "a.md", raw, lambda rel, t: "runbook")
    return blobs.known_versions([doc], key)


def test_known_versions_say_what_reading_the_blob_says() -> None:
    for key in ("last_reviewed", "reviewed_on"):
        for raw in RAW:
            known = known_of(raw, key)
            readable = b"\x00" not in raw and raw != b"---\nx: \xff\n---\n"
            assert bool(known) == readable, raw
            for info in known.values():
                assert info == blobs.fingerprint(raw, key), raw


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["---", "last_reviewed: 2026-01-0", "last_reviewed: x", "a: [", "b: 1", "\r", "# T", ""]
        ),
        max_size=8,
    ),
    st.text(alphabet="0123456789 -:\n\ufeff\u2028", max_size=6),
)
def test_known_versions_equal_fingerprint_on_generated_text(lines: list[str], tail: str) -> None:
    raw = ("\n".join(lines) + tail).encode("utf-8")
    for info in known_of(raw, "last_reviewed").values():
        assert info == blobs.fingerprint(raw, "last_reviewed")


def test_a_cold_run_reads_only_the_blobs_not_on_disk(repo: Repo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo.knowledge_base({"db.md": runbook(reviewed="2026-01-01"), "web.md": runbook()})
    repo.commit("kb")
    repo.commit("review db", files={"docs/db.md": runbook(reviewed="2026-02-01")})
    repo.write("docs/web.md", runbook(body="# Edited, not committed\n"))
    config = load_config(cwd=repo.path)
    roster = load_roster(config.roster_path)
    asked: list[str] = []  # what cat-file is sent
    real = blobs.BlobReader._send

    def spy(self: blobs.BlobReader) -> None:
        asked.extend(sha.decode() for sha in self._batch)
        real(self)

    monkeypatch.setattr(blobs.BlobReader, "_send", spy)
    kb = load_knowledge_base(config, roster=roster)
    with_kb = load_history(config, roster, documents=kb.documents)
    head = {p: repo.git("rev-parse", f"HEAD:docs/{p}").strip() for p in ("db.md", "web.md")}
    old_db = repo.git("rev-parse", "HEAD~1:docs/db.md").strip()
    asked_with_kb = set(asked)
    assert head["db.md"] not in asked_with_kb  # the file on disk is that version
    assert head["web.md"] in asked_with_kb  # edited on disk: git's version is read
    assert old_db in asked_with_kb
    for folder in (repo.path / ".git/nohero", repo.path / ".cache"):
        shutil.rmtree(folder, ignore_errors=True)  # mine cold again
    asked.clear()
    from_git = load_history(config, roster)
    assert head["db.md"] in asked
    assert with_kb.stats["cache"] == from_git.stats["cache"] == "cold"
    for path in ("docs/db.md", "docs/web.md"):
        assert with_kb.docs[path] == from_git.docs[path]
    assert [c.content for c in with_kb.docs["docs/db.md"].changes] == [True, False]


def test_a_mine_started_before_the_documents_load_still_skips_their_blobs(
    repo: Repo, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """`analyse` starts the mine in a thread before the knowledge base loads
    (history.background); its blob requests wait for the known versions, so
    the files on disk are still not read from git, and the history is the
    one a mine after the load gives."""
    import datetime as dt

    from nohero.pipeline import analyse

    repo.knowledge_base({"db.md": runbook(reviewed="2026-01-01"), "web.md": runbook()})
    repo.commit("kb")
    repo.commit("review db", files={"docs/db.md": runbook(reviewed="2026-02-01")})
    config = load_config(cwd=repo.path)
    asked: list[str] = []
    real = blobs.BlobReader._send

    def spy(self: blobs.BlobReader) -> None:
        asked.extend(sha.decode() for sha in self._batch)
        real(self)

    monkeypatch.setattr(blobs.BlobReader, "_send", spy)
    analysis = analyse(config, dt.date(2026, 3, 1))
    assert analysis.history is not None and analysis.history.stats["cache"] == "cold"
    head_db = repo.git("rev-parse", "HEAD:docs/db.md").strip()
    old_db = repo.git("rev-parse", "HEAD~1:docs/db.md").strip()
    assert head_db not in asked and old_db in asked
    for folder in (repo.path / ".git/nohero", repo.path / ".cache"):
        shutil.rmtree(folder, ignore_errors=True)
    after = load_history(config, load_roster(config.roster_path))
    assert analysis.history.docs == after.docs
