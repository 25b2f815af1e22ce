"""The Node tools generated configs run with: ESLint, typescript-eslint, Prettier, danger-js
and tsc, at the versions of the lockfile that ships with standards.

They are installed once per lockfile into the user's cache (as pre-commit keeps its hook
environments), never into the repo, and linked into the output folder as `node_modules`,
where a flat config's bare imports look for them. A fresh clone needs no node_modules of
its own: the first check installs them.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from standards.cache import cache_dir

PINNED = ("package.json", "package-lock.json")
DONE = ".standards-complete"
"""Written last into an install, so a half-finished one is never taken for a whole one."""

NPM = ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"]


class NodeError(Exception):
    """Node or npm is missing, or the pinned tools could not be installed."""


def pinned(name: str) -> bytes:
    return (resources.files("standards.rule_templates") / "node" / name).read_bytes()


def installed() -> Path:
    """The node_modules of the pinned tools, installed on first use."""
    key = hashlib.sha256(b"".join(pinned(n) for n in PINNED)).hexdigest()[:16]
    home = cache_dir() / "node" / key
    if (home / "node_modules" / DONE).exists():
        return home / "node_modules"
    home.parent.mkdir(parents=True, exist_ok=True)
    with _locked(home.parent / f"{key}.lock"):
        if not (home / "node_modules" / DONE).exists():
            _install(home)
    return home / "node_modules"


def link(out: Path) -> Path:
    """`out/node_modules`, a link to the installed tools (replacing a stale link)."""
    target = installed()
    here = out / "node_modules"
    if here.is_symlink() and here.resolve() != target.resolve():
        here.unlink()
    if not here.exists():
        out.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):  # a run beside this one made it first
            here.symlink_to(target, target_is_directory=True)
    return here


def run(out: Path, tool: str, args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run one of the pinned tools' binaries from `cwd`."""
    binary = link(out) / ".bin" / tool
    try:
        return subprocess.run(
            [str(binary), *args], cwd=cwd, capture_output=True, text=True, check=False
        )
    except OSError as error:
        raise NodeError(f"could not run {tool}: {error}") from error


def script(out: Path, source: str) -> subprocess.CompletedProcess[str]:
    """Run an ES module given as text in the output folder, where its imports resolve."""
    link(out)
    return run_node(["--input-type=module", "-e", source], cwd=out)


def run_node(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run Node itself (for scripts and `node --test`), from `cwd`."""
    if shutil.which("node") is None:
        raise NodeError("node not found: install Node.js (20.19 or newer) to run these checks")
    return subprocess.run(["node", *args], cwd=cwd, capture_output=True, text=True, check=False)


def _install(home: Path) -> None:
    if shutil.which("npm") is None:
        raise NodeError("npm not found: install Node.js (20.19 or newer) to run these checks")
    scratch = Path(tempfile.mkdtemp(prefix="install-", dir=home.parent))
    for name in PINNED:
        (scratch / name).write_bytes(pinned(name))
    done = subprocess.run(NPM, cwd=scratch, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        shutil.rmtree(scratch, ignore_errors=True)
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise NodeError(f"npm ci failed: {lines[-1] if lines else done.returncode}")
    (scratch / "node_modules" / DONE).write_text("")
    shutil.rmtree(home, ignore_errors=True)
    scratch.rename(home)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One installer at a time per lockfile, across processes (pytest workers, hooks)."""
    with path.open("w") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: installs may race, each into its own scratch folder
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
