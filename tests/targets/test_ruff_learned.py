"""The generated ruff config on fixtures written for it: exact rules and settings, real ruff
(`ruff check`, `ruff format --check`) agreeing with the baseline, and the hooks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from standards import pipeline
from standards.model import Level, Standard

from ..conftest import FIXTURES, git, make_repo
from ..test_hooks import pre_commit

LIBRARY_SELECT = [
    *("A", "AIR", "ANN", "ARG", "ASYNC", "B", "BLE", "C4", "C90", "COM"),
    *("D100", "D101", "D102", "D103", "D104", "D106", "D2", "D301", "D4"),
    *("DJ", "DTZ", "E", "EM", "ERA", "EXE", "F", "FA", "FAST", "FBT", "FIX", "FLY", "FURB"),
    *("G", "I", "ICN", "INP", "INT", "ISC", "LOG", "N", "NPY", "PD", "PERF", "PGH", "PIE"),
    *("PLC", "PLE", "PLR", "PLW", "PT", "PTH", "PYI", "Q", "RET", "RSE", "RUF", "S", "SIM"),
    *("SLF", "SLOT", "T10", "T20", "TC002", "TC004", "TC005", "TC006", "TC007", "TC010"),
    *("TD", "TID", "TRY", "UP", "W", "YTT"),
]


def _analyzed(name: str, factory: pytest.TempPathFactory) -> pipeline.Result:
    return pipeline.run(make_repo(FIXTURES / name, factory.mktemp(name) / name))


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> pipeline.Result:
    return _analyzed("formatted_library", tmp_path_factory)


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory) -> pipeline.Result:
    return _analyzed("configured_linters", tmp_path_factory)


def _config(result: pipeline.Result) -> dict[str, Any]:
    return tomllib.loads((result.out / "ruff.toml").read_text(encoding="utf-8"))


def _standard(result: pipeline.Result, standard_id: str) -> Standard:
    return next(s for s in result.standards if s.id == standard_id)


def _ruff(result: pipeline.Result, *args: str) -> subprocess.CompletedProcess[str]:
    """Real ruff with the generated config, run where its relative paths point from."""
    command = [sys.executable, "-m", "ruff", *args, "--no-cache", "--config", "ruff.toml", ".."]
    return subprocess.run(command, cwd=result.out, capture_output=True, text=True, check=False)


def test_library_rules_and_settings(library: pipeline.Result) -> None:
    config = _config(library)
    assert (config["line-length"], config["target-version"]) == (88, "py310")
    assert config["lint"]["select"] == LIBRARY_SELECT
    assert config["lint"]["ignore"] == ["COM812", "COM819", "ISC001", "ISC002", "Q004"]
    assert config["lint"]["isort"] == {"force-single-line": True, "known-first-party": ["ledger"]}
    assert config["lint"]["pydocstyle"] == {"convention": "google"}
    assert config["format"] == {"quote-style": "double", "skip-magic-trailing-comma": False}
    assert config["lint"]["per-file-ignores"] == {
        "../**/tests/**": ["D100", "D103", "D104", "PLC0415", "PLR2004", "S101"]
    }


def test_library_formatter_is_enforced_with_the_unformatted_file_baselined(
    library: pipeline.Result,
) -> None:
    formatter = _standard(library, "formatting.python.formatter")
    assert formatter.level is Level.ENFORCE
    assert [e.path for e in formatter.evidence.counter_examples] == ["ledger/tax.py"]
    done = _ruff(library, "format", "--check")
    assert done.returncode == 1
    assert "ledger/tax.py" in done.stdout + done.stderr
    assert "1 file would be reformatted" in done.stdout


def test_real_ruff_finds_exactly_the_baseline(library: pipeline.Result) -> None:
    done = _ruff(library, "check", "--exit-zero", "--output-format", "json")
    found = sorted((v["code"], Path(v["filename"]).name) for v in json.loads(done.stdout))
    baseline = json.loads((library.out / "baseline.json").read_text())["violations"]
    baselined = sorted((v["rule"], Path(v["path"]).name) for v in baseline if v["tool"] == "ruff")
    assert found == baselined == [("A001", "entries.py"), ("FBT001", "accounts.py")]


def test_the_library_passes_its_hooks_until_imports_or_layout_break(
    library: pipeline.Result, tmp_path: Path
) -> None:
    assert pre_commit(library.root).returncode == 0
    plants = {
        "ledger/ordering.py": (
            '"""Sorting."""\n\nimport sys\nimport os\n\nNAMES = (os.name, sys.platform)\n',
            "ledger/ordering.py:3: I001",
        ),
        "ledger/layout.py": ('"""Layout."""\n\nPAIRS = {"a":1,   "b":2}\n', "ledger/layout.py"),
    }
    for path, (text, expected) in plants.items():
        root = tmp_path / path.replace("/", "-")
        shutil.copytree(library.root, root, symlinks=True)
        (root / path).write_text(text, encoding="utf-8")
        git(root, "add", "-A")
        done = pre_commit(root)
        assert done.returncode == 1, done.stdout
        assert expected in done.stdout, done.stdout


def test_touching_the_baselined_unformatted_file_makes_it_count(
    library: pipeline.Result, tmp_path: Path
) -> None:
    root = tmp_path / "touched"
    shutil.copytree(library.root, root, symlinks=True)
    with (root / "ledger/tax.py").open("a", encoding="utf-8") as handle:
        handle.write('\n\nEXEMPT = ("GB",)\n')
    git(root, "add", "-A")
    done = pre_commit(root)
    assert done.returncode == 1
    assert "ledger/tax.py:10: format not formatted" in done.stdout


def test_configured_settings_the_code_passes_win(configured: pipeline.Result) -> None:
    config = _config(configured)
    assert (config["line-length"], config["target-version"]) == (100, "py39")
    assert config["format"]["quote-style"] == "preserve"
    assert config["lint"]["isort"] == {
        "combine-as-imports": True,
        "known-first-party": ["inventory"],
    }
    assert config["lint"]["mccabe"] == {"max-complexity": 6}
    assert config["lint"]["pylint"]["max-args"] == 4
    assert {"B008", "E731", "PLR0911"} <= set(config["lint"]["ignore"])
    assert _ruff(configured, "check").returncode == 0
    assert _ruff(configured, "format", "--check").returncode == 0


def test_differences_from_the_team_config_are_recorded(configured: pipeline.Result) -> None:
    compared = _standard(configured, "lint.python.repo-config")
    differences = [(e.path, e.line, e.detail) for e in compared.evidence.counter_examples]
    assert differences == [
        ("setup.cfg", 5, "line-length = 79 (flake8): wrote 100; 8 of 14 files go beyond 79")
    ]
    assert (compared.evidence.followed, compared.evidence.total) == (19, 20)
    configured_ = compared.parameters["configured"]
    assert isinstance(configured_, tuple)
    recorded = {(c["source"], c["detail"]) for c in configured_ if isinstance(c, dict)}
    assert {
        ("pyproject.toml [tool.pylint]", "ignores missing-docstring: ruff has no such rule"),
        (
            "pyproject.toml [tool.pylint]",
            "ignores too-many-return-statements: left out of the generated config too",
        ),
        (
            "pyproject.toml [tool.ruff]",
            "target-version = py39 (tool.ruff): kept, the code passes it",
        ),
        (
            "setup.cfg [flake8]",
            "lint.mccabe.max-complexity = 6 (flake8): kept, the code passes it; "
            "0 of 14 files go beyond 6",
        ),
    } <= recorded


def test_the_teams_gate_and_disabled_targets_apply_to_the_probe(tmp_path: Path) -> None:
    root = tmp_path / "library"
    shutil.copytree(FIXTURES / "formatted_library", root)
    with (root / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[tool.standards]\nenforce-ratio = 0.9\ndisable = ["ruff-format"]\n')
    result = pipeline.run(root)
    rules = _standard(result, "lint.python.ruff-rules")
    left_out = rules.parameters["left-out"]
    assert isinstance(left_out, dict)
    assert "D107" not in left_out["failed-gate"]  # 91.7% of files pass it
    assert "formatter" not in left_out
    assert "ruff-format" not in {v.tool for v in result.verifications}


def test_a_limit_the_teams_config_turns_off_is_no_rule_ruff_checks(tmp_path: Path) -> None:
    """pretalx ignores `PLR` and `E501`: its playbook said ruff enforced the parameter and
    line limits, while ruff.toml ran neither rule."""
    root = tmp_path / "library"
    shutil.copytree(FIXTURES / "formatted_library", root)
    with (root / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[tool.ruff.lint]\nignore = ["PLR", "E501"]\n')
    result = pipeline.run(root, verify=False)
    config = _config(result)
    assert "PLR0913" in config["lint"]["ignore"] or "PLR" not in config["lint"]["select"]
    for standard_id in ("sizes.python.parameters", "formatting.python.line-length"):
        s = _standard(result, standard_id)
        assert (s.level, s.targets) == (Level.ENFORCE, ("playbook",))
        assert f"(consistent; {s.evidence.followed}/" in _playbook_line(result, standard_id)
    assert "ruff" in _standard(result, "naming.python.class-case").targets


def _playbook_line(result: pipeline.Result, standard_id: str) -> str:
    playbook = (result.out / "playbook.md").read_text(encoding="utf-8")
    return next(line for line in playbook.splitlines() if f"`{standard_id}`" in line)
