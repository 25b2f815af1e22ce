"""`standards install` on repos with hand-written configs: every line kept, twice is once."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from standards import install, pipeline
from standards.cli import main
from standards.wiring import WiringError, marked, toml_key, yaml_list_item

PRE_COMMIT = """\
# hooks the team keeps
repos:
  - repo: local  # ours
    hooks:
      - id: team-lint
        name: team lint
        entry: "true"
        language: system

# settings for pre-commit.ci
ci:
  autofix_prs: false
"""
PYPROJECT = """\
[project]
name = "shop"  # the shop

# lint settings the team chose
[tool.ruff]
line-length = 88  # wide enough
"""


@pytest.fixture
def shop(fixture_repo: Callable[[str], Path]) -> Path:
    root = fixture_repo("flask_service_layer")
    (root / ".pre-commit-config.yaml").write_text(PRE_COMMIT)
    (root / "pyproject.toml").write_text(PYPROJECT)
    pipeline.run(root)
    return root


def _kept(original: str, now: str) -> bool:
    """Every line of `original` is in `now`, in the same order."""
    lines = iter(now.splitlines())
    return all(any(line == other for other in lines) for line in original.splitlines())


def test_install_keeps_every_line_and_twice_changes_nothing(shop: Path) -> None:
    result = CliRunner().invoke(main, ["install", str(shop), "--yes"])
    assert result.exit_code == 0, result.output
    pre_commit = (shop / ".pre-commit-config.yaml").read_text()
    pyproject = (shop / "pyproject.toml").read_text()
    assert _kept(PRE_COMMIT, pre_commit) and _kept(PYPROJECT, pyproject)
    assert 'extend = ".standards/ruff.toml"' in pyproject
    assert "id: standards-ruff" in pre_commit and "id: standards-check" in pre_commit
    assert install.plan(shop, shop / ".standards") == ()
    again = CliRunner().invoke(main, ["install", str(shop), "--yes"])
    assert "nothing to change" in again.output


def test_installed_configs_are_what_the_real_tools_read(shop: Path) -> None:
    migration = "app/migrations/0001_initial.py"
    (shop / migration).parent.mkdir()
    (shop / migration).write_text("def forwardsFunc() -> None:\n    pass\n")
    pipeline.run(shop)
    install.apply(shop, install.plan(shop, shop / ".standards"))
    validate = [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"]
    done = subprocess.run(validate, cwd=shop, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    (shop / "app/services/user_service.py").write_text("def loadUser() -> None:\n    pass\n")
    ruff = [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise"]
    done = subprocess.run(ruff, cwd=shop, capture_output=True, text=True, check=False)
    assert "app/services/user_service.py:1:5: N802" in done.stdout
    assert migration not in done.stdout


def test_dry_run_writes_nothing(shop: Path) -> None:
    result = CliRunner().invoke(main, ["install", str(shop), "--dry-run"])
    assert result.exit_code == 0
    assert "+extend = " in result.output
    assert (shop / "pyproject.toml").read_text() == PYPROJECT


def test_without_analysis_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["install", str(tmp_path)])
    assert result.exit_code == 2


def test_a_new_ruff_toml_when_the_repo_has_no_ruff_config(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("def load_it():\n    return 1\n")
    pipeline.run(tmp_path)
    changes = install.plan(tmp_path, tmp_path / ".standards")
    assert {c.path: c.before for c in changes} == {
        "ruff.toml": None,
        ".pre-commit-config.yaml": None,
    }


def test_a_persons_extend_is_left_alone_with_a_note(shop: Path) -> None:
    (shop / "pyproject.toml").write_text('[tool.ruff]\nextend = "base.toml"\n')
    (change,) = [c for c in install.plan(shop, shop / ".standards") if c.path == "pyproject.toml"]
    assert change.note.startswith("left alone: extend is already set")
    install.apply(shop, [change])
    assert (shop / "pyproject.toml").read_text() == '[tool.ruff]\nextend = "base.toml"\n'


def test_yaml_that_does_not_parse_is_not_touched() -> None:
    with pytest.raises(WiringError):
        yaml_list_item("repos: [\n", "repos", "- repo: local\n")


def test_a_list_at_column_zero_and_a_replaced_block() -> None:
    first = yaml_list_item("repos:\n- repo: a\n  hooks: []\n", "repos", "- repo: local\n")
    assert first == (
        "repos:\n- repo: a\n  hooks: []\n# standards:begin\n- repo: local\n# standards:end\n"
    )
    second = yaml_list_item(first, "repos", "- repo: local\n  hooks: []\n")
    assert second.count("standards:begin") == 1 and "  hooks: []\n# standards:end" in second


def test_marked_markdown_block_is_replaced_in_place() -> None:
    text = marked("# Notes\n\nmine\n", "see the playbook", "<!--")
    assert text == (
        "# Notes\n\nmine\n\n<!-- standards:begin -->\nsee the playbook\n<!-- standards:end -->\n"
    )
    assert marked(text + "after\n", "new", "<!--").endswith("new\n<!-- standards:end -->\nafter\n")


def test_toml_key_creates_the_table_and_keeps_comments() -> None:
    text = toml_key("# top\n[project]\nname = 'x'  # n\n", ("tool", "ruff"), "extend", "a.toml")
    assert text.startswith("# top\n[project]\nname = 'x'  # n\n")
    assert text.endswith('[tool.ruff]\nextend = "a.toml"\n')


ESLINT_CONFIG = """\
// the team's own lint settings
import js from "@eslint/js";

export default [
  js.configs.recommended, // kept as it is
  { rules: { "no-console": "off" } },
];
"""


def test_eslint_config_imported_and_spread_keeping_every_line(
    fixture_repo: Callable[[str], Path],
) -> None:
    root = fixture_repo("express_layers")
    (root / "eslint.config.mjs").write_text(ESLINT_CONFIG)
    pipeline.run(root)
    install.apply(root, install.plan(root, root / ".standards"))
    text = (root / "eslint.config.mjs").read_text()
    assert _kept(ESLINT_CONFIG, text)
    assert 'import standardsConfig from "./.standards/eslint.config.mjs";' in text
    assert "export default [\n  ...standardsConfig," in text
    assert install.plan(root, root / ".standards") == ()


def test_plain_eslint_applies_the_learned_rules_after_install(
    fixture_repo: Callable[[str], Path],
) -> None:
    root = fixture_repo("express_layers")
    pipeline.run(root)
    install.apply(root, install.plan(root, root / ".standards"))
    assert (root / "eslint.config.mjs").exists()
    (root / "src/services/oddService.js").write_text("function load_odd() {\n  return 1;\n}\n")
    eslint = root / ".standards/node_modules/.bin/eslint"
    done = subprocess.run(
        [str(eslint), "src/services/oddService.js"], cwd=root, capture_output=True, text=True
    )
    assert done.returncode == 1 and "camelcase" in done.stdout, done.stdout + done.stderr
