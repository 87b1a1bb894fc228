"""`covers:` patterns, matched exactly like lines of a `.gitignore`, in time
linear in the path for any pattern.

Why not `fnmatch`, a regex or a library: translating `**/` to a regex group
such as `(?:.*/)?` backtracks exponentially when a pattern repeats it (twelve
`**/` segments hang on a path that almost matches), and the translators we
looked at produce exactly such regexes. Here a pattern is a list of segments
run as a small NFA over the path's segments (a set of positions, never
backtracking): O(path segments x pattern segments) steps, each segment
matched by the same kind of NFA over its characters.

Semantics (git's `gitignore(5)`, where "ignored" reads "covered"):
- a pattern without a `/` except a trailing one matches a name at any depth
  (`*.sql` covers `db/migrations/001.sql`); with a `/` at the start or in the
  middle it is relative to the repository root (`/Makefile`, `src/api`);
- a trailing `/` matches folders only; a matched folder covers everything in it;
- `*` matches anything but `/`, `?` one character but `/`, `[a-z]`, `[!ab]`,
  `[^ab]` and `[[:digit:]]` one character of a class; `\\` escapes the next
  character;
- `**/` at the start matches in every folder, `/**` at the end everything
  inside, `/**/` zero or more folders; any other `**` is a `*`;
- `!pattern` uncovers what an earlier pattern covered; a path inside a
  covered folder cannot be uncovered (as in git);
- a pattern starting with `#` is a comment and an empty one matches nothing
  (`\\#` and `\\!` for literal first characters); trailing unescaped spaces are
  dropped.
Any character may appear in a path, newlines included.
"""

from __future__ import annotations

from functools import lru_cache

from .lazyclass import record

_DOUBLE = "**"  # a segment that crosses folders

_POSIX_CLASSES = {
    "alnum": str.isalnum,
    "alpha": str.isalpha,
    "blank": lambda c: c in " \t",
    "cntrl": lambda c: ord(c) < 32 or ord(c) == 127,
    "digit": lambda c: c in "0123456789",
    "graph": lambda c: c.isprintable() and not c.isspace(),
    "lower": str.islower,
    "print": str.isprintable,
    "punct": lambda c: c.isprintable() and not c.isalnum() and not c.isspace(),
    "space": str.isspace,
    "upper": str.isupper,
    "xdigit": lambda c: c in "0123456789abcdefABCDEF",
}


@record(frozen=True)
class _Class:
    """`[...]`: single characters, ranges and POSIX classes, maybe negated."""

    chars: frozenset[str]
    ranges: tuple[tuple[str, str], ...]
    named: tuple[str, ...]
    negated: bool

    def __contains__(self, ch: str) -> bool:
        found = (
            ch in self.chars
            or any(lo <= ch <= hi for lo, hi in self.ranges)
            or any(_POSIX_CLASSES[name](ch) for name in self.named)
        )
        return found != self.negated


# A segment is a tuple of tokens: a literal character (str of length 1, kept
# as ("lit", ch)), ("any",), ("star",) or ("class", _Class).
Token = tuple[object, ...]
Segment = tuple[Token, ...]


@record(frozen=True)
class Pattern:
    """One compiled `covers:` line."""

    text: str
    segments: tuple[Segment | str, ...]  # str only for _DOUBLE
    negated: bool
    dir_only: bool
    valid: bool  # False for comments, empty lines and malformed classes

    def matches(self, parts: list[str]) -> list[bool]:
        """For the path `parts`, whether this pattern matches its first k
        segments, for k = 1..len(parts) (the folders, then the path itself)."""
        n = len(parts)
        result = [False] * n
        if not self.valid:
            return result
        segs = self.segments
        last = len(segs)
        states = _closure({0}, segs)
        for k, part in enumerate(parts):
            following: set[int] = set()
            for i in states:
                if i == last:
                    continue
                seg = segs[i]
                if seg == _DOUBLE:
                    following.add(i)  # ** eats this folder and stays
                    following.add(i + 1)
                elif _segment_match(seg, part):  # type: ignore[arg-type]
                    following.add(i + 1)
            states = _closure(following, segs)
            if last in states:
                result[k] = True
            if not states:
                break
        return result


def _closure(states: set[int], segs: tuple[Segment | str, ...]) -> set[int]:
    """Add the states reachable without consuming a folder: a `**` that is
    not the last segment may match zero folders."""
    out = set(states)
    todo = list(states)
    while todo:
        i = todo.pop()
        if i < len(segs) - 1 and segs[i] == _DOUBLE and i + 1 not in out:
            out.add(i + 1)
            todo.append(i + 1)
    return out


def _segment_match(seg: Segment, text: str) -> bool:
    """One path segment against one pattern segment: an NFA over characters."""
    last = len(seg)
    states = _star_closure({0}, seg)
    for ch in text:
        following: set[int] = set()
        for i in states:
            if i == last:
                continue
            kind = seg[i][0]
            if kind == "star":
                following.add(i)
            elif kind == "any" or (kind == "lit" and seg[i][1] == ch):
                following.add(i + 1)
            elif kind == "class" and ch in seg[i][1]:  # type: ignore[operator]
                following.add(i + 1)
        if not following:
            return False
        states = _star_closure(following, seg)
    return last in states


def _star_closure(states: set[int], seg: Segment) -> set[int]:
    out = set(states)
    for i in sorted(states):
        j = i
        while j < len(seg) and seg[j][0] == "star":
            j += 1
            out.add(j)
    return out


@lru_cache(maxsize=4096)
def compile_pattern(text: str) -> Pattern:
    """A `covers:` line compiled once (documents share a handful of patterns)."""
    line = _strip_trailing_spaces(text)
    negated = False
    if line.startswith("!"):
        negated, line = True, line[1:]
    if not line or text.startswith("#"):
        return Pattern(text, (), negated, False, False)
    dir_only = line.endswith("/") and not line.endswith("\\/")
    if dir_only:
        line = line.rstrip("/")
    anchored = "/" in line
    line = line.lstrip("/")
    raw_segments = line.split("/")
    segments: list[Segment | str] = []
    for raw in raw_segments:
        if raw == "**":
            # Leading and middle `**` match zero or more folders; a trailing one
            # (`x/**`) one or more names, never x itself (see _closure).
            if not segments or segments[-1] != _DOUBLE:
                segments.append(_DOUBLE)
            continue
        seg = _tokens(raw)
        if seg is None:
            return Pattern(text, (), negated, dir_only, False)
        segments.append(seg)
    if not anchored and (not segments or segments[0] != _DOUBLE):
        segments.insert(0, _DOUBLE)
    return Pattern(text, tuple(segments), negated, dir_only, bool(segments))


def _strip_trailing_spaces(text: str) -> str:
    end = len(text)
    while end > 0 and text[end - 1] == " ":
        backslashes = len(text[: end - 1]) - len(text[: end - 1].rstrip("\\"))
        if backslashes % 2:
            break
        end -= 1
    return text[:end]


def _tokens(raw: str) -> Segment | None:
    """A segment's tokens; None when a `[` class is never closed (git's
    wildmatch then matches nothing)."""
    out: list[Token] = []
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\" and i + 1 < len(raw):
            out.append(("lit", raw[i + 1]))
            i += 2
        elif ch == "*":
            if not out or out[-1] != ("star",):
                out.append(("star",))
            i += 1
        elif ch == "?":
            out.append(("any",))
            i += 1
        elif ch == "[":
            parsed = _char_class(raw, i + 1)
            if parsed is None:
                return None
            klass, i = parsed
            out.append(("class", klass))
        else:
            out.append(("lit", ch))
            i += 1
    return tuple(out)


def _char_class(raw: str, i: int) -> tuple[_Class, int] | None:
    """Parse a class whose `[` is just before `i`; the class and the index after `]`."""
    negated = i < len(raw) and raw[i] in "!^"
    if negated:
        i += 1
    chars: set[str] = set()
    ranges: list[tuple[str, str]] = []
    named: list[str] = []
    first = True
    while i < len(raw):
        ch = raw[i]
        if ch == "]" and not first:
            return _Class(frozenset(chars), tuple(ranges), tuple(named), negated), i + 1
        first = False
        if ch == "[" and raw.startswith("[:", i):
            close = raw.find(":]", i + 2)
            if close != -1 and raw[i + 2 : close] in _POSIX_CLASSES:
                named.append(raw[i + 2 : close])
                i = close + 2
                continue
        if ch == "\\" and i + 1 < len(raw):
            i += 1
            ch = raw[i]
        if i + 2 < len(raw) and raw[i + 1] == "-" and raw[i + 2] != "]":
            hi = raw[i + 2]
            if hi == "\\" and i + 3 < len(raw):
                hi, i = raw[i + 3], i + 1
            ranges.append((ch, hi))
            i += 3
            continue
        chars.add(ch)
        i += 1
    return None


@record(frozen=True)
class Covers:
    """A document's `covers:` list: the last matching pattern decides."""

    patterns: tuple[Pattern, ...]

    def match(self, path: str) -> bool:
        parts = path.split("/")
        n = len(parts)
        verdicts: list[bool | None] = [None] * n
        for pattern in self.patterns:
            for k, hit in enumerate(pattern.matches(parts)):
                if hit and (k < n - 1 or not pattern.dir_only):
                    verdicts[k] = not pattern.negated
        for k in range(n - 1):
            if verdicts[k]:
                return True  # a covered folder covers everything in it
        return bool(verdicts[-1])


def covers(patterns: list[str] | tuple[str, ...]) -> Covers:
    return Covers(tuple(compile_pattern(p) for p in patterns))


def glob_match(path: str, pattern: str) -> bool:
    """Whether one `covers:` pattern covers `path` (repo-relative POSIX)."""
    return covers((pattern,)).match(path)


def literal_prefix(pattern: str) -> str:
    """A prefix every path the pattern covers starts with ('' when it may
    match at any depth): lets callers skip most of a sorted path list."""
    compiled = compile_pattern(pattern)
    if not compiled.valid or compiled.negated or compiled.segments[0] == _DOUBLE:
        return ""
    line = _strip_trailing_spaces(pattern).lstrip("/")
    cut = min((i for i, ch in enumerate(line) if ch in "*?[\\"), default=len(line))
    head = line[:cut]
    return head[: head.rfind("/") + 1] if cut < len(line) or "/" not in head else head
