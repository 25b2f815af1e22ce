"""The command line: usage errors exit 2 with one line; results render as text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from standards.cli import main


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_a_file_is_not_a_repo(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "a.py")])
    assert result.exit_code == 2


def test_explain_without_analysis_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["explain", "naming.python.function-case", "--repo", str(tmp_path)]
    )
    assert result.exit_code == 2


def test_analyze_json_then_explain(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    for index in range(6):
        (repo / f"module_{index}.py").write_text(f'def load_{index}(path):\n    return "{index}"\n')
    result = CliRunner().invoke(main, ["analyze", str(repo), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["files"] == 6
    ids = {s["id"] for s in document["standards"]}
    assert "naming.python.function-case" in ids
    explained = CliRunner().invoke(
        main, ["explain", "naming.python.function-case", "--repo", str(repo)]
    )
    assert explained.exit_code == 0
    assert "module_0.py:1" in explained.output


def test_analyze_refuses_to_overwrite_a_persons_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "playbook.md").write_text("my own notes\n")
    (tmp_path / "a.py").write_text("x = 1\n")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 2
    assert (out / "playbook.md").read_text() == "my own notes\n"
