"""This project keeps the rules it preaches: its own layering contract, ruff and mypy."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "command",
    [
        ["lint-imports"],
        [sys.executable, "-m", "ruff", "check", "--no-cache", "standards", "tests", "bench"],
        [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "standards", "tests"],
        [sys.executable, "-m", "mypy", "--cache-dir=/dev/null"],
    ],
    ids=["import-linter", "ruff", "ruff-format", "mypy"],
)
def test_project_passes(command: list[str]) -> None:
    done = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_package_is_shipped() -> None:
    """A subpackage missing from pyproject's list installs without it: the editable
    install used here would hide that, a pinned hook repo would not."""
    listed = set(
        tomllib.loads((PROJECT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(PROJECT).parts)
        for init in (PROJECT / "standards").rglob("__init__.py")
    }
    assert found <= listed, sorted(found - listed)
