"""The backup owner must not have left.

PLACEHOLDER (helper A fills in check(), examples and tests).
"""

from ..findings import Severity

ID = "backup-departed"
SEVERITY = Severity.ERROR
