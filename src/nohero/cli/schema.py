"""`nohero schema [TYPE]`: print the JSON Schema of the front matter."""

from __future__ import annotations

import json

import click

from ..config import DOC_TYPES
from ..schema import combined_schema, schema_for


@click.command("schema")
@click.argument("doc_type", metavar="[TYPE]", required=False, type=click.Choice(DOC_TYPES))
def command(doc_type: str | None) -> None:
    """Print the JSON Schema (Draft 2020-12) of document front matter.

    Without TYPE, one schema covers every type (the schema of the document's
    `type:` applies). With TYPE (runbook, escalation, architecture, note),
    only that type's schema. Unknown keys are allowed, so other tools'
    front matter stays valid.

    \b
    Editors: save it, then point a JSON Schema aware YAML tool at it.
      nohero schema > .nohero-schema.json
    VS Code (Red Hat YAML extension), in .vscode/settings.json:
      "yaml.schemas": {"./.nohero-schema.json": ["templates/*.yml"]}
    or as a modeline on the first line of a YAML file:
      # yaml-language-server: $schema=./.nohero-schema.json
    That extension validates YAML files, not front matter inside Markdown
    (redhat-developer/vscode-yaml#207); for .md files use a front-matter
    aware extension that reads JSON Schema (e.g. vscode-remark with
    remark-lint-frontmatter-schema), and `nohero check` in pre-commit/CI.
    """
    schema = combined_schema() if doc_type is None else schema_for(doc_type)
    click.echo(json.dumps(schema, indent=2, ensure_ascii=False))
