"""Danger (danger-js): checks of what only a change shows, in `.standards/dangerfile.js`.

A pull request can add a source file without its test, a file named against its
folder's role, a family member without its skeleton, a lockfile without its manifest, or
far more than the team's usual change; no linter sees any of these, since each is about
the diff. Learned here: which sources have tests and, from git history when there is
one, how large commits are and which lockfiles move with their manifests. The index
standards (a query on a column no index covers, a migration adding a reference without
one) come from the analysis: the dangerfile asks `standards check` about the lines a
change adds. Enforced standards fail a change, advice warns. Danger runs in CI on a
pull request, not as a pre-commit hook; verification runs the pinned danger-js with
`danger local` on the last commit.
"""

from __future__ import annotations

from pathlib import Path

from standards.model import Analysis, Change, GeneratedFile, Standard, Verification, Violation
from standards.targets import CheckRun, Hook, ToolError
from standards.targets.danger import data, history, lockfiles, size, tested
from standards.targets.danger.run import danger_local
from standards.templating import render

NAME = "danger"
TOOLS: tuple[str, ...] = ("git",)
AFTER: tuple[str, ...] = ()
READS: tuple[str, ...] | None = None
FILE_NAME = "dangerfile.js"


def learn(analysis: Analysis) -> tuple[Standard, ...]:
    commits = history.commits(analysis.root)
    found = tested.learn(analysis.standards, analysis.facts, analysis.settings)
    found += lockfiles.learn(analysis.root, commits, analysis.settings)
    if (changes := size.learn(commits, analysis.settings.out)) is not None:
        found.append(changes)
    return tuple(found)


def emit(analysis: Analysis, out: str) -> tuple[GeneratedFile, ...]:
    found = data.checks(analysis)
    if not found:
        return ()
    return (GeneratedFile(FILE_NAME, render("danger/dangerfile.js.j2", data=found)),)


def hooks(analysis: Analysis) -> tuple[Hook, ...]:
    """None: Danger runs in CI on a pull request, where the change is known."""
    return ()


def check(run: CheckRun) -> list[Violation]:
    """Nothing: Danger's checks are about a change, never about files on their own."""
    return []


def verify(analysis: Analysis, out: Path) -> Verification | None:
    """The dangerfile runs with the real danger-js on the repo's last commit; None
    where there is no dangerfile or no earlier commit to diff against."""
    found = data.checks(analysis)
    base = _base(analysis.root)
    if not found or base is None or not (out / FILE_NAME).exists():
        return None
    enabled = sum(len(items) for items in found["checks"].values())
    try:
        report = danger_local(analysis.root, out / FILE_NAME, base)
    except ToolError as error:
        return Verification(NAME, False, enabled, (), str(error))
    said = f"{base}..HEAD: {len(report.fails)} fails, {len(report.warnings)} warnings"
    return Verification(NAME, True, enabled, (), said)


def wire(root: Path, out: Path) -> tuple[Change, ...]:
    """Nothing to wire: CI calls the dangerfile by its path (see the README)."""
    return ()


def _base(root: Path) -> str | None:
    """The commit before HEAD; None outside git or in a repo of one commit, where there
    is no change to run the dangerfile on."""
    return "HEAD~1" if history.revision(root, "HEAD~1") else None
