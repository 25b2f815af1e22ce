"""`standards diff`: what a change does to the analysis, for the review of a pull request.

The base revision is checked out through an index of our own and the working tree copied
(the files git keeps or would add), each into a temporary folder, and both are analyzed the same
way, without verification: the user's checkout is only read, never written. Standards
are compared by id: added, dropped, and those whose level changed or whose adherence
moved by a point or more.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from standards import pipeline
from standards.model import Standard

MOVED = 1.0
"""Percentage points of adherence that count as a move."""


class DiffError(Exception):
    """The folder is not a git checkout, or the base revision does not exist."""


@dataclass(frozen=True)
class Moved:
    """A standard in both analyses whose level or adherence changed."""

    before: Standard
    after: Standard

    @property
    def points(self) -> float:
        """How far adherence moved, in percentage points."""
        return 100 * (self.after.evidence.ratio - self.before.evidence.ratio)


@dataclass(frozen=True)
class Diff:
    base: str
    added: tuple[Standard, ...]
    dropped: tuple[Standard, ...]
    moved: tuple[Moved, ...]


def run(root: Path, base: str) -> Diff:
    """The analysis of the working tree at `root` against that of revision `base`."""
    root = root.resolve()
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    if not commit:
        raise DiffError(f"no revision {base!r} in {root}")
    prefix = _git(root, "rev-parse", "--show-prefix")
    with tempfile.TemporaryDirectory(prefix="standards-diff-") as temp:
        before = _standards(_export_revision(root, f"{commit}:{prefix}", Path(temp) / "base"))
        after = _standards(_export_worktree(root, Path(temp) / "head"))
    return compare(base, before, after)


def compare(base: str, before: Sequence[Standard], after: Sequence[Standard]) -> Diff:
    """Standards added, dropped, and moved (level changed, or adherence by `MOVED` points)."""
    old, new = {s.id: s for s in before}, {s.id: s for s in after}
    pairs = [Moved(old[i], new[i]) for i in sorted(old.keys() & new.keys())]
    return Diff(
        base,
        tuple(new[i] for i in sorted(new.keys() - old.keys())),
        tuple(old[i] for i in sorted(old.keys() - new.keys())),
        tuple(m for m in pairs if m.before.level != m.after.level or abs(m.points) >= MOVED),
    )


def _standards(root: Path) -> tuple[Standard, ...]:
    """Everything `standards analyze` would learn there, configs written beside it."""
    return pipeline.run(root, verify=False, force=True).standards


def _export_revision(root: Path, tree: str, target: Path) -> Path:
    """The files of `tree` (a commit and the repo-relative folder of `root`) in `target`,
    as a checkout writes them, through an index of our own: the repo's index, working
    tree and worktree list stay as they are."""
    index = {**os.environ, "GIT_INDEX_FILE": str(target.with_suffix(".index"))}
    target.mkdir(parents=True)
    for command in (["read-tree", tree], ["checkout-index", "--all", f"--prefix={target}/"]):
        done = subprocess.run(
            ["git", *command], cwd=root, env=index, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise DiffError(done.stderr.strip() or f"git {command[0]} failed")
    return target


def _export_worktree(root: Path, target: Path) -> Path:
    """The working tree's tracked and new, not ignored files (links kept as links)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    target.mkdir(parents=True)
    for name in sorted(set(listed.stdout.decode("utf-8", "surrogateescape").split("\0"))):
        source = root / name
        if name and (source.is_file() or source.is_symlink()):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name, follow_symlinks=False)
    return target


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise DiffError(f"{root}: {done.stderr.strip() or 'git failed'}")
    return done.stdout.strip()
