"""Runbooks and escalation documents need a backup_owner.

PLACEHOLDER (helper A fills in check(), examples and tests).
"""

from ..findings import Severity

ID = "backup-missing"
SEVERITY = Severity.ERROR
