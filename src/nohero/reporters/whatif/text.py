"""`nohero whatif` as text for a terminal."""

from __future__ import annotations

from ...escape import terminal
from ...whatif import WhatIf, alerts_sentence
from ..base import Rendered, Reporter
from ..report.text import table


def _render(result: WhatIf) -> str:
    nobody = "nobody (no planned absences in the window) is"
    who = terminal(result.who_is_away) if result.away else nobody
    lines = [f"What if {who} away {result.start.isoformat()} to {result.end.isoformat()}?"]
    if result.also_away:
        lines.append(f"Also away then (roster): {terminal(', '.join(result.also_away))}")
    if result.history_note:
        lines.append(f"note: {terminal(result.history_note)}")
    lines.append("")
    if not result.at_risk and not result.docs_degraded:
        lines.append("Nothing is left uncovered.")
        return "\n".join(lines) + "\n"
    if result.docs_at_risk:
        lines.append(f"Documents left with nobody ({len(result.docs_at_risk)})")
        lines += table(
            ["path", "service", "why"], [[r.path, r.service, r.reason] for r in result.docs_at_risk]
        )
        lines.append("")
    if result.alerts_at_risk:
        lines.append(alerts_sentence(result))
        lines += table(
            ["alert", "severity", "runbook", "why", "rule file"],
            [
                [a.name, a.severity, a.doc, a.reason, f"{a.file}:{a.line}"]
                for a in result.alerts_at_risk
            ],
        )
        lines.append("")
    if result.escalations_broken:
        lines.append(
            f"Escalation paths that reach fewer than two people ({len(result.escalations_broken)})"
        )
        lines += table(
            ["path", "why"],
            [[p, result.escalation_reasons.get(p, "")] for p in result.escalations_broken],
        )
        lines.append("")
    if result.services_at_risk:
        lines += [f"Services at risk: {terminal(', '.join(result.services_at_risk))}", ""]
    if result.docs_degraded:
        lines.append(f"Documents degraded ({len(result.docs_degraded)})")
        lines += table(
            ["path", "service", "why"],
            [[r.path, r.service, r.reason] for r in result.docs_degraded],
        )
    return "\n".join(lines).rstrip() + "\n"


class WhatifText(Reporter[WhatIf]):
    guard = True

    def render(self, data: WhatIf, color: bool = False) -> Rendered:
        return Rendered(_render(data))
