"""Alerts joined to documents: the one value the alert rules, the report,
`whatif` and the site read. Mined once per run by `alerts_of(kb)`.

An alert reaches a document through its `runbook_url` (see `links`) or
because the document lists it in its own front matter (`alerts: [Name]`),
which is how runbooks reached through templated or external URLs are tied to
their alerts.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ..config import Config
from ..document import Document
from .links import doc_key
from .rulefiles import Alert, Problem, read_rule_files
from .settings import AlertSettings

STATES = ("doc", "broken", "missing", "templated", "external", "invalid")


class AlertLink(NamedTuple):
    """An alert and where its runbook link leads."""

    alert: Alert
    state: str  # one of STATES
    doc: str | None  # repo-relative path of the runbook it reaches, else None
    key: str | None = None  # for `broken`: the path the URL names, normalised
    base: str | None = None  # the runbook base URL its runbook_url is under

    def to_dict(self) -> dict[str, Any]:
        a = self.alert
        return {
            "name": a.name,
            "file": a.file,
            "line": a.line,
            "group": a.group,
            "severity": a.severity,
            "for": a.duration,
            "summary": a.summary,
            "runbook_url": a.runbook_url,
            "link": self.state,
            "doc": self.doc,
        }


@dataclass
class AlertIndex:
    links: list[AlertLink]
    files: list[str]  # rule files read, repo-relative
    problems: list[Problem]
    settings: AlertSettings
    docs: dict[str, list[str]] = field(default_factory=dict)  # doc path -> alert names reaching it
    listed: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # doc -> (name, line)
    doc_by_key: dict[str, str] = field(default_factory=dict)  # link key -> doc path
    names: set[str] = field(default_factory=set)  # every alert name defined
    states: dict[str, list[AlertLink]] = field(default_factory=dict)  # state -> its links

    def alerts_of(self, doc_path: str) -> list[AlertLink]:
        """Every alert (each definition) that reaches the document."""
        return [link for link in self.links if link.doc == doc_path]

    def by_state(self, state: str) -> list[AlertLink]:
        if not self.states and self.links:
            for link in self.links:
                self.states.setdefault(link.state, []).append(link)
        return self.states.get(state, [])


def listed_alerts(doc: Document) -> list[tuple[str, int]]:
    """The `alerts:` of a document's front matter, with each name's line."""
    value = doc.meta.get("alerts")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [
        (item.strip(), doc.line_of("alerts", index))
        for index, item in enumerate(value)
        if isinstance(item, str) and item.strip()
    ]


def mine_alerts(
    config: Config,
    settings: AlertSettings,
    documents: Iterable[Document],
    all_docs: Iterable[Path] | None = None,
) -> AlertIndex:
    """Read the rule files and join them to the documents.

    `documents` are the parsed documents at hand (their `alerts:` lists
    count); `all_docs` every document file when only some were parsed, so a
    link to an unparsed document is not mistaken for a broken one."""
    rule_files = read_rule_files(config, settings)
    index = AlertIndex([], rule_files.files, rule_files.problems, settings)
    documents = list(documents)
    if all_docs is not None:
        docs_dir = str(config.docs_dir)
        for path in all_docs:
            absolute = os.path.abspath(path)
            docs_rel = os.path.relpath(absolute, docs_dir).replace(os.sep, "/")
            index.doc_by_key.setdefault(doc_key(docs_rel), config.rel(Path(absolute)))
    for doc in sorted(documents, key=lambda d: d.path):
        index.doc_by_key.setdefault(doc_key(doc.docs_rel), doc.path)
        names = listed_alerts(doc)
        if names:
            index.listed[doc.path] = names
    listed_by: dict[str, str] = {}
    for doc_path, listed in sorted(index.listed.items()):
        for name, _ in listed:
            listed_by.setdefault(name, doc_path)
    doc_by_key = index.doc_by_key
    links = index.links
    for alert, target in zip(rule_files.alerts, rule_files.targets, strict=True):
        lister = listed_by.get(alert.name) if listed_by else None
        if alert.url_problem is not None:
            link = AlertLink(alert, "invalid", lister)
        elif alert.runbook_url is None:
            link = AlertLink(alert, "missing", lister)
        elif target.state != "under":
            link = AlertLink(alert, target.state, lister, None, target.base)
        else:
            runbook = doc_by_key.get(target.key or "")
            if runbook is not None:
                link = AlertLink(alert, "doc", runbook, None, target.base)
            else:
                link = AlertLink(alert, "broken", lister, target.key, target.base)
        links.append(link)
    index.names.update(alert.name for alert in rule_files.alerts)
    reaching: dict[str, set[str]] = {}
    for link in links:
        if link.doc is not None:
            reaching.setdefault(link.doc, set()).add(link.alert.name)
    for doc_path, listed in index.listed.items():
        known = {name for name, _ in listed if name in index.names}
        if known:
            reaching.setdefault(doc_path, set()).update(known)
    index.docs = {doc_path: sorted(names) for doc_path, names in sorted(reaching.items())}
    return index


def alerts_of(kb: Any) -> AlertIndex | None:
    """The knowledge base's alerts, mined on first use and kept on it; None
    when `alerts` is not configured."""
    settings = kb.config.alerts
    if settings is None:
        return None
    if kb.alerts is None:
        from ..knowledge_base import discover  # late: knowledge_base is a heavier import

        all_docs = discover(kb.config) if kb.partial else None
        kb.alerts = mine_alerts(kb.config, settings, kb.documents, all_docs)
    return kb.alerts  # type: ignore[no-any-return]
