"""`nohero adopt` as text: the plan a person reviews before `--write`."""

from __future__ import annotations

from ...adopt.plan import Plan
from ...escape import terminal
from ..base import Rendered, Reporter


def _render(plan: Plan) -> str:
    head = "written" if plan.written else "dry run: nothing written; run with --write to apply"
    lines = [f"nohero adopt: {terminal(plan.docs_dir)}/ ({head})", ""]
    if plan.fields:
        mapped = ", ".join(f"{k} <- {terminal(v)}" for k, v in plan.fields.items())
        lines += [f"Fields read from your own keys: {mapped}", ""]
    if plan.files:
        lines.append("Files")
        width = max(len(f.path) for f in plan.files)
        lines += [
            f"  {f.action:<7} {terminal(f.path).ljust(width)}  {terminal(f.note)}"
            for f in plan.files
        ]
        lines.append("")
    if plan.roster is not None:
        lines.append("People (drafted from git history; check them)")
        for p in plan.roster.people:
            left = f"; proposed left: {p.left.isoformat()}" if p.left else ""
            lines.append(
                f"  {p.id}: {terminal(p.name)}, last commit {p.last_commit.isoformat()} "
                f"({p.commits} commit{'' if p.commits == 1 else 's'}){left}"
            )
            if len(p.identities) > 1:
                lines.append(f"      merged: {terminal('; '.join(p.identities))}")
        for team, members in sorted(plan.roster.teams.items()):
            lines.append(f"  team {terminal(team)}: {terminal(', '.join(members))}")
        if plan.roster.bots:
            lines.append(f"  bots left out: {terminal('; '.join(plan.roster.bots))}")
        lines.append("")
    if plan.bulk:
        lines.append("Bulk commits (left out of authorship; proposed for .git-blame-ignore-revs)")
        lines += [
            f"  {b.sha[:12]}  {b.docs} documents  {b.date}  {terminal(b.author)}" for b in plan.bulk
        ]
        lines.append("")
    shown = [d for d in plan.docs if d.adds or d.skipped]
    if shown:
        lines.append("Documents")
    for doc in shown:
        if doc.skipped:
            lines.append(
                f"  {terminal(doc.path)}: skipped (added to exclude: until fixed): "
                f"{terminal(doc.skipped)}"
            )
            continue
        block = " (new front matter block)" if doc.new_block else ""
        lines.append(f"  {terminal(doc.path)}{block}")
        width = max(len(f"{p.key}: {p.value}") for p in doc.adds)
        lines += [
            f"    + {terminal(f'{p.key}: {p.value}').ljust(width)}  {terminal(p.why)}"
            for p in doc.adds
        ]
    if shown:
        lines.append("")
    lines.append(summary_line(plan))
    return "\n".join(lines) + "\n"


def summary_line(plan: Plan) -> str:
    s = plan.summary()
    parts = [
        f"{s['docs_changed']} of {s['docs']} documents get front matter "
        f"({s['new_blocks']} new blocks), {s['skipped']} skipped"
    ]
    if plan.roster is not None:
        parts.append(
            f"{s['people']} people drafted ({s['proposed_left']} proposed as left, "
            f"{s['bots']} bots left out)"
        )
    if s["bulk_commits"]:
        parts.append(f"{s['bulk_commits']} bulk commits left out of authorship")
    return "Summary: " + "; ".join(parts) + "."


class AdoptText(Reporter[Plan]):
    def render(self, data: Plan, color: bool = False) -> Rendered:
        return Rendered(_render(data))
