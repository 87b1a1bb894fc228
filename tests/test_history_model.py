"""History's covers lookup: the indexed search agrees with a plain scan."""

import datetime as dt

import pytest

from nohero.history.model import History, glob_match, literal_prefix


def at(day: int) -> dt.datetime:
    return dt.datetime(2026, 1, day, tzinfo=dt.UTC)


PATHS = {
    "services/payments/api.py": at(3),
    "services/payments/db/schema.sql": at(9),
    "services/payments-old/api.py": at(20),
    "services/search/index.py": at(5),
    "deploy/payments.yaml": at(12),
    "README.md": at(1),
}


@pytest.mark.parametrize(
    ("glob", "prefix"),
    [
        ("services/payments/**", "services/payments/"),
        ("services/pay*/api.py", "services/"),
        ("**/*.sql", ""),
        ("services/payments", "services/payments"),
        ("/deploy/*.yaml", "deploy/"),
    ],
)
def test_literal_prefix(glob: str, prefix: str) -> None:
    assert literal_prefix(glob) == prefix


@pytest.mark.parametrize(
    "globs",
    [
        ["services/payments/**"],
        ["services/payments"],
        ["services/pay*/api.py"],
        ["**/*.sql", "deploy/*.yaml"],
        ["services/"],
        ["nothing/**"],
    ],
)
@pytest.mark.parametrize("after", [None, dt.date(2026, 1, 4), dt.date(2026, 1, 15)])
def test_indexed_lookup_agrees_with_a_scan(globs: list[str], after: dt.date | None) -> None:
    history = History(available=True, last_change=dict(PATHS))
    scan = [
        (p, w)
        for p, w in PATHS.items()
        if any(glob_match(p, g) for g in globs) and (after is None or w.date() > after)
    ]
    expected = max(scan, key=lambda item: item[1]) if scan else None
    assert history.last_change_matching(globs, after=after) == expected
    assert history.last_change_matching(globs, after=after) == expected  # memoised, same answer


def test_a_folder_name_does_not_cover_its_lookalike() -> None:
    history = History(available=True, last_change=dict(PATHS))
    assert history.last_change_matching(["services/payments"]) == (
        "services/payments/db/schema.sql",
        at(9),
    )
