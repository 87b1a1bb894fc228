"""The next review is due within the due-soon window (default 14 days).

PLACEHOLDER (helper A fills in check(), examples and tests).
"""

from ..findings import Severity

ID = "review-due-soon"
SEVERITY = Severity.INFO
