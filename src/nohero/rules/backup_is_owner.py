"""The backup must be someone other than the owner (or not only the owner's team).

PLACEHOLDER (helper A fills in check(), examples and tests).
"""

from ..findings import Severity

ID = "backup-is-owner"
SEVERITY = Severity.ERROR
