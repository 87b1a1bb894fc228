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
        contacts:
          - {kind: phone, value: "+44 20 7946 0000", label: mobile}
          - {kind: slack, value: "#payments-oncall"}
    teams:
      payments:
        members: [alice]

Fails (a bad `left` date, a phone contact that is not a number, an id given
twice -- YAML would silently keep only the last -- a team member nobody
knows, an empty team):

    people:
      dave:
        left: someday
        contacts:
          - {kind: phone, value: "<b>call me</b>"}
      dave:
        name: Dave Again
    teams:
      payments:
        members: [alicia]
      sre:
        members: []
"""

from ..findings import Severity

ID = "roster-invalid"
SEVERITY = Severity.ERROR
