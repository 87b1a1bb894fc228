"""Only one person has ever written this document.

PLACEHOLDER (helper C fills in check(), examples and tests).
"""

from ..findings import Severity

ID = "single-author"
SEVERITY = Severity.WARNING
