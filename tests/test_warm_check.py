"""A warm `check` (parsed front matter and schema verdicts from the document
cache) answers exactly what a run without any cache answers: after an edit,
after a `fields:` change, after a schema change; and it does not validate
again what it judged valid before."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import nohero.knowledge_base
import nohero.rules.schema
from gitrepo import DEFAULT_MKDOCS, Repo, runbook
from nohero import schema
from nohero.doccache import FILE_NAME, git_dir

TODAY = "2026-11-25"
DOCS = {
    "db.md": runbook(),
    "web.md": runbook(service="web", title="Web down"),
    "bad-interval.md": runbook(extra="review_every: quarterly"),
    "broken.md": "---\ntitle: [unclosed\n---\nbody\n",
    "plain.md": "# No front matter\n",
    "team/odd.md": runbook(extra="nested: {a: [1, 2.5, true, null]}\nwhen: 2026-10-01T12:30:00Z"),
}


@pytest.fixture(autouse=True)
def small_knowledge_bases_use_the_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(nohero.knowledge_base, "CACHE_FROM_FILES", 0)
    yield
    for compiled in (schema._fast_check, schema._validator):  # a patched schema must not linger
        compiled.cache_clear()


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Titles of the documents the schema was run on."""
    seen: list[str] = []
    real = schema.validate_meta

    def spy(meta: dict[str, Any], doc_type: str) -> list[schema.SchemaProblem]:
        seen.append(str(meta.get("title")))
        return real(meta, doc_type)

    monkeypatch.setattr(schema, "validate_meta", spy)
    monkeypatch.setattr(nohero.rules.schema, "validate_meta", spy)
    return seen


def make(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path / "kb")
    repo.knowledge_base(docs=DOCS)
    repo.commit("kb")
    return repo


def check(repo: Repo, cached: bool = True) -> str:
    env = {} if cached else {"NOHERO_NO_DOCUMENT_CACHE": "1"}
    result = repo.cli("check", "--format", "json", "--today", TODAY, env=env)
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_warm_equals_cold_and_validates_only_what_changed(
    tmp_path: Path, validated: list[str]
) -> None:
    repo = make(tmp_path)
    cold = check(repo)
    cache = git_dir(repo.path)
    assert cache is not None and (cache / "nohero" / FILE_NAME).exists()
    assert "Web down" in validated
    validated.clear()
    warm = check(repo)
    assert warm == cold
    assert "Web down" not in validated  # judged valid before, same bytes: not validated again
    assert "review_every: quarterly" in warm or "quarterly" in warm  # the invalid one still told

    repo.write("docs/web.md", runbook(service="web", title="Web down", reviewed="last week"))
    validated.clear()
    edited = check(repo)
    assert "Web down" in validated  # new bytes: judged again
    assert edited == check(repo, cached=False)
    assert "last_reviewed must be a date" in edited
    assert check(repo) == edited  # and warm again


def test_a_fields_change_judges_again(tmp_path: Path, validated: list[str]) -> None:
    repo = make(tmp_path)
    check(repo)
    repo.write("mkdocs.yml", DEFAULT_MKDOCS + "      fields:\n        service: svc\n")
    validated.clear()
    mapped = check(repo)
    assert "Web down" in validated
    assert "needs 'svc'" in mapped  # valid before, not now: no key 'svc' in any document
    assert mapped == check(repo, cached=False)


def test_a_schema_change_judges_again(
    tmp_path: Path, validated: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make(tmp_path)
    before = check(repo)
    stricter = copy.deepcopy(schema.schema_for("runbook"))
    stricter["properties"]["service"] = {"type": "string", "pattern": "^payments-"}
    real = schema.schema_for
    monkeypatch.setattr(schema, "schema_for", lambda t: stricter if t == "runbook" else real(t))
    schema._fast_check.cache_clear()
    schema._validator.cache_clear()
    validated.clear()
    after = check(repo)
    assert "Web down" in validated
    assert after != before and "service must be" in after  # 'web' breaks the new pattern
    assert after == check(repo, cached=False)
