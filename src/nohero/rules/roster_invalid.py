"""An entry in the roster (people.yml) is malformed.

PLACEHOLDER (helper A fills in check(), examples and tests).
"""

from ..findings import Severity

ID = "roster-invalid"
SEVERITY = Severity.ERROR
