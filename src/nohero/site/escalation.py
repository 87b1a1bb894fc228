"""Escalation paths as data, a contact table and a Mermaid diagram.

Mermaid parses its own label syntax, so labels are reduced to a safe
alphabet here instead of trusting HTML escaping to protect the diagram.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..document import Document
from ..durations import parse_delay_minutes
from ..roster import Roster

if TYPE_CHECKING:
    from .model import Person

WHO_KEYS = ("page", "who", "notify", "contact")  # the schema says `page`
_LABEL_UNSAFE = re.compile(r"[^\w .,:'@/+-]+", re.UNICODE)


@dataclass
class EscalationLevel:
    number: int
    after: str  # as written, e.g. "15m"
    after_minutes: int | None
    who: list[Person]
    reaches: list[Person]  # active people behind the named ids
    note: str = ""


@dataclass
class EscalationPath:
    path: str
    src_uri: str
    title: str
    service: str | None
    levels: list[EscalationLevel] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "esc-" + re.sub(r"[^a-z0-9]+", "-", self.src_uri.lower()).strip("-")

    def mermaid(self) -> str:
        """A top-down flow: the incident, then each level with its delay."""
        lines = ["flowchart TD", '  start(["Incident"])']
        previous = "start"
        for level in self.levels:
            node = f"L{level.number}"
            names = ", ".join(p.name for p in level.who) or "nobody"
            label = f"{level.number}. {names}"
            if level.reaches and [p.id for p in level.reaches] != [p.id for p in level.who]:
                label += " - " + ", ".join(p.name for p in level.reaches)
            lines.append(f'  {node}["{safe_label(label)}"]')
            edge = safe_label(f"after {level.after}") if level.after else ""
            lines.append(f"  {previous} -->|{edge}| {node}" if edge else f"  {previous} --> {node}")
            previous = node
        return "\n".join(lines)


def safe_label(text: str) -> str:
    return _LABEL_UNSAFE.sub(" ", text).strip()[:80] or "?"


def escalation_path(
    doc: Document,
    title: str,
    who: Callable[[str | None], Person | None],
    roster: Roster,
    today: dt.date,
) -> EscalationPath:
    path = EscalationPath(doc.path, doc.docs_rel, title, doc.service)
    levels = doc.meta.get("escalation")
    if not isinstance(levels, list):
        return path
    for number, raw in enumerate(levels, start=1):
        names, after, note = _level_fields(raw)
        people = [p for p in (who(n) for n in names) if p is not None]
        reaches: list[Person] = []
        for name in names:
            for pid in roster.active_people_of(name, today):
                person = who(pid)
                if person is not None and person not in reaches:
                    reaches.append(person)
        path.levels.append(
            EscalationLevel(
                number, after, parse_delay_minutes(after) if after else None, people, reaches, note
            )
        )
    return path


def _level_fields(raw: Any) -> tuple[list[str], str, str]:
    if isinstance(raw, str):
        return [raw], "", ""
    if not isinstance(raw, dict):
        return [], "", ""
    value = next((raw[k] for k in WHO_KEYS if k in raw), None)
    if isinstance(value, str):
        names = [value]
    elif isinstance(value, list):
        names = [str(v) for v in value if isinstance(v, str | int)]
    else:
        names = []
    after = raw.get("after")
    note = raw.get("note") or ""
    return names, "" if after is None else str(after), str(note)
