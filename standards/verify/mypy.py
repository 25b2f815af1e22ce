"""mypy, run for real where the repo is typed: what it reports today is the baseline."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from standards.check.baseline import fingerprinted
from standards.check.mypy_runner import run_mypy
from standards.model import Verification


def verify(root: Path, files: Sequence[str]) -> Verification:
    return Verification("mypy", True, 1, fingerprinted(root, run_mypy(root, files)))
