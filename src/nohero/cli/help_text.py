"""What `nohero --help` prints: click's own output, written here so that the
console script can print it without importing click (see cli/quick.py).
Generated: after changing a command's summary or a top-level option, run
`NOHERO_HELP_UPDATE=1 python3 -m pytest -q tests/test_cli_startup.py`."""

HELP = """\
Usage: nohero [OPTIONS] COMMAND [ARGS]...

  Keep runbooks, escalation paths and architecture notes owned, reviewed and
  trustworthy.

Options:
  --version   Show the version and exit.
  -h, --help  Show this message and exit.

Commands:
  adopt       Bring an existing knowledge base under nohero: a reviewable plan,
              --write applies it.
  build       Check the documents, then build the MkDocs site.
  check       Validate documents' front matter against the schema, the roster
              and the rules.
  codeowners  Write each document's owner and backup into CODEOWNERS.
  due         List documents overdue or due soon, grouped by owner, with their
              backups.
  handover    Hand over someone's documents: new owners and backups, and a
              cross-training plan.
  init        Scaffold a knowledge base in DIRECTORY (default: here).
  new         Create a TYPE document titled NAME in the folder the config gives
              that type.
  report      Freshness, authorship and knowledge risk from git history.
  review      Set last_reviewed to today (and reviewed_by), changing no other
              byte.
  schema      Print the JSON Schema (Draft 2020-12) of document front matter.
  serve       Check the documents, then serve the site, rebuilding on changes.
  show        Print PATH exactly as it stood at TIMESTAMP, with who owned it
              then.
  whatif      What would be left with no available owner, backup or knowledge
              holder.
"""
