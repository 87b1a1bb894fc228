"""What the reports say about alerts, as data: counts for the JSON summary,
and the three lists a team acts on -- alerts without a runbook, broken links,
runbooks no alert reaches -- grouped by who should act.

Who should act on an alert: its `team` (or `owner`) label when the roster
knows that id, else the owner of the runbook it reaches; nobody otherwise
(the report lists those under "no owner", with the rule file to look in).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .index import STATES, AlertIndex, AlertLink


@dataclass
class OwnerAlerts:
    owner: str  # roster id; "" for nobody
    missing: list[AlertLink] = field(default_factory=list)
    broken: list[AlertLink] = field(default_factory=list)
    unreached: list[str] = field(default_factory=list)  # runbook paths no alert reaches
    templated: list[AlertLink] = field(default_factory=list)  # links nohero cannot follow


def unreached_runbooks(index: AlertIndex, docs: Iterable[Any]) -> list[str]:
    """Runbooks (from the report's docs) that no alert leads to."""
    return sorted(d.path for d in docs if d.type == "runbook" and d.path not in index.docs)


def alert_summary(index: AlertIndex, docs: Iterable[Any]) -> dict[str, Any]:
    states = Counter(link.state for link in index.links)
    return {
        "total": len(index.links),
        "rule_files": len(index.files),
        "by_link": {state: states.get(state, 0) for state in STATES},
        "runbooks_unreached": unreached_runbooks(index, docs),
    }


class AlertOwners:
    """Who should act on each alert: the one answer the report's alert
    section and the site's Alerts page both show. `known`: the roster's ids
    (people and teams)."""

    def __init__(self, index: AlertIndex, docs: Iterable[Any], known: set[str]) -> None:
        self.index = index
        self.docs = list(docs)
        self.known = known
        self._owner_of_doc = {d.path: d.owner or "" for d in self.docs}

    def of(self, link: AlertLink) -> str:
        """The alert's `team` (or `owner`) label when the roster knows it, else
        its runbook's owner; "" for nobody."""
        team = link.alert.team
        return team if team in self.known else self._owner_of_doc.get(link.doc or "", "")

    def groups(self) -> list[OwnerAlerts]:
        """The report's alert section; owners sorted, "no owner" last."""
        groups: dict[str, OwnerAlerts] = {}

        def group(owner: str) -> OwnerAlerts:
            return groups.setdefault(owner, OwnerAlerts(owner))

        for link in self.index.links:
            if link.state in ("missing", "invalid"):
                group(self.of(link)).missing.append(link)
            elif link.state == "broken":
                group(self.of(link)).broken.append(link)
            elif link.state == "templated" and link.doc is None:
                group(self.of(link)).templated.append(link)
        for path in unreached_runbooks(self.index, self.docs):
            group(self._owner_of_doc.get(path, "")).unreached.append(path)
        return sorted(groups.values(), key=lambda g: (g.owner == "", g.owner))


def alert_owners(report: Any) -> AlertOwners | None:
    """A report's alert owners (its alerts, documents and roster ids); None
    when alerts are not configured."""
    if report.alerts is None:
        return None
    return AlertOwners(report.alerts, report.docs, {p.id for p in report.people})


@dataclass(frozen=True)
class AlertRisk:
    """An alert whose runbook nobody available can answer for (`whatif`)."""

    name: str
    severity: str | None
    file: str
    line: int
    doc: str
    reason: str  # what is lost about its runbook

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "doc": self.doc,
            "reason": self.reason,
        }


def alerts_at_risk(index: AlertIndex | None, lost: dict[str, str]) -> list[AlertRisk]:
    """Alerts that lead to a document in `lost` (doc path -> what is lost):
    whoever they page finds a runbook nobody available can answer for."""
    if index is None:
        return []
    risks = [
        AlertRisk(
            link.alert.name,
            link.alert.severity,
            link.alert.file,
            link.alert.line,
            link.doc,
            lost[link.doc],
        )
        for link in index.links
        if link.doc is not None and link.doc in lost
    ]
    return sorted(risks, key=lambda r: (r.doc, r.name, r.file, r.line))
