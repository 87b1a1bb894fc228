"""An entry in the roster (people.yml) is malformed.

The roster is read once; each bad entry is reported at its line in people.yml
and skipped, while the rest of the roster still works. (A roster that is not
YAML at all, or is missing, stops the run with exit 2 instead.) The checker
emits these findings from `Roster.problems`; this module documents them.

Passes:

    people:
      alice:
        name: Alice Example
        emails: [alice@example.com]
    teams:
      payments:
        members: [alice]

Fails (a bad `left` date, a team member nobody knows, an empty team):

    people:
      dave:
        left: someday
    teams:
      payments:
        members: [alicia]
      sre:
        members: []
"""

from ..findings import Severity

ID = "roster-invalid"
SEVERITY = Severity.ERROR
