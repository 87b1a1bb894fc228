"""Identity resolution on hand-made identity sets, and the log parser on
real `git log` output."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from gitrepo import Repo
from nohero.config import DEFAULT_BOTS
from nohero.history.blobs import BlobReader, fingerprint
from nohero.history.gitlog import log_process, parse_log, split_identity
from nohero.history.identity import is_bot, resolve_identities
from nohero.roster import Roster, load_roster

ROSTER = """\
people:
  alice:
    name: Alice Example
    emails: [alice@example.com, alice@home.example]
    github: Alice-GH
  bob:
    name: Bob Example
    emails: [bob@example.com]
"""


def roster(tmp_path: Path, text: str = ROSTER) -> Roster:
    path = tmp_path / "people.yml"
    path.write_text(text, encoding="utf-8")
    return load_roster(path)


def resolve(tmp_path: Path, *identities: tuple[str, str]) -> dict[tuple[str, str], str | None]:
    return resolve_identities(Counter(identities), roster(tmp_path), DEFAULT_BOTS)


def test_roster_emails_case_insensitive_and_both_addresses(tmp_path: Path) -> None:
    shown = resolve(tmp_path, ("A", "ALICE@example.com"), ("Al", "alice@home.example"))
    assert set(shown.values()) == {"alice"}


def test_noreply_address_matches_github_login_case_insensitively(tmp_path: Path) -> None:
    shown = resolve(
        tmp_path,
        ("alice", "98765+alice-gh@users.noreply.github.com"),
        ("x", "alice-gh@users.noreply.github.com"),
    )
    assert set(shown.values()) == {"alice"}


def test_unknown_people_shown_by_most_used_lowercased_email(tmp_path: Path) -> None:
    counts = Counter(
        {("Zed", "Zed@Work.example"): 5, ("Zed", "zed@home.example"): 2, ("Yan", "yan@x.org"): 1}
    )
    shown = resolve_identities(counts, roster(tmp_path), DEFAULT_BOTS)
    assert (
        shown[("Zed", "Zed@Work.example")]
        == shown[("Zed", "zed@home.example")]
        == "zed@work.example"
    )
    assert shown[("Yan", "yan@x.org")] == "yan@x.org"


def test_identical_name_joins_a_roster_person(tmp_path: Path) -> None:
    shown = resolve(
        tmp_path, ("Bob Example", "bob@laptop.local"), ("bob example", "BOB@other.example")
    )
    assert set(shown.values()) == {"bob"}


def test_name_link_never_merges_two_roster_people(tmp_path: Path) -> None:
    # "Pat" used both alice's and bob's address: the roster keeps them apart.
    shown = resolve(tmp_path, ("Pat", "alice@example.com"), ("Pat", "bob@example.com"))
    assert shown[("Pat", "alice@example.com")] == "alice"
    assert shown[("Pat", "bob@example.com")] == "bob"


def test_bots_by_name_or_email(tmp_path: Path) -> None:
    shown = resolve(
        tmp_path,
        ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"),
        ("Renovate Bot", "bot@renovateapp.com"),
        ("github-actions", "41898282+github-actions@users.noreply.github.com"),
        ("Alice Example", "alice@example.com"),
    )
    assert [v for v in shown.values() if v is not None] == ["alice"]
    assert is_bot("CI", "ci@example.com", ["ci@"]) and not is_bot("Cinderella", "c@x", ["ci@"])


def test_split_identity() -> None:
    assert split_identity("Bob Example <Bob@Example.com>") == ("Bob Example", "Bob@Example.com")
    assert split_identity("  just a name ") == ("just a name", "")
    assert split_identity("   ") is None


def test_fingerprint_separates_front_matter_from_body() -> None:
    a = fingerprint(b"---\ntitle: x\nlast_reviewed: 2026-01-02\n---\n# Body\n")
    b = fingerprint(
        b"\xef\xbb\xbf---\r\ntitle: y\r\nlast_reviewed: '2026-03-04'\r\n---\r\n# Body\r\n"
    )
    c = fingerprint(b"---\ntitle: x\n---\n# Other body\n")
    assert a.body == b.body != c.body
    assert (a.last_reviewed, b.last_reviewed, c.last_reviewed) == ("2026-01-02", "2026-03-04", None)
    nested = fingerprint(b"---\nreview:\n  last_reviewed: 2026-01-01\n---\nx\n")
    assert nested.last_reviewed is None  # only the top-level key counts
    unclosed = fingerprint(b"---\nlast_reviewed: 2026-01-01\nno closing fence\n")
    assert unclosed.last_reviewed is None


def test_the_miner_reads_front_matter_like_the_document_model() -> None:
    """One parser: what `nohero.document` reads, the miner reads (its old
    regex missed all three of these)."""
    flow = fingerprint(b"---\n{title: x, last_reviewed: 2026-01-02}\n---\n# Body\n")
    cr_only = fingerprint(b"---\rtitle: x\rlast_reviewed: 2026-01-03\r---\r# Body\r")
    anchor = fingerprint(b"---\nbase: &day 2026-01-04\nlast_reviewed: *day\n---\n# Body\n")
    spaced = fingerprint(b"---\nlast_reviewed : 2026-01-05\n---\n# Body\n")
    mapped = fingerprint(b"---\nlast_reviewed_on: 2026-01-06\n---\n# B\n", "last_reviewed_on")
    assert [f.last_reviewed for f in (flow, cr_only, anchor, spaced, mapped)] == [
        "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05", "2026-01-06",
    ]  # fmt: skip
    assert flow.body == cr_only.body == anchor.body == spaced.body


def test_parse_log_reads_real_output_in_tiny_chunks(repo: Repo) -> None:
    repo.commit(
        files={"a.md": "x\n", "odd name\twith tab.txt": "t\n"}, date="2026-01-01T10:00:00+01:00"
    )
    repo.git("mv", "a.md", "b.md")
    repo.commit(
        "mv\n\nCo-authored-by: Bob <bob@example.com>",
        files={"c.py": "1\n"},
        delete=["odd name\twith tab.txt"],
    )
    repo.commit("empty")
    proc = log_process(str(repo.path), "HEAD")
    data = proc.stdout.read()
    proc.wait()
    proc.end()
    commits = list(parse_log(io.BytesIO(data), chunk_size=7))
    assert commits == list(parse_log(io.BytesIO(data)))
    assert [len(changes) for _c, changes in commits] == [2, 3, 0]
    first, second = commits[0], commits[1]
    assert first[0].author_date == "2026-01-01T10:00:00+01:00"
    assert {c.path for c in first[1]} == {"a.md", "odd name\twith tab.txt"}
    statuses = {c.status: c for c in second[1]}
    assert statuses["R"].old_path == "a.md" and statuses["R"].path == "b.md"
    assert statuses["R"].old_blob == statuses["R"].new_blob is not None
    assert statuses["D"].new_blob is None and statuses["A"].old_blob is None
    assert second[0].coauthors == ("Bob <bob@example.com>",)


def test_blob_reader_handles_many_and_missing_blobs(repo: Repo) -> None:
    shas = []
    for n in range(300):
        repo.write(
            f"d{n}.md",
            f"---\nlast_reviewed: 2026-01-{n % 28 + 1:02d}\n---\nbody {n}\n" + "x" * 5000,
        )
    repo.commit()
    for line in repo.git("ls-tree", "HEAD").splitlines():
        shas.append(line.split()[2])
    reader = BlobReader(str(repo.path))
    reader.request_all(shas + ["f" * 40])
    results = reader.close()
    assert len(results) == 301 and results["f" * 40] is None
    assert len({info.body for sha, info in results.items() if info is not None}) == 300
