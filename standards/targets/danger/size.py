"""How large a change usually is: the 90th percentile of files and lines per commit.

Why: a change far larger than the team's usual is hard to review well, so Danger warns
on one, with the repo's own numbers. Lockfiles and the output folder are left out of
both counts: tools write them, and their size says nothing about the review a change
needs. Always a warning: a large change is sometimes right.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from standards.analyzers.evidence import evidence, percentile, standard
from standards.model import Example, Level, Standard
from standards.targets.danger import lockfiles
from standards.targets.danger.history import Commit

ID = "changes.all.size"
QUANTILE = 0.9
MIN_COMMITS = 20
"""Fewer commits than this say too little about a usual change."""


def counted(paths_and_lines: Sequence[tuple[str, int]], out: str) -> tuple[int, int]:
    """(files, lines) of a change, leaving out lockfiles and the output folder."""
    kept = [n for path, n in paths_and_lines if not _ignored(path, out)]
    return len(kept), sum(kept)


def learn(commits: Sequence[Commit], out: str) -> Standard | None:
    sizes = []
    for c in commits:
        files, lines = counted([(f.path, f.added + f.deleted) for f in c.changes], out)
        if files:
            sizes.append((c, files, lines))
    if len(sizes) < MIN_COMMITS:
        return None
    max_files = percentile([files for _, files, _ in sizes], QUANTILE)
    max_lines = percentile([lines for _, _, lines in sizes], QUANTILE)

    def example(c: Commit, files: int, lines: int) -> Example:
        return Example(c.sha[:12], 0, f"{files} files, {lines} lines: {c.subject}"[:120])

    within = [example(*s) for s in sizes if s[1] <= max_files and s[2] <= max_lines]
    beyond = [example(*s) for s in sizes if s[1] > max_files or s[2] > max_lines]
    found = standard(
        ID,
        language="all",
        rule=f"Keep a change within {max_files} files and {max_lines} changed lines, or split it.",
        why="Nine in ten of the repo's commits stay within these sizes; a much larger "
        "change is hard to review well.",
        parameters={"max_files": max_files, "max_lines": max_lines, "commits": len(sizes)},
        ev=evidence(within, beyond),
        targets=("danger",),
    )
    return replace(found, level=Level.ADVISE)


def _ignored(path: str, out: str) -> bool:
    return path == out or path.startswith(out + "/") or lockfiles.is_lockfile(path)
