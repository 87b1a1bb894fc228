"""Escalation paths as data: who each level pages, who of them can answer
today, and who answers instead when someone has left or is away.

The diagram is drawn at build time (`escalation_diagram`), as inline SVG
from a Jinja template: no Mermaid, no script, no CDN, so it reads the same
offline, in dark mode and on paper.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: a warm site build loads neither the report nor the roster
    from ..report import DocReport
    from ..roster import Roster
    from .model import Person


@dataclass
class EscalationLevel:
    number: int
    after: str  # as written, e.g. "15m"
    after_minutes: int | None
    who: list[Person]  # the ids the level names, as written
    reaches: list[Person]  # the people behind them who can answer today
    unavailable: list[Person]  # people behind them who have left or are away
    note: str = ""
    instead: str = ""  # who answers when nobody (or not everybody) here can

    @property
    def when(self) -> str:
        if not self.after or self.after_minutes == 0:
            return "at once"
        return f"after {self.after}"


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

    @property
    def broken(self) -> bool:
        """Fewer than two people can answer today (a level whose people are
        away is not broken: the next level answers, and the diagram says so)."""
        return len({p.id for level in self.levels for p in level.reaches}) < 2

    def first_answer(self) -> tuple[EscalationLevel, list[Person]] | None:
        for level in self.levels:
            if level.reaches:
                return level, level.reaches
        return None


def escalation_path(
    doc: DocReport,
    who: Callable[[str | None], Person | None],
    roster: Roster,
) -> EscalationPath:
    path = EscalationPath(doc.path, doc.docs_rel, doc.title, doc.service)
    for level in doc.escalation or []:
        names = level.page
        named = [p for p in (who(n) for n in names) if p is not None]
        reaches: list[Person] = []
        unavailable: list[Person] = []
        for name in names:
            for pid in roster.people_of(name):
                person = who(pid)
                if person is None or person in reaches or person in unavailable:
                    continue
                (unavailable if person.departed or person.away_now else reaches).append(person)
        path.levels.append(
            EscalationLevel(
                level.number,
                level.after,
                level.after_minutes,
                named,
                reaches,
                unavailable,
                level.note,
            )
        )
    _fill_instead(path.levels)
    return path


def _fill_instead(levels: list[EscalationLevel]) -> None:
    for index, level in enumerate(levels):
        if not level.unavailable:
            continue
        gone = ", ".join(f"{p.name} ({p.absence})" for p in level.unavailable)
        if level.reaches:
            level.instead = f"{gone}: {_names(level.reaches)} answers instead"
            continue
        later = next((lv for lv in levels[index + 1 :] if lv.reaches), None)
        if later is None:
            level.instead = f"{gone}: nobody on this path can answer"
        else:
            level.instead = (
                f"{gone}: nobody here can answer; level {later.number} "
                f"({_names(later.reaches)}) answers instead"
            )


def _names(people: list[Person]) -> str:
    return ", ".join(p.name for p in people)


# -- the diagram ---------------------------------------------------------------

WIDTH = 360
LINE = 18
PAD = 10
GAP = 34
WRAP = 44


@dataclass
class DiagramLine:
    text: str
    y: float
    css: str = ""  # nohero-svg-left | nohero-svg-away | nohero-svg-head | nohero-svg-note
    x: int = 12


@dataclass
class DiagramBox:
    y: float
    height: float
    lines: list[DiagramLine]
    arrow_label: str
    broken: bool


@dataclass
class Diagram:
    ident: str
    title: str
    description: str
    width: int
    height: float
    boxes: list[DiagramBox]


def escalation_diagram(path: EscalationPath) -> Diagram:
    """Boxes top to bottom, one per level, with every text as a line of text."""
    boxes: list[DiagramBox] = []
    y = 44.0  # below the "Incident" pill
    for level in path.levels:
        rows: list[tuple[str, str, int]] = [
            (f"Level {level.number} · {level.when}", "nohero-svg-head", 12)
        ]
        for person in level.who:
            rows += _person_rows(person, level)
        if level.instead:
            rows += [(t, "nohero-svg-instead", 12) for t in _wrap("→ " + level.instead)]
        if level.note:
            rows += [(t, "nohero-svg-note", 12) for t in _wrap("Note: " + level.note)[:3]]
        lines = []
        for i, (text, css, x) in enumerate(rows):
            lines.append(DiagramLine(text, y + GAP + PAD + LINE * (i + 1) - 5, css, x))
        height = PAD * 2 + LINE * len(rows)
        boxes.append(DiagramBox(y + GAP, height, lines, level.when, not level.reaches))
        y += GAP + height
    description = "; ".join(_describe(level) for level in path.levels) or "no levels"
    return Diagram(path.anchor, f"Escalation path: {path.title}", description, WIDTH, y + 8, boxes)


def _person_rows(person: Person, level: EscalationLevel) -> list[tuple[str, str, int]]:
    rows = [(_clip(person.name + _flag(person)), _css(person), 12)]
    if person.kind == "team":
        members = [p for p in level.reaches + level.unavailable if person.id in p.teams]
        rows += [(_clip(p.name + _flag(p), WRAP - 3), _css(p), 28) for p in members]
    return rows


def _flag(person: Person) -> str:
    if person.kind == "unknown":
        return " — not in the roster"
    return f" — {person.absence}" if person.absence else ""


def _css(person: Person) -> str:
    if person.kind == "unknown" or person.departed:
        return "nohero-svg-left"
    return "nohero-svg-away" if person.away_now else ""


def _describe(level: EscalationLevel) -> str:
    named = ", ".join(p.name + _flag(p) for p in level.who) or "nobody"
    text = f"level {level.number} {level.when}: {named}"
    if level.instead:
        text += f" ({level.instead})"
    return text


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, WRAP) or [""]


def _clip(text: str, width: int = WRAP) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
