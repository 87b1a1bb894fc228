"""Reading documents in a load: what the whole knowledge base's load gives
each file equals reading that file alone, links and odd files included, and
a file is read to its end (or one byte past the size limit) even when it
grew after it was stat'ed."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gitrepo import Repo, runbook
from nohero.config import load_config
from nohero.frontmatter import split
from nohero.history.renames import is_doc
from nohero.knowledge_base import _read_bytes, load_knowledge_base, read_document


def test_a_load_reads_each_file_as_reading_it_alone_does(repo: Repo) -> None:
    repo.knowledge_base(
        {
            "db.md": runbook(title="DB failover"),
            "deep/er/cache.md": "# Cache flush\n\nNo front matter here.\n",
            "odd name with spaces.md": runbook(),
            "nul.md": "a\x00b",
            "latin.md": "caf\xe9",
        }
    )
    repo.write("docs/latin.md", "caf\xe9".encode("latin-1"))
    repo.write("handbook/oncall.md", runbook(title="On call"))
    (repo.path / "docs" / "handbook").symlink_to("../handbook")
    (repo.path / "docs" / "linked.md").symlink_to("db.md")
    outside = repo.path.parent / "outside.md"
    outside.write_text(runbook())
    (repo.path / "docs" / "escape.md").symlink_to(outside)
    os.mkfifo(repo.path / "docs" / "pipe.md")
    config = load_config(cwd=repo.path)
    loaded = load_knowledge_base(config).documents
    alone = [read_document(config, Path(str(doc.source))) for doc in loaded]
    assert [d.path for d in loaded] == [d.path for d in alone]
    assert loaded == alone
    by_path = {d.path: d for d in loaded}
    assert by_path["handbook/oncall.md"].docs_rel == "handbook/oncall.md"  # the real file
    assert by_path["docs/db.md"].title == "DB failover" and by_path["docs/db.md"].readable
    unreadable = {d.docs_rel for d in loaded if not d.readable}
    assert unreadable == {"escape.md", "pipe.md", "nul.md", "latin.md"}


def test_a_file_that_grew_after_its_stat_is_read_to_its_end_or_past_the_limit(
    tmp_path: Path,
) -> None:
    path = tmp_path / "grown.md"
    path.write_bytes(b"x" * 10_000)
    assert _read_bytes(str(path), 100, 1_000_000) == b"x" * 10_000  # stat said 100 bytes
    assert _read_bytes(str(path), 100, 5_000) == b"x" * 5_001  # one past the limit: refused
    assert _read_bytes(str(path), 10_000, 5_000) == b"x" * 10_000  # no growth: as stat'ed
    path.write_bytes(b"")
    assert _read_bytes(str(path), 0, 5_000) == b""


@settings(max_examples=300, deadline=None)
@given(
    path=st.lists(st.sampled_from(["docs", ".git", ".hidden", "a.b", "x", "y.md", ".md", "Z.MD"]))
    .map("/".join)
    .filter(bool)
)
def test_a_path_is_a_document_where_discovery_would_find_one(path: str) -> None:
    """history's `is_doc` (which of git's paths are documents) against the
    rule written out plainly: Markdown under docs_dir, nothing hidden on the
    way, not excluded."""
    config = load_config(cwd=Path(__file__).parent.parent)
    config.exclude = ["x/*"]
    rel = path[len("docs/") :]
    expected = (
        path.startswith("docs/")
        and path.lower().endswith((".md", ".markdown"))
        and not any(part.startswith(".") for part in rel.split("/"))
        and not fnmatch.fnmatchcase(rel, "x/*")
    )
    assert is_doc(config, path, "docs/") == expected


def test_front_matter_without_its_opening_fence_keeps_a_long_body_whole() -> None:
    """`split` reads only the first lines of a document without front matter;
    the body it returns is still every line after the closing fence."""
    body = "".join(f"line {n}\n" for n in range(200))
    parts = split("owner: alice\ntype: runbook\n---\n" + body)
    assert parts.front_matter is not None and parts.front_matter.error is not None
    assert parts.body == body and parts.body_line == 4
    plain = "# Title\n" + body
    assert split(plain).body == plain and split(plain).front_matter is None
