"""`report --format json` carries each person's and team's contacts, so a
paging bot or a chat tool reads how to reach people from the same answer as
the site (contract: `people` has at least id, owns, backs_up, sole_author_of)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from gitrepo import DEFAULT_PEOPLE, Repo, runbook
from nohero.cli import main

PEOPLE = DEFAULT_PEOPLE.replace(
    "    emails: [alice@example.com]\n",
    "    emails: [alice@example.com]\n"
    "    contacts:\n"
    '      - {kind: phone, value: "+44 20 7946 0018", label: mobile}\n'
    '      - {kind: slack, value: "@alice"}\n'
    '      - {kind: url, value: "javascript:alert(1)"}\n',
).replace(
    "    github: corp/payments\n",
    "    github: corp/payments\n"
    "    contacts:\n"
    '      - {kind: pager, value: "https://corp.pagerduty.com/schedules/P1"}\n',
)


def test_people_in_the_json_report_carry_their_contacts(folder: Repo) -> None:
    folder.knowledge_base(docs={"db.md": runbook()}, people=PEOPLE)
    result = CliRunner().invoke(
        main,
        [
            "report",
            "-f",
            str(folder.path / "mkdocs.yml"),
            "--today",
            "2026-11-01",
            "--format",
            "json",
        ],
    )
    assert result.exit_code in (0, 1), result.output
    people = {p["id"]: p for p in json.loads(result.output)["people"]}
    assert people["alice"]["contacts"] == [
        {
            "kind": "phone",
            "value": "+44 20 7946 0018",
            "label": "mobile",
            "href": "tel:+442079460018",
        },
        {"kind": "slack", "value": "@alice", "label": None, "href": None},
        {
            "kind": "email",
            "value": "alice@example.com",
            "label": None,
            "href": "mailto:alice@example.com",
        },
    ]  # the javascript: URL is a roster finding, never a contact
    assert people["payments"]["contacts"] == [
        {
            "kind": "pager",
            "value": "https://corp.pagerduty.com/schedules/P1",
            "label": None,
            "href": "https://corp.pagerduty.com/schedules/P1",
        },
    ]
    assert people["carol"]["contacts"][0]["href"] == "mailto:carol@example.com"
