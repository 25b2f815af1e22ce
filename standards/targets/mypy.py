"""mypy, where the repo is already typed: a hook at today's strictness, errors baselined.

mypy runs with no configuration file and no cache: a repo's mypy config may load
plugins, which would run code the analysis promised never to run, and a cache would be
written into the repo. The same options serve verification and the hook, so the
baseline they share matches.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from standards.model import Analysis, Change, GeneratedFile, Standard, Verification, Violation
from standards.targets import CheckRun, Hook, check_all, enforced

NAME = "mypy"
TYPED_ID = "typing.python.annotations"

OPTIONS = (
    f"--config-file={os.devnull}",
    f"--cache-dir={os.devnull}",
    "--ignore-missing-imports",
    "--follow-imports=silent",
    "--no-error-summary",
    "--show-error-codes",
    "--no-color-output",
    "--hide-error-context",
    "--no-pretty",
)
ERROR = re.compile(
    r"^(?P<path>[^:\n]+):(?P<line>\d+): error: (?P<message>.*?)(?:  \[(?P<code>[\w-]+)\])?$"
)


def typed(standards: Sequence[Standard]) -> bool:
    """The repo annotates consistently enough that a type checker belongs in its hooks."""
    return enforced(standards, TYPED_ID) is not None


def learn(analysis: Analysis) -> tuple[Standard, ...]:
    return ()


def emit(analysis: Analysis, out: str) -> tuple[GeneratedFile, ...]:
    return ()


def hooks(analysis: Analysis) -> tuple[Hook, ...]:
    if not typed(analysis.standards):
        return ()
    return (
        Hook("standards-mypy", NAME, "mypy (baseline applied)", ("python",), require_serial=True),
    )


def check(run: CheckRun) -> list[Violation]:
    if not typed(run.standards):
        return []
    return run_mypy(run.root, run.paths_of("python"))


def verify(analysis: Analysis, out: Path) -> Verification | None:
    return check_all(NAME, check, analysis, out, 1) if typed(analysis.standards) else None


def run_mypy(root: Path, files: Sequence[str]) -> list[Violation]:
    """mypy's errors on `files` (relative to `root`)."""
    if not files:
        return []
    done = subprocess.run(
        [sys.executable, "-m", "mypy", *OPTIONS, "--", *files],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    found = []
    for line in done.stdout.split("\n"):  # not splitlines(): a path may hold U+2028
        match = ERROR.match(line)
        if match:
            found.append(
                Violation(
                    path=Path(match["path"]).as_posix(),
                    line=int(match["line"]),
                    rule=match["code"] or "mypy",
                    message=match["message"],
                    tool="mypy",
                )
            )
    return sorted(found)


def wire(root: Path, out: Path) -> tuple[Change, ...]:
    return ()
