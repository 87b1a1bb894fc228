"""The core model end to end on real files: parse once, lines kept, findings out."""

import datetime as dt

from gitrepo import Repo, runbook
from nohero.checker import check_documents
from nohero.config import load_config
from nohero.knowledge_base import load_knowledge_base


def test_owner_unknown_points_at_owner_line(repo: Repo) -> None:
    repo.knowledge_base({"db.md": runbook(owner="alicia")})
    kb = load_knowledge_base(load_config(cwd=repo.path))
    findings = check_documents(kb, dt.date(2026, 11, 25))
    hits = [f for f in findings if f.rule == "owner-unknown"]
    assert [(f.path, f.line) for f in hits] == [("docs/db.md", 5)]
    assert "did you mean 'alice'" in hits[0].message


def test_a_title_from_the_file_name_is_its_stem_like_pathlib_says() -> None:
    from pathlib import Path

    from nohero.document import Document

    names = ["a/b.md", "a/.md", "a/x.", "a/x.y.md", "noext", "a/..md", "b-c_d.MD", ".hidden"]
    for name in [*names, "x/y/z.tar.gz", "caf\udce9.md", "a b/c d.markdown"]:
        doc = Document(path=name, source_file=name, docs_rel=name, doc_type="runbook")
        assert doc.display_title() == Path(name).stem.replace("-", " ").replace("_", " "), name
