"""This project as a pre-commit hook repository, run by real `pre-commit try-repo`."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from standards import pipeline

PROJECT = Path(__file__).resolve().parent.parent


def _try_repo(root: Path, *files: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(PROJECT), "standards-check"]
    env = {**os.environ, "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home")}
    return subprocess.run(
        [*command, "--files", *files],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_pinned_hook_passes_today_and_fails_a_new_violation(
    fixture_repo: Callable[[str], Path],
) -> None:
    root = fixture_repo("flask_service_layer")
    pipeline.run(root)
    files = ("app/services/user_service.py", "app/routes/orders.py")
    today = _try_repo(root, *files)
    assert today.returncode == 0, today.stdout + today.stderr
    with (root / files[0]).open("a") as handle:
        handle.write("\n\ndef loadAll() -> None:\n    pass\n")
    broken = _try_repo(root, *files)
    assert broken.returncode == 1
    assert f"{files[0]}:" in broken.stdout and "N802" in broken.stdout
