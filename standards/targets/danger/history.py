"""The repo's history as the files each commit changed, read from `git log --numstat`.

Why: what only a diff shows (how large a change usually is, which files change
together) is learned from the changes the team already made. Reading history runs git,
never the repo's code; a folder outside git simply has no history.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from standards.targets import runs

MAX_COMMITS = 1000
"""The most recent commits read: today's habits, at a cost that stays small."""

START = "\x01"


@dataclass(frozen=True)
class FileChange:
    path: str
    added: int
    deleted: int


@dataclass(frozen=True)
class Commit:
    sha: str
    subject: str
    changes: tuple[FileChange, ...]

    def paths(self) -> frozenset[str]:
        return frozenset(c.path for c in self.changes)


def commits(root: Path, limit: int = MAX_COMMITS) -> tuple[Commit, ...]:
    """Non-merge commits, newest first, with paths relative to `root` (only those under
    it); empty when `root` is not in a git checkout."""
    command = [
        "git",
        "-c",
        "core.quotepath=off",
        "log",
        "--no-merges",
        "--no-renames",
        "--numstat",
        "--relative",
        f"--max-count={limit}",
        f"--format={START}%H %s",
        "--",
        ".",
    ]
    return runs.whole("git", [str(root), *command], tuple, lambda: _log(root, command))


def _log(root: Path, command: list[str]) -> tuple[Commit, ...]:
    try:
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    except OSError:
        return ()
    if done.returncode != 0:
        return ()
    return tuple(_commit(block) for block in done.stdout.split(START)[1:])


def _commit(block: str) -> Commit:
    head, *lines = block.splitlines()
    sha, _, subject = head.partition(" ")
    changes = []
    for line in lines:
        added, deleted, path = (line.split("\t", 2) + ["", ""])[:3]
        if path:
            changes.append(FileChange(path, _count(added), _count(deleted)))
    return Commit(sha, subject, tuple(changes))


def _count(text: str) -> int:
    """Lines of one side of a numstat row; a binary file (`-`) counts none."""
    return int(text) if text.isdigit() else 0


def revision(root: Path, name: str) -> str | None:
    """The commit `name` names (`HEAD`, `HEAD~1`); None outside git or where there is
    none (a repo of one commit has no `HEAD~1`)."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    return done.stdout.strip() or None


def prefix(root: Path) -> str:
    """Where `root` sits inside its git checkout (`services/api/`), as git names paths;
    empty at the top or outside git."""
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", "rev-parse", "--show-prefix"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""
