"""Running the pinned danger-js on a repo, and reading its JSON report.

`danger local` diffs the checkout against a base (a branch or commit) and runs the
dangerfile as `danger ci` would on a pull request, with no platform to post to.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from standards import node
from standards.targets import ToolError

NO_CHANGES = "No git changes detected"
"""What danger local says, instead of a report, when the diff is empty (an empty commit)."""


@dataclass(frozen=True)
class Report:
    """What the dangerfile said: messages by kind, and danger's exit status."""

    fails: tuple[str, ...]
    warnings: tuple[str, ...]
    status: int


def danger_local(root: Path, dangerfile: Path, base: str) -> Report:
    """Run the dangerfile on the changes of `root` since `base`; exit 1 means it failed
    the change (`--failOnErrors`), anything else unreadable is the tool failing. The
    dangerfile imports nothing, so danger runs from the installed tools without linking
    them into the output folder; the `standards check` it calls is this interpreter's."""
    args = ["local", "--base", base, "--dangerfile", str(dangerfile), "--failOnErrors", "-j"]
    try:
        binary = node.installed() / ".bin" / "danger"
        scripts = str(Path(sys.executable).parent)
        env = {**os.environ, "PATH": os.pathsep.join((scripts, os.environ.get("PATH", "")))}
        done = subprocess.run(
            [str(binary), *args], cwd=root, env=env, capture_output=True, text=True, check=False
        )
    except (node.NodeError, OSError) as error:
        raise ToolError(f"could not run danger: {error}") from error
    if done.returncode == 0 and done.stdout.startswith(NO_CHANGES):
        return Report((), (), 0)
    try:
        found = json.loads(done.stdout)
    except json.JSONDecodeError:
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise ToolError(" ".join(lines[:3]) or f"danger exited {done.returncode}") from None
    return Report(
        tuple(str(m["message"]) for m in found.get("fails", [])),
        tuple(str(m["message"]) for m in found.get("warnings", [])),
        done.returncode,
    )
