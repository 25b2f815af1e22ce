"""`[tool.standards]`: what a team keeps in the repo, validated key by key and recorded."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from standards import pipeline
from standards.cli import main
from standards.model import Level, SkipReason
from standards.settings import SettingsError, load, matches

NAMES = frozenset({"controllers", "naming", "mypy"})


def _write(root: Path, text: str, name: str = "pyproject.toml") -> Path:
    (root / name).write_text(text)
    return root


def test_every_key_is_read_with_its_source(tmp_path: Path) -> None:
    _write(
        tmp_path,
        '[project]\nname = "x"\n\n[tool.standards]\nexclude = ["legacy"]\n'
        'extend-exclude = ["gen/**"]\nenforce-ratio = 0.9\nmin-cases = 3\n'
        'disable = ["controllers"]\nadvise-only = ["old/"]\n'
        'enforce = ["naming.python.function-case"]\nout = "lint/standards"\nplaybook-words = 900\n',
    )
    found = load(tmp_path, NAMES)
    assert found.exclude == ("legacy",) and found.extend_exclude == ("gen/**",)
    assert (found.enforce_ratio, found.min_cases, found.playbook_words) == (0.9, 3, 900)
    assert found.disable == ("controllers",) and found.advise_only == ("old/",)
    assert (found.out, found.source) == ("lint/standards", "pyproject.toml [tool.standards]")


def test_standards_toml_wins_and_no_table_means_defaults(tmp_path: Path) -> None:
    _write(tmp_path, '[project]\nname = "x"\n')
    assert load(tmp_path).source == ""
    _write(tmp_path, "min-cases = 7\n", "standards.toml")
    assert (load(tmp_path).min_cases, load(tmp_path).source) == (7, "standards.toml")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("[tool.standards]\nmin_cases = 3\n", "unknown setting 'min_cases'"),
        ("[tool.standards]\nmin-cases = '3'\n", "'min-cases' must be a whole number"),
        ("[tool.standards]\nenforce-ratio = 0.4\n", "'enforce-ratio' must be a number"),
        ("[tool.standards]\ndisable = ['speed']\n", "'disable' names no analyzer"),
        ("[tool.standards]\nout = '../elsewhere'\n", "'out' must be a folder inside"),
        ("[tool.standards]\nexclude = 'vendor'\n", "'exclude' must be a list of strings"),
        ("[tool.standards\n", "not valid TOML"),
    ],
)
def test_a_bad_setting_names_its_key(tmp_path: Path, text: str, names: str) -> None:
    with pytest.raises(SettingsError, match=names):
        load(_write(tmp_path, text), NAMES)


def test_a_bad_setting_is_a_usage_error_of_one_line(tmp_path: Path) -> None:
    _write(tmp_path, "[tool.standards]\nmin-cases = 0\n")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path)])
    assert result.exit_code == 2
    assert "'min-cases' must be a whole number" in result.output


def test_patterns_match_names_anywhere_and_paths_from_the_root() -> None:
    assert matches("app/legacy/a.py", ("legacy",))
    assert matches("gen/deep/a.py", ("gen/**",)) and matches("gen/a.py", ("gen/",))
    assert not matches("app/gen/a.py", ("gen/**",))


def _repo(tmp_path: Path, settings: str) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    for index in range(9):
        (tmp_path / f"m{index}.py").write_text(f"def load_{index}(a):\n    return a\n")
    (tmp_path / "m9.py").write_text("def loadAll(a):\n    return a\n")
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "lib.py").write_text("def vendored():\n    return 1\n")
    (tmp_path / "gen").mkdir()
    (tmp_path / "gen" / "api.py").write_text("def generated():\n    return 1\n")
    return _write(tmp_path, f"[tool.standards]\n{settings}")


def test_exclusions_replace_or_extend_the_default_folders(tmp_path: Path) -> None:
    found = pipeline.analyze(_repo(tmp_path, 'exclude = []\nextend-exclude = ["gen"]\n'))
    skipped = {s.path: s.reason for s in found.discovery.skipped}
    assert skipped == {"gen/api.py": SkipReason.EXCLUDED}
    assert "vendor/lib.py" in {f.path for f in found.facts}


def test_the_gate_the_pins_and_disabled_analyzers(tmp_path: Path) -> None:
    default = pipeline.analyze(_repo(tmp_path / "a", ""))
    case = {s.id: s for s in default.standards}["naming.python.function-case"]
    assert (case.level, case.evidence.followed, case.evidence.total) == (Level.ADVISE, 10, 11)
    lowered = pipeline.analyze(_repo(tmp_path / "b", "enforce-ratio = 0.9\n"))
    assert {s.id: s for s in lowered.standards}[case.id].level is Level.ENFORCE
    pinned = pipeline.analyze(_repo(tmp_path / "c", f'enforce = ["{case.id}"]\n'))
    assert {s.id: s for s in pinned.standards}[case.id].level is Level.ENFORCE
    off = pipeline.analyze(_repo(tmp_path / "d", 'disable = ["naming"]\n'))
    assert not [s for s in off.standards if s.category == "naming"]


@pytest.fixture
def shop(fixture_repo: Callable[[str], Path]) -> Iterator[Path]:
    root = fixture_repo("flask_service_layer")
    _write(root, '[tool.standards]\nout = "ci/standards"\nadvise-only = ["app/legacy"]\n')
    pipeline.run(root)
    cwd = os.getcwd()
    os.chdir(root)
    yield root
    os.chdir(cwd)


def test_the_output_folder_and_advice_only_paths(shop: Path) -> None:
    recorded = json.loads((shop / "ci/standards/standards.json").read_text())["settings"]
    assert recorded["out"] == "ci/standards" and recorded["advise-only"] == ["app/legacy"]
    assert not (shop / ".standards").exists()
    (shop / "app/legacy").mkdir()
    (shop / "app/legacy/__init__.py").write_text("")
    (shop / "app/legacy/old.py").write_text('"""Old."""\n\n\ndef loadOld() -> None:\n    pass\n')
    (shop / "app/services/new_service.py").write_text(
        '"""New."""\n\n\ndef loadNew() -> None:\n    pass\n'
    )
    result = CliRunner().invoke(main, ["check", "--format", "json"])
    document = json.loads(result.output)
    assert [(v["path"], v["rule"]) for v in document["violations"]] == [
        ("app/services/new_service.py", "N802")
    ]
    assert [(v["path"], v["rule"]) for v in document["advised"]] == [("app/legacy/old.py", "N802")]
    legacy_only = CliRunner().invoke(main, ["check", "app/legacy/old.py"])
    assert legacy_only.exit_code == 0 and "1 advised" in legacy_only.output
