"""The backup_owner must be a person or team in the roster.

PLACEHOLDER (helper A fills in check(), examples and tests).
"""

from ..findings import Severity

ID = "backup-unknown"
SEVERITY = Severity.ERROR
