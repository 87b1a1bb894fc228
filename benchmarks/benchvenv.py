"""nohero installed the way a user installs it: `pip install` into a fresh venv.

Whole-command benchmarks must time what a user runs. The interpreter a
developer works with is not that: on some machines its site-packages holds
`.pth` files that import modules at every start (this sandbox's imports
certifi: 150-190 ms before `python -c pass` returns), and an editable
install runs the working tree's sources. So the benchmarks build a venv
(`python -m venv`, no system site packages), `pip install` this checkout
into it, non-editable (pip builds a wheel and compiles the bytecode, as for
a user), and run nohero, `python -c pass` and every floor with that venv's
interpreter, so that floor and nohero share one interpreter.

The venv is kept and reused while the checkout is unchanged: a digest of
pyproject.toml and every file under src/ is stored in it. Changed sources
reinstall nohero alone (`--no-deps --force-reinstall`); a changed
pyproject.toml (dependencies) or another base interpreter rebuilds the venv.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

STAMP_SOURCES = "nohero-bench-sources"
STAMP_BASE = "nohero-bench-base"


@dataclass(frozen=True)
class Venv:
    root: Path

    @property
    def python(self) -> str:
        return str(self.root / "bin" / "python")

    @property
    def nohero(self) -> str:
        return str(self.root / "bin" / "nohero")

    def describe(self) -> str:
        version = subprocess.run(
            [self.python, "-c", "import sys; print(sys.version.split()[0])"],
            capture_output=True,
            text=True,
            env=clean_env(),
        ).stdout.strip()
        return f"venv {self.root} (Python {version}, nohero pip-installed, non-editable)"


def clean_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment without what would point the venv's interpreter at
    other sources (PYTHONPATH to a working tree, another venv, no bytecode)."""
    drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE", "PYTHONSTARTUP"}
    return {k: v for k, v in (base or os.environ).items() if k not in drop}


def digest_of(checkout: Path, files: list[Path]) -> str:
    sha = hashlib.sha256()
    for path in sorted(files):
        sha.update(str(path.relative_to(checkout)).encode() + b"\0")
        sha.update(path.read_bytes() + b"\0")
    return sha.hexdigest()


def source_files(checkout: Path) -> list[Path]:
    found = [checkout / "pyproject.toml", checkout / "README.md"]
    for path in (checkout / "src").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and ".egg-info" not in str(path):
            found.append(path)
    return found


def base_key(checkout: Path) -> str:
    """What forces a new venv: the base interpreter and the dependencies."""
    pyproject = (checkout / "pyproject.toml").read_bytes()
    return hashlib.sha256(sys.executable.encode() + b"\0" + pyproject).hexdigest()


def staged(checkout: Path, files: list[Path], into: Path) -> Path:
    """A copy of the files a wheel is built from: pip builds in the source
    folder, and setuptools' build/ keeps modules the checkout has removed."""
    for path in files:
        target = into / path.relative_to(checkout)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return into


def pip(venv: Venv, *args: str) -> None:
    cmd = [venv.python, "-m", "pip", "install", "-q", "--disable-pip-version-check", *args]
    done = subprocess.run(cmd, env=clean_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")


def nohero_venv(checkout: Path, root: Path) -> Venv:
    """The venv at `root` with this checkout installed; built or refreshed
    only when the checkout changed since the last benchmark run."""
    venv = Venv(root)
    files = source_files(checkout)
    sources = digest_of(checkout, files)
    base = base_key(checkout)
    stamp_base, stamp_sources = root / STAMP_BASE, root / STAMP_SOURCES
    fresh = stamp_base.exists() and stamp_base.read_text() == base
    changed = not stamp_sources.exists() or stamp_sources.read_text() != sources
    if fresh and not changed:
        return venv
    with tempfile.TemporaryDirectory(prefix="nohero-bench-src-") as tmp:
        source = str(staged(checkout, files, Path(tmp)))
        if not fresh:
            shutil.rmtree(root, ignore_errors=True)
            print(f"  creating {root}: python -m venv + pip install {checkout}", flush=True)
            subprocess.run([sys.executable, "-m", "venv", str(root)], check=True, env=clean_env())
            pip(venv, source)
            stamp_base.write_text(base)
        else:
            print(f"  {checkout} changed: pip install --no-deps --force-reinstall", flush=True)
            pip(venv, "--no-deps", "--force-reinstall", source)
    stamp_sources.write_text(sources)
    return venv
