"""How to reach a person or team: the roster's `contacts:` list.

A contact is `{kind, value, label?}`. Each kind has its own shape (a phone
number is digits, a URL is http(s), a Slack channel starts with `#`), checked
here once, so every output can trust that a value is data and that its link
(`tel:`, `mailto:`, `https:`) says what the text says. Anything else is a
`roster-invalid` problem at its line, and the rest of the roster still works.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from . import lazyre
from .lazyclass import record

KINDS = ("slack", "email", "phone", "pager", "url", "matrix", "teams")
MAX_VALUE = 200
MAX_LABEL = 60

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_PHONE = lazyre.compile(r"^\+?[0-9][0-9 ().-]{2,30}$")
_SLACK = lazyre.compile(r"^[#@][a-z0-9._-]{1,80}$", re.IGNORECASE)
_MATRIX = lazyre.compile(r"^[@#!][A-Za-z0-9._=/+-]{1,120}:[A-Za-z0-9.-]+(:[0-9]{1,5})?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@record(frozen=True)
class Contact:
    kind: str
    value: str
    label: str = ""
    href: str | None = None  # a tel:, mailto: or https: link; None for plain text

    @property
    def text(self) -> str:
        """What a reader sees: the label when there is one, else the value."""
        return self.label or self.value


def parse_contacts(
    raw: object, workspace: str | None = None
) -> tuple[list[Contact], list[tuple[int | None, str]]]:
    """Contacts from a roster entry's `contacts:` value, plus problems as
    (index in the list or None for the whole value, message). `workspace`:
    the roster's `slack_workspace`, which makes `#channel` contacts links."""
    if raw is None:
        return [], []
    if not isinstance(raw, list):
        return [], [(None, "contacts must be a list of {kind, value, label}")]
    contacts: list[Contact] = []
    problems: list[tuple[int | None, str]] = []
    for index, entry in enumerate(raw):
        contact = None
        message = _shape_problem(entry)
        if message is None:
            assert isinstance(entry, dict)
            contact, message = make_contact(
                str(entry["kind"]), str(entry["value"]), str(entry.get("label") or ""), workspace
            )
        if contact is None:
            problems.append((index, f"contact {index + 1}: {message}"))
        else:
            contacts.append(contact)
    return contacts, problems


def _shape_problem(entry: object) -> str | None:
    if not isinstance(entry, dict):
        return "must be a mapping like {kind: phone, value: '+44 20 7946 0000'}"
    unknown = sorted(str(k) for k in entry if k not in ("kind", "value", "label"))
    if unknown:
        return f"unknown key '{unknown[0]}': use kind, value and label"
    kind, value, label = entry.get("kind"), entry.get("value"), entry.get("label")
    if kind not in KINDS:
        return f"kind must be one of {', '.join(KINDS)}"
    if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
        return f"a {kind} contact needs a value"
    if label is not None and not isinstance(label, str):
        return "label must be text"
    return None


def make_contact(
    kind: str, value: str, label: str = "", workspace: str | None = None
) -> tuple[Contact | None, str]:
    """A validated contact, or None and why not."""
    value, label = value.strip(), label.strip()
    if len(value) > MAX_VALUE or _CONTROL.search(value):
        return None, f"{kind} value is too long or holds control characters"
    if len(label) > MAX_LABEL or _CONTROL.search(label):
        return None, f"label is longer than {MAX_LABEL} characters or holds control characters"
    if kind == "slack" and workspace and value.startswith("#") and _SLACK.match(value):
        # Slack opens a channel by name through app_redirect; a @handle has no
        # by-name address (give its profile URL as the value for a link).
        channel = quote(value[1:], safe="")
        return Contact(kind, value, label, f"{workspace}/app_redirect?channel={channel}"), ""
    check = _CHECKS[kind]
    href = check(value)  # None: not this kind; "": valid, shown as text
    if href is None:
        return None, f"'{value[:40]}' is not {_EXPECTED[kind]}"
    return Contact(kind, value, label, href or None), ""


def _email(value: str) -> str | None:
    return "mailto:" + quote(value, safe="@.+-_") if _EMAIL.match(value) else None


def _phone(value: str) -> str | None:
    if not _PHONE.match(value) or sum(c.isdigit() for c in value) < 3:
        return None
    return "tel:" + ("+" if value.startswith("+") else "") + re.sub(r"\D", "", value)


def _url(value: str) -> str | None:
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if (
        parts.scheme not in ("https", "http")
        or not parts.hostname
        or re.search(r"[\s<>\"'`]", value)
    ):
        return None
    return value


def _pager(value: str) -> str | None:
    phone = _phone(value)
    return phone if phone is not None else _url(value)


_WORKSPACE = lazyre.compile(r"^https://[a-z0-9][a-z0-9-]{0,62}(\.enterprise)?\.slack\.com/?$")


def slack_workspace(value: object) -> str | None:
    """The roster's `slack_workspace` (https://NAME.slack.com), normalised
    without a trailing slash; None when it is not a Slack workspace address."""
    if not isinstance(value, str) or not _WORKSPACE.match(value.strip().lower()):
        return None
    return value.strip().lower().rstrip("/")


def _slack(value: str) -> str | None:
    if _SLACK.match(value):
        return ""  # a channel or handle: text, the workspace is not known
    return _url(value)


def _matrix(value: str) -> str | None:
    if _MATRIX.match(value):
        return "https://matrix.to/#/" + quote(value, safe="@#!:.")
    return None


def _teams(value: str) -> str | None:
    if _EMAIL.match(value):
        return "https://teams.microsoft.com/l/chat/0/0?users=" + quote(value, safe="@.")
    return _url(value)


_CHECKS = {
    "email": _email,
    "phone": _phone,
    "pager": _pager,
    "url": _url,
    "slack": _slack,
    "matrix": _matrix,
    "teams": _teams,
}
_EXPECTED = {
    "email": "an e-mail address",
    "phone": "a phone number (digits, spaces, + ( ) - .)",
    "pager": "a phone number or an http(s) URL",
    "url": "an http(s) URL",
    "slack": "a #channel, an @handle or an http(s) URL",
    "matrix": "a Matrix id like @alice:example.org or #room:example.org",
    "teams": "an e-mail address or an http(s) URL",
}


def with_emails(contacts: tuple[Contact, ...], emails: tuple[str, ...]) -> tuple[Contact, ...]:
    """A person's contacts, then each roster e-mail not already listed
    (the roster's `emails` are contacts too; noreply addresses are not)."""
    listed = {c.value.lower() for c in contacts if c.kind == "email"}
    extra = []
    for email in emails:
        if email.lower() in listed or "noreply" in email.lower():
            continue
        contact, _ = make_contact("email", email)
        if contact is not None:
            listed.add(email.lower())
            extra.append(contact)
    return contacts + tuple(extra)
