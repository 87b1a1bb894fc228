"""`nohero whatif --format markdown`: a leave request's risk check, ready to
paste into a ticket or chat."""

from __future__ import annotations

from ...escape import md_inert as md
from ...whatif import WhatIf, alerts_sentence
from ..base import Rendered, Reporter


def _render(result: WhatIf) -> str:
    who = result.who_is_away if result.away else "everyone with planned absences is"
    lines = [
        f"## What if {md(who)} away ({result.start.isoformat()} to {result.end.isoformat()})",
        "",
    ]
    if result.also_away:
        lines += [f"Also away in the roster: {md(', '.join(result.also_away))}", ""]
    if result.history_note:
        lines += [f"> {md(result.history_note)}", ""]
    if not result.at_risk and not result.docs_degraded:
        return "\n".join([*lines, "✅ Nothing is left uncovered.", ""])
    if result.docs_at_risk:
        lines += [f"### ❌ Documents left with nobody ({len(result.docs_at_risk)})", ""]
        lines += ["| Document | Service | Why |", "| --- | --- | --- |"]
        lines += [
            f"| {md(r.path)} | {md(r.service or '-')} | {md(r.reason)} |"
            for r in result.docs_at_risk
        ]
        lines.append("")
    if result.alerts_at_risk:
        lines += [f"### ❌ {md(alerts_sentence(result))}", ""]
        lines += [
            "| Alert | Severity | Runbook | Why | Rule file |",
            "| --- | --- | --- | --- | --- |",
        ]
        lines += [
            f"| {md(a.name)} | {md(a.severity or '-')} | {md(a.doc)} | {md(a.reason)} "
            f"| {md(f'{a.file}:{a.line}')} |"
            for a in result.alerts_at_risk
        ]
        lines.append("")
    if result.escalations_broken:
        lines += ["### ❌ Escalation paths reaching fewer than two people", ""]
        for path in result.escalations_broken:
            lines.append(f"- {md(path)}: {md(result.escalation_reasons.get(path, ''))}")
        lines.append("")
    if result.services_at_risk:
        lines += [f"**Services at risk:** {md(', '.join(result.services_at_risk))}", ""]
    if result.docs_degraded:
        lines += [f"### ⚠️ Degraded ({len(result.docs_degraded)})", ""]
        lines += [f"- {md(r.path)}: {md(r.reason)}" for r in result.docs_degraded]
        lines.append("")
    return "\n".join(lines)


class WhatifMarkdown(Reporter[WhatIf]):
    def render(self, data: WhatIf, color: bool = False) -> Rendered:
        return Rendered(_render(data))
