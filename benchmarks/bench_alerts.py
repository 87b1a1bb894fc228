"""What do alerts add to `nohero check`?

Target: 10,000 alerts against 5,000 runbooks add at most 20% to `nohero
check` (the same knowledge base with and without `plugins.nohero.alerts`).

    python benchmarks/bench_alerts.py                  # 5,000 runbooks, 10,000 alerts
    python benchmarks/bench_alerts.py --docs 2000 --alerts 4000 --runs 5

The rule files are kube-prometheus-style PrometheusRule manifests, 500
alerts each, with multi-line expressions and annotations; nine in ten
alerts link to a runbook, the rest have no runbook_url or a broken one.
Prints check without and with alerts (in-process: the pipeline and the text
reporter, as the CLI runs them; and as a subprocess), best of --runs, and
the ratio -- cold (the parse caches off, as on a fresh CI clone) and warm
(documents and rule files parsed on an earlier run: a developer's machine,
pre-commit, a CI that keeps .git/nohero).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_check import SERVICES, TODAY, best, generate  # noqa: E402

ALERTS = """
    - alert: {name}
      annotations:
        description: '{{{{ $labels.namespace }}}}/{{{{ $labels.pod }}}} of {service} is failing.'
        summary: {service} is failing ({i})
{url}      expr: |
        sum by (namespace, pod) (
          rate(http_requests_total{{job="{service}", code=~"5.."}}[5m])
        ) / sum by (namespace, pod) (rate(http_requests_total{{job="{service}"}}[5m])) > 0.02
      for: 15m
      labels:
        severity: {severity}
        team: platform
"""


def runbook_url(docs: int, i: int) -> str:
    doc = i % docs
    service = SERVICES[doc % len(SERVICES)]
    if i % 20 == 7:
        return ""  # no runbook_url
    if i % 20 == 13:
        return f"        runbook_url: https://runbooks.example.com/gone/{i}/\n"
    path = f"{service}/group{doc // 500:03d}/runbook-{doc:05d}"
    return f"        runbook_url: https://runbooks.example.com/{path}/\n"


def generate_rules(root: Path, docs: int, alerts: int, per_file: int = 500) -> None:
    folder = root / "monitoring" / "rules"
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, alerts, per_file):
        body = [
            "apiVersion: monitoring.coreos.com/v1",
            "kind: PrometheusRule",
            f"metadata:\n  name: rules-{start // per_file:03d}\n  namespace: monitoring",
            "spec:\n  groups:\n  - name: generated\n    rules:",
        ]
        for i in range(start, min(start + per_file, alerts)):
            service = SERVICES[i % len(SERVICES)]
            body.append(
                ALERTS.format(
                    name=f"Alert{i:05d}",
                    service=service,
                    i=i,
                    url=runbook_url(docs, i),
                    severity="critical" if i % 3 == 0 else "warning",
                ).rstrip("\n")
            )
        (folder / f"rules-{start // per_file:03d}.yaml").write_text(
            "\n".join(body) + "\n", encoding="utf-8"
        )


ALERTS_CONFIG = (
    "      alerts:\n        rules: [monitoring/**/*.yaml]\n"
    "        runbook_base_url: https://runbooks.example.com/\n"
)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=5_000, help="runbooks (default 5000)")
    parser.add_argument("--alerts", type=int, default=10_000, help="alerts (default 10000)")
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs (default 3)")
    args = parser.parse_args()

    from nohero.config import load_config
    from nohero.pipeline import analyse
    from nohero.reporters import reporters_for

    REPORTERS = reporters_for("check")

    root = Path(tempfile.mkdtemp(prefix="nohero-bench-alerts-"))
    try:
        generate(root, args.docs)
        generate_rules(root, args.docs, args.alerts)
        mkdocs = root / "mkdocs.yml"
        plain = mkdocs.read_text(encoding="utf-8")
        with_alerts = plain + ALERTS_CONFIG

        def check() -> tuple[int, int]:
            result = analyse(load_config(cwd=root), TODAY, history="off")
            REPORTERS["text"]().render(result.report, color=False)
            alerts = result.report.alerts
            return len(result.report.docs), len(alerts.links) if alerts else 0

        script = shutil.which("nohero") or "nohero"
        cmd = [script, "check", "--today", TODAY.isoformat(), "--no-history"]

        def check_subprocess() -> None:
            env = {**os.environ, "NO_COLOR": "1"}
            subprocess.run(cmd, cwd=root, capture_output=True, env=env, check=False)

        subprocess.run(["git", "init", "-q", str(root)], check=True)  # the caches live in .git
        cpus, python = os.cpu_count(), sys.version.split()[0]
        files = -(-args.alerts // 500)
        print(
            f"{args.docs} runbooks, {args.alerts} alerts in {files} rule files, "
            f"best of {args.runs}, {cpus} CPUs, Python {python}"
        )
        for temperature in ("cold", "warm"):
            if temperature == "cold":
                os.environ["NOHERO_NO_DOCUMENT_CACHE"] = "1"
            else:
                os.environ.pop("NOHERO_NO_DOCUMENT_CACHE", None)
            figures = {}
            for label, text in (("without alerts", plain), ("with alerts", with_alerts)):
                mkdocs.write_text(text, encoding="utf-8")
                check()  # warm: fills the caches; cold: same work every time
                seconds, (docs_seen, alerts_seen) = best(args.runs, check)  # type: ignore[misc]
                sub_seconds, _ = best(args.runs, check_subprocess)
                figures[label] = (seconds, sub_seconds, docs_seen, alerts_seen)
            base, sub_base, docs_seen, _ = figures["without alerts"]
            with_s, sub_with, _, alerts_seen = figures["with alerts"]
            assert docs_seen == args.docs and alerts_seen == args.alerts, (docs_seen, alerts_seen)
            ratio, sub_ratio = with_s / base, sub_with / sub_base
            print(f"  {temperature}:")
            print(f"    check without alerts, in-process : {base:7.3f} s")
            print(f"    check with alerts, in-process    : {with_s:7.3f} s   ratio {ratio:4.2f}x")
            print(f"    check without alerts, subprocess : {sub_base:7.3f} s")
            print(f"    check with alerts, subprocess    : {sub_with:7.3f} s", end="")
            print(f"   ratio {sub_ratio:4.2f}x")
            verdict = "within" if ratio <= 1.2 else "OVER"
            print(f"    target: alerts add at most 20% -> {verdict} (+{(ratio - 1) * 100:.0f}%)")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
