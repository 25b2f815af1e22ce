"""Running real ruff on repo files and reading its findings as `Violation`s.

Shared by the probe that learns which rules the repo obeys and by the checks that
verification and `standards check` run: one way to call ruff, `--no-cache` so nothing
is written into the repo.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from standards.model import Violation
from standards.targets import ToolError

CHUNK = 2000
"""Files per ruff call, well under any command-line length limit."""


def run_ruff(
    root: Path, files: Sequence[str], options: Sequence[str], cwd: Path | None = None
) -> list[Violation]:
    """Ruff's findings on `files` (relative to `root`) with the given options.

    With a config file, ruff runs from the config's folder (`cwd`): it resolves a
    `--config` file's relative paths against the working folder, and an `extend`ed
    file's against that file's own folder, so running from there makes both agree.
    """
    command = [sys.executable, "-m", "ruff", "check", "--no-cache", "--exit-zero"]
    command += ["--output-format", "json", "--force-exclude", *options, "--"]
    where = cwd or root
    named = [f if where == root else str(root / f) for f in files]
    found: list[Violation] = []
    for start in range(0, len(named), CHUNK):
        done = subprocess.run(
            [*command, *named[start : start + CHUNK]],
            cwd=where,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            lines = (done.stderr or done.stdout).strip().splitlines()
            raise ToolError(lines[0] if lines else f"ruff exited {done.returncode}")
        found += [_violation(root, item) for item in json.loads(done.stdout or "[]")]
    return sorted(found)


def _violation(root: Path, item: dict[str, object]) -> Violation:
    location = item.get("location") or {}
    filename = Path(str(item["filename"]))
    path = filename.relative_to(root.resolve()) if filename.is_absolute() else filename
    return Violation(
        path=path.as_posix(),
        line=int(location.get("row", 1)) if isinstance(location, dict) else 1,
        rule=str(item.get("code") or "syntax-error"),
        message=str(item.get("message", "")),
        tool="ruff",
    )
