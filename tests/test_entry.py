"""The `standards` entry point: `check` starts without Typer, and means what Typer means."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from standards import check_cli, cli, pipeline
from standards.check_cli import CheckArgs, CheckFormat
from standards.cli import main

UNNEEDED = ("typer", "click", "rich", "pydantic", "jinja2", "tomlkit", "pathspec", "asyncio")
"""What `check` never uses: the CLI framework and what it brings, the templates, the
TOML editor, .gitignore matching (git answers)."""

OTHER_LANGUAGES = (
    "standards.targets.eslint",
    "standards.targets.prettier",
    "standards.targets.tsc",
    "standards.targets.rubocop",
    "standards.targets.danger",
    "standards.languages.javascript",
    "standards.languages.typescript",
    "standards.languages.ruby",
    "standards.languages.prisma",
    "yaml",
)
"""What a check of Python files never uses: the targets and languages of other files (and
the YAML reader RuboCop's config needs), nor Danger, which checks no file on its own."""

SHOW_MODULES = """
import atexit, sys
atexit.register(lambda: print(*sorted(sys.modules), file=sys.stderr))
sys.argv = ["standards", *sys.argv[1:]]
from standards.__main__ import main
main()
"""


def _standards(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(check_cli.__file__).parent.parent)}
    command = [sys.executable, "-c", SHOW_MODULES, *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, check=False)


@pytest.fixture
def shop(fixture_repo: Callable[[str], Path]) -> Path:
    root = fixture_repo("flask_service_layer")
    pipeline.run(root)
    target = root / "app/services/email_service.py"
    target.write_text(target.read_text() + "\n\ndef sendAll() -> None:\n    pass\n")
    return root


def test_check_starts_without_what_it_does_not_use(shop: Path) -> None:
    done = _standards(shop, "check", "app/services/email_service.py", "--format", "json")
    assert done.returncode == 1, done.stderr
    assert '"rule": "N802"' in done.stdout
    loaded = {name.split(".")[0] for name in done.stderr.split()}
    assert loaded.isdisjoint(UNNEEDED), sorted(loaded & set(UNNEEDED))


@pytest.mark.parametrize("files", [["app/services/email_service.py"], []])
def test_a_python_check_imports_no_other_languages_code(shop: Path, files: list[str]) -> None:
    done = _standards(shop, "check", *files, "--format", "json")
    assert done.returncode == 1, done.stderr
    assert '"rule": "N802"' in done.stdout
    loaded = done.stderr.split()
    assert "standards.targets.ruff" in loaded and "standards.languages.python" in loaded
    imported = [m for m in loaded if m.startswith(OTHER_LANGUAGES)]
    assert not imported, imported


LEARNING = ("standards.analyzers", "standards.targets.ruff.learn", "standards.targets.ruff.search")
"""What only learning uses: the analyzers, and how the ruff targets learn."""


@pytest.mark.parametrize("tool", ["ruff", "ruff-format"])
def test_a_ruff_hook_imports_no_learning(shop: Path, tool: str) -> None:
    done = _standards(shop, "check", "--tool", tool, "app/services/email_service.py")
    assert done.returncode == (1 if tool == "ruff" else 0), done.stderr
    loaded = done.stderr.split()
    assert "standards.targets.ruff.run" in loaded
    imported = [m for m in loaded if m.startswith(LEARNING)]
    assert not imported, imported


def test_check_says_what_the_typer_command_says(
    shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for args in (
        ["app/services/email_service.py"],
        [],
        ["--tool", "standards", "--format", "sarif"],
    ):
        fast = _standards(shop, "check", *args)
        monkeypatch.chdir(shop)
        typed = CliRunner().invoke(main, ["check", *args])
        assert (fast.returncode, fast.stdout) == (typed.exit_code, typed.output)


def test_help_and_usage_errors_are_typers(tmp_path: Path) -> None:
    helped = _standards(tmp_path, "check", "--help")
    assert helped.returncode == 0 and "--tool" in helped.stdout and "--no-cache" in helped.stdout
    assert "typer" in helped.stderr.split()
    for args in (["x.py"], ["--tool", "nope", "x.py"], ["--bogus"]):
        failed = _standards(tmp_path, "check", *args)
        assert failed.returncode == 2 and "Usage:" in failed.stderr, failed.stderr
    assert "analyze" in _standards(tmp_path, "--help").stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["a.py"],
        ["--tool", "ruff", "--out", ".standards", "a.py", "./b//c.py"],
        ["--tool=standards", "--format=codequality", "--no-cache"],
        ["--advice", "--tool", "standards", "--format", "json", "--", "a.rb"],
        ["--format", "json", "--", "--looks-like-an-option.py"],
        [],
    ],
)
def test_arguments_read_as_typer_reads_them(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[CheckArgs] = []
    monkeypatch.setattr(cli, "run_check", lambda args: (seen.append(args), ("", 0))[1])
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["check", *argv]).exit_code == 0
    assert check_cli.parse(argv) == seen[0]


@pytest.mark.parametrize(
    "argv", [["--help"], ["-h"], ["--bogus"], ["--format", "xml"], ["--tool"], ["--format="]]
)
def test_what_typer_must_answer_is_left_to_it(argv: list[str]) -> None:
    assert check_cli.parse(argv) is None


def test_an_out_folder_that_is_a_file_is_left_to_typer(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("")
    assert check_cli.parse(["--out", str(tmp_path / "out")]) is None
    assert check_cli.parse(["--out", str(tmp_path)]) == CheckArgs(out=tmp_path)
    assert check_cli.parse(["--format", "sarif"]) == CheckArgs(fmt=CheckFormat.SARIF)
