"""Parsed rule files are remembered in the git dir: a warm run gives the same
alerts without parsing, a damaged cache gives the same answers, and nothing
is kept in (or read from) the working tree."""

from __future__ import annotations

import json
from pathlib import Path

from alertkb import alert_repo
from nohero.alerts import alerts_of
from nohero.config import load_config
from nohero.knowledge_base import load_knowledge_base


def links(root: Path) -> list[tuple[str, str, int, str]]:
    index = alerts_of(load_knowledge_base(load_config(cwd=root)))
    assert index is not None
    return [(k.alert.name, k.alert.file, k.alert.url_line, k.state) for k in index.links]


def test_warm_and_damaged_caches_give_the_same_alerts(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("NOHERO_NO_DOCUMENT_CACHE", raising=False)
    repo = alert_repo(tmp_path / "ops")
    cold = links(repo.path)
    cache = repo.path / ".git" / "nohero" / "alert-rules.json"
    assert cache.is_file()
    data = json.loads(cache.read_text(encoding="utf-8"))
    assert len(data["entries"]) == 5  # one per rule file, the ones without alerts too
    assert links(repo.path) == cold
    # an entry that lies about its alerts' types is a miss, not a wrong answer
    for entry in data["entries"].values():
        if entry["a"]:
            entry["a"][0][1] = "not a line"
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert links(repo.path) == cold
    cache.write_text("{not json", encoding="utf-8")
    assert links(repo.path) == cold
    kept = [p for p in repo.path.glob("**/alert-rules.json") if ".git" not in p.parts]
    assert kept == []  # only under .git
    rules = repo.path / "monitoring/prometheus/payments.rules.yml"
    rules.write_text(rules.read_text().replace("PaymentsDBDown", "PaymentsDatabaseDown"))
    assert "PaymentsDatabaseDown" in {name for name, *_ in links(repo.path)}
