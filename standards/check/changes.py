"""The files a commit changes, as git tells them: asked as soon as `standards check` starts.

Git walks the working tree to find new files, tens of milliseconds on a large repo, and
the rest of the check needs the answer first. Started before the checker's own code is
imported (`check_cli` does), the walk runs on another core meanwhile.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

COMMANDS = (
    ["git", "diff", "--name-only", "-z", "HEAD"],
    ["git", "ls-files", "-z", "--others", "--exclude-standard"],
)
"""Files changed against HEAD, and new files git does not ignore: both asked at once,
since each walks the working tree. Names end in NUL, as git writes them: one line each
would quote a name holding a quote, a backslash or a line break."""

Pending = Callable[[], list[str]]
"""Waits for git's answer: the changed and new files' paths."""


def start(root: Path) -> Pending:
    """Ask git about `root` now; the answer is read when the returned function is called."""
    running = [
        subprocess.Popen(c, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        for c in COMMANDS
    ]

    def answer() -> list[str]:
        names: list[str] = []
        for process in running:
            listed, _ = process.communicate()
            if process.returncode == 0:
                names += filter(None, listed.decode("utf-8", "surrogateescape").split("\0"))
        return names

    return answer
