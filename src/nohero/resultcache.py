"""A whole command's output remembered under a digest of every input it read.

A second `nohero report` at the same HEAD on an unchanged working tree must
cost little more than reading the cache and hashing HEAD (#11). Rebuilding
the answer from the history and document caches still resolves identities,
runs every rule and formats 8,000 documents; so the finished output is kept,
keyed by `fingerprint()`, the ONE function that names every input:

- the code: nohero's version, its files (size and mtime) and Python's version;
- the question: command, options, today;
- the configuration as loaded (mkdocs.yml with its INHERIT chain and !ENV
  values, so anything in them that changes the answer changes the key);
- git: HEAD, shallow or not, the mailmap settings, every GIT_* and NOHERO_*
  environment variable;
- the files of the working tree the answer reads: everything under docs_dir,
  the snippet folders and the alert rule folders, the roster, `.mailmap`,
  `.git-blame-ignore-revs` and a `mailmap.file`, each by path, type, size,
  inode, mtime and ctime (the way git's index notices edits, without reading
  8,000 files).

Stat data can miss an edit made within one timestamp tick of the moment it
was taken; so, like git's "racily clean" rule, an answer is only stored when
every file it read is at least RACY_SECONDS older than the run, and the
fingerprint taken after the run equals the one taken before it.

Where: one file per answer in the git dir (`.git/nohero/results/`), which a
pull request cannot write, each signed with the clone's key like the history
cache; a file that fails the signature is a miss. A file is one header line
(format, version, signature) and the output's own bytes: an answer can be
the 15 MB JSON of 8,000 documents, which encoding as a JSON string (and
decoding again) cost a cold `report` a tenth of a second for nothing. At most KEEP answers are
kept. `cache_dir: false`, NOHERO_NO_DOCUMENT_CACHE=1, no git, no commit: no cache.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from operator import attrgetter
from pathlib import Path

from . import __version__
from .config import Config
from .digests import signature, signed_body, signed_file

FORMAT = "nohero-result"
VERSION = 2  # 2: header line + the output's bytes, keyed BLAKE2b; 1: JSON, HMAC-SHA256
FOLDER = "results"
SUFFIX = ".result"
KEEP = 4  # answers kept (one can be megabytes: the JSON of 8,000 documents)
RACY_SECONDS = 2.0
# The inputs fingerprint() names, in order: tests change each one and expect a miss.
INPUTS = ("code", "question", "config", "git", "environment", "files")
_PACKAGE = Path(__file__).resolve().parent


@dataclass
class Fingerprint:
    """The digest of every input of one command run, and what it was made from."""

    digest: str
    parts: dict[str, str]  # input name -> its own digest (tests, debugging)
    newest_ns: int  # the newest mtime/ctime among the files looked at
    taken_ns: int  # when the fingerprint was taken
    git_dir: Path
    args: tuple[Config, str, tuple[tuple[str, object], ...]] = field(repr=False)
    head: str = ""  # the commit HEAD named when the fingerprint was taken

    def answers_for(self, head: str | None) -> bool:
        """True when an answer computed from commit `head` (None: no git
        history read) may be kept under this fingerprint. A cold run starts
        mining before the fingerprint is taken: a commit made in between
        must not file the older commit's answer under the newer one's key."""
        return head is None or head == self.head

    def racy(self) -> bool:
        """A file changed so recently that an edit in the same tick would not show."""
        return self.newest_ns >= self.taken_ns - int(RACY_SECONDS * 1e9)


def fingerprint(
    config: Config, command: str, options: Iterable[tuple[str, object]]
) -> Fingerprint | None:
    """Every input of `nohero COMMAND OPTIONS` (today among the options) in
    one digest; None when there is no cache to use (cache off, no git, no HEAD)."""
    from .doccache import cache_enabled  # late: a warm site build never parses a document

    if config.cache_dir is None or not cache_enabled():
        return None
    options = tuple(options)
    question = sorted((str(k), repr(v)) for k, v in options)
    taken = time.time_ns()
    state = _git_state(config.repo_root)
    if state is None:
        return None
    git_dir, git_text = state
    files = _Files(config.repo_root)
    files.tree(config.docs_dir)
    for folder in config.snippet_dirs:
        files.tree(folder)
    for folder in _alert_folders(config):
        files.tree(folder)
    files.one(config.roster_path)
    files.one(config.repo_root / ".mailmap")
    files.one(config.repo_root / ".git-blame-ignore-revs")
    for line in git_text.splitlines():
        if line.startswith("mailmap.file "):
            files.one(config.repo_root / os.path.expanduser(line.split(" ", 1)[1]))
    environment = sorted((k, v) for k, v in os.environ.items() if k.startswith(("GIT_", "NOHERO_")))
    parts = {
        "code": _digest(__version__, sys.version, _code_stamp()),
        "question": _digest(command, question),
        "config": _digest(repr(config)),
        "git": _digest(git_text),
        "environment": _digest(environment),
        "files": files.hexdigest(),
    }
    assert tuple(parts) == INPUTS
    return Fingerprint(
        digest=_digest(parts),
        parts=parts,
        newest_ns=files.newest,
        taken_ns=taken,
        git_dir=git_dir,
        args=(config, command, options),
        head=_head_of(git_text),
    )


def _head_of(git_text: str) -> str:
    """HEAD's commit id in `_git_state`'s text (shallowness, then HEAD)."""
    lines = git_text.splitlines()
    return lines[1] if len(lines) > 1 else ""


def nothing_kept(config: Config) -> bool:
    """No answer is kept for this clone at all (a fresh clone, a cleared
    cache): a cold run that can only miss, so it may start mining git history
    before the fingerprint is taken. Cheap on purpose (no git call): a
    `.git` that is not a folder (a linked worktree) answers False."""
    if config.cache_dir is None:
        return False
    try:
        with os.scandir(config.repo_root / ".git" / "nohero" / FOLDER) as found:
            return not any(entry.name.endswith(SUFFIX) for entry in found)
    except FileNotFoundError:
        return (config.repo_root / ".git").is_dir()
    except OSError:
        return False


def recall(fp: Fingerprint) -> str | None:
    """The output stored for this fingerprint, or None (a miss)."""
    key = _key(fp.git_dir)
    if key is None:
        return None
    try:
        with open(_path(fp), "rb") as handle:
            raw = handle.read()
    except OSError:
        return None
    body = signed_body(raw, _tag(), lambda body: _sign(key, fp.digest, body))
    if body is None:
        return None
    return bytes(body).decode("utf-8", "surrogatepass")


def remember(fp: Fingerprint, output: str) -> bool:
    """Store `output` when nothing it was computed from changed during the run
    nor was changed too recently to tell by stat; never raises."""
    config, command, options = fp.args
    after = fingerprint(config, command, options)
    if after is None or after.digest != fp.digest or fp.racy() or after.racy():
        return False
    key = _key(fp.git_dir)
    if key is None:
        return False
    from .atomic import write_atomic  # only when writing

    try:
        body = output.encode("utf-8", "surrogatepass")
        # Not fsync'ed: a crash can leave the file empty or torn, which fails
        # its signature and is a miss, while flushing 15 MB to disk held a
        # cold report's exit back by a tenth of a second or more.
        write_atomic(_path(fp), signed_file(_tag(), _sign(key, fp.digest, body), body), fsync=False)
    except (OSError, ValueError):
        return False
    _prune(_path(fp).parent)
    return True


# --- the inputs ----------------------------------------------------------------


class _Files:
    """Stat data of files and folders, one line each, hashed at the end
    (`hexdigest`): the same digest as hashing each line as it is found,
    without a method call, an encode and a hash update per file."""

    def __init__(self, root: Path) -> None:
        self.lines: list[str] = []
        self.newest = 0
        self.root = os.path.realpath(root) + os.sep
        self.walked: set[str] = set()  # real folders, each walked once

    def hexdigest(self) -> str:
        text = "".join(self.lines)
        return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()

    def _add(self, path: str, info: os.stat_result | None) -> None:
        if info is None:
            self.lines.append(f"{path}\0-\n")
            return
        self.newest = max(self.newest, info.st_mtime_ns, info.st_ctime_ns)
        self.lines.append(
            f"{path}\0{info.st_mode}\0{info.st_size}\0{info.st_ino}\0"
            f"{info.st_mtime_ns}\0{info.st_ctime_ns}\n"
        )

    def one(self, path: Path | str) -> None:
        path = str(path)
        self._add(path, _lstat(path))
        if os.path.islink(path):  # the link and what it points to
            self._add(path + "\0->", _stat(path))

    def tree(self, top: Path | str) -> None:
        """Every entry under `top` (not .git), symlinks with their targets;
        a symlinked folder inside the repository is walked too, once, as
        discovery reads the documents in it (docwalk). Plain files, the
        thousands of documents, are written out here as `_add` would."""
        self.one(top)
        real = os.path.realpath(top)
        if real in self.walked:
            return
        self.walked.add(real)
        try:
            entries = sorted(os.scandir(top), key=attrgetter("name"))
        except OSError:
            return
        lines, newest = self.lines, self.newest
        for entry in entries:
            if entry.name == ".git":
                continue
            if entry.is_dir(follow_symlinks=False):
                self.newest = newest
                self.tree(entry.path)
                newest = self.newest
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                lines.append(f"{entry.path}\0-\n")
                continue
            mode, mtime, ctime = info.st_mode, info.st_mtime_ns, info.st_ctime_ns
            newest = max(newest, mtime, ctime)
            lines.append(f"{entry.path}\0{mode}\0{info.st_size}\0{info.st_ino}\0{mtime}\0{ctime}\n")
            if stat.S_ISLNK(mode):
                self.newest = newest
                target = _stat(entry.path)
                self._add(entry.path + "\0->", target)
                newest = self.newest
                if target is not None and stat.S_ISDIR(target.st_mode):
                    if os.path.realpath(entry.path).startswith(self.root):
                        self.tree(entry.path)
                        newest = self.newest
        self.newest = newest


def _lstat(path: str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _git_state(repo_root: Path) -> tuple[Path, str] | None:
    """(common git dir, text naming HEAD, shallowness and mailmap settings);
    None without git or commits."""
    from .history.rungit import run_git

    root = str(repo_root)
    head = run_git(
        root, "rev-parse", "--git-common-dir", "--is-shallow-repository", "HEAD^{commit}"
    )
    if head is None or head.returncode != 0 or len(head.stdout.splitlines()) != 3:
        return None
    settings = run_git(root, "config", "--get-regexp", r"^mailmap\.")
    if settings is None:
        return None
    common, rest = head.stdout.split("\n", 1)
    return Path(repo_root, common), rest + settings.stdout


def _alert_folders(config: Config) -> list[Path]:
    if config.alerts is None:
        return []
    from .globs import literal_prefix

    starts = {literal_prefix(g).rstrip("/") for g in config.alerts.rules}
    return [config.root / start if start else config.root for start in sorted(starts)]


@cache
def _code_stamp() -> tuple[tuple[str, int, int], ...]:
    """nohero's own files: an edited or upgraded nohero is another question.
    Taken once per process: the answer is the code that was loaded's, so the
    fingerprint after the run need not walk the package again."""
    stamps: list[tuple[str, int, int]] = []
    for folder, dirnames, filenames in os.walk(_PACKAGE):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            full = os.path.join(folder, name)
            info = _lstat(full)
            if info is not None:
                stamps.append((full, info.st_size, info.st_mtime_ns))
    return tuple(stamps)


def _digest(*values: object) -> str:
    return hashlib.sha256(repr(values).encode("utf-8", "surrogateescape")).hexdigest()


# --- the store -------------------------------------------------------------------


def _path(fp: Fingerprint) -> Path:
    return fp.git_dir / "nohero" / FOLDER / f"{fp.digest}{SUFFIX}"


def _key(git_dir: Path) -> bytes | None:
    from .history.cache import secret

    return secret(git_dir)


def _tag() -> bytes:
    return f"{FORMAT} {VERSION}".encode()


def _sign(key: bytes, digest: str, body: bytes | memoryview) -> str:
    return signature(key, digest.encode(), b"\0", body)


def _prune(folder: Path) -> None:
    """Keep the KEEP newest answers."""
    try:
        for old in folder.glob("*.json"):  # answers of VERSION 1: never read again
            old.unlink()
        files = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in files[KEEP:]:
            old.unlink()
    except OSError:
        pass
