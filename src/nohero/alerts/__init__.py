"""Prometheus alerts and the runbooks they lead to.

`alerts_of(kb)` is the one call: it reads the rule files named by
`plugins.nohero.alerts.rules` and joins each alert to a document, into plain
data (`AlertIndex`) that the alert rules, the report, `whatif` and the site
read. Nothing here formats output.
"""

from __future__ import annotations

from .index import AlertIndex, AlertLink, alerts_of, listed_alerts, mine_alerts
from .links import doc_key, url_target
from .overview import (
    AlertOwners,
    AlertRisk,
    OwnerAlerts,
    alert_owners,
    alert_summary,
    alerts_at_risk,
    unreached_runbooks,
)
from .rulefiles import Alert, Problem, parse_rule_text, read_rule_files
from .settings import AlertSettings, parse_alert_settings

__all__ = [
    "Alert",
    "AlertIndex",
    "AlertLink",
    "AlertOwners",
    "AlertRisk",
    "AlertSettings",
    "OwnerAlerts",
    "Problem",
    "alert_owners",
    "alert_summary",
    "alerts_at_risk",
    "alerts_of",
    "doc_key",
    "listed_alerts",
    "mine_alerts",
    "parse_alert_settings",
    "parse_rule_text",
    "read_rule_files",
    "unreached_runbooks",
    "url_target",
]
