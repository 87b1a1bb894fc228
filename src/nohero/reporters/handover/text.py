"""`nohero handover` as text: who takes over what, and who should pair with whom."""

from __future__ import annotations

from ...escape import terminal
from ...handover import Handover
from ..base import Rendered, Reporter


def _render(result: Handover) -> str:
    state = "written" if result.written else "plan only; --write applies it"
    lines = [f"Handover from {terminal(result.person)} ({state})", ""]
    if result.reassign:
        lines.append("New owners and backups")
        for r in result.reassign:
            new = terminal(r.new) if r.new else "(nobody found)"
            lines.append(f"  {terminal(r.path)}: {terminal(r.key)} -> {new}  ({terminal(r.why)})")
        lines.append("")
    else:
        lines += [f"{terminal(result.person)} owns and backs up nothing.", ""]
    if result.cross_training:
        lines.append("Cross-training, riskiest first (only they know these)")
        for p in result.cross_training:
            who = terminal(p.learner) if p.learner else "someone (no candidate found)"
            lines.append(
                f"  {terminal(p.path)}: pair {terminal(result.person)} with {who}  ({p.why})"
            )
        lines.append("")
    if result.left is not None:
        lines += [f"Roster: left: {result.left.isoformat()}", ""]
    for path, why in sorted(result.refused.items()):
        lines.append(f"refused {terminal(path)}: {terminal(why)}")
    return "\n".join(lines).rstrip("\n") + "\n"


class HandoverText(Reporter[Handover]):
    def render(self, data: Handover, color: bool = False) -> Rendered:
        return Rendered(_render(data))
