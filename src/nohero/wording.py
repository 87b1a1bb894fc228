"""Small words said the same way everywhere: '1 day', '2 days', 'an
escalation', 'Alice Example (@alice-gh)'. Every message, reporter and page
that counts or names something uses these."""

from __future__ import annotations

_PLURALS = {"info": "info", "person": "people", "available person": "available people"}


def plural(count: int, noun: str) -> str:
    """'1 day', '3 days', '0 documents', '2 people'."""
    if count == 1 or count == -1:
        return f"{count} {noun}"
    return f"{count} {_PLURALS.get(noun, noun + 's')}"


def article(noun: str) -> str:
    """'a runbook', 'an escalation', 'an architecture', 'a note'."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def with_handle(name: str, handle: str | None) -> str:
    """'Alice Example (@alice-gh)', or the name alone without a handle."""
    return f"{name} (@{handle.lstrip('@')})" if handle else name
