"""`standards install` on repos with hand-written configs: every line kept, twice is once."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from standards import install, pipeline
from standards.cli import main
from standards.targets.rubocop import inherit as rubocop_inherit
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
        "AGENTS.md": None,
        "CLAUDE.md": None,
        ".cursor/rules/standards.mdc": None,
        ".cursor/rules/standards-python.mdc": None,
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


AGENTS_MD = """\
# Working on the shop

<!-- a note to ourselves -->
Run `make test` before pushing.

- keep PRs small
"""
RUBOCOP_YML = """\
# the team's RuboCop settings
# (reviewed every quarter)

AllCops:
  TargetRubyVersion: 3.1  # production ruby
  NewCops: disable

inherit_from:
  # what we have not fixed yet
  - .rubocop_todo.yml   # regenerate with --auto-gen-config

Layout/LineLength:
  Max: 120  # wide screens
"""
LEARNED_COPS = """\
# generated by standards (a stand-in for the RuboCop target's output)
Style/StringLiterals:
  Enabled: true
  EnforcedStyle: double_quotes
"""


def test_agent_files_get_a_block_and_cursor_rules_are_copied(shop: Path) -> None:
    (shop / "AGENTS.md").write_text(AGENTS_MD)
    install.apply(shop, install.plan(shop, shop / ".standards"))
    agents_md, claude_md = (shop / "AGENTS.md").read_text(), (shop / "CLAUDE.md").read_text()
    assert _kept(AGENTS_MD, agents_md) and "`.standards/playbook.md`" in agents_md
    assert agents_md.startswith(AGENTS_MD) and agents_md.count("standards:begin") == 1
    assert (
        claude_md.startswith("<!-- standards:begin -->")
        and "\n@.standards/CLAUDE.md\n" in claude_md
    )
    generated = sorted(p.name for p in (shop / ".standards/cursor/rules").glob("*.mdc"))
    assert generated and sorted(p.name for p in (shop / ".cursor/rules").iterdir()) == generated
    assert install.plan(shop, shop / ".standards") == ()


def test_an_edited_block_is_replaced_in_place_and_a_teams_rule_left_alone(shop: Path) -> None:
    install.apply(shop, install.plan(shop, shop / ".standards"))
    text = (shop / "AGENTS.md").read_text().replace("Follow the rules", "Follow the old rules")
    (shop / "AGENTS.md").write_text("# Ours\n\n" + text + "\nafter the block\n")
    gone = (shop / ".cursor/rules/standards.mdc").read_text()
    (shop / ".cursor/rules/standards-python-gone.mdc").write_text(gone)
    (shop / ".cursor/rules/standards.mdc").write_text("---\ndescription: ours\n---\nmine\n")
    changes = {c.path: c for c in install.plan(shop, shop / ".standards")}
    assert changes[".cursor/rules/standards.mdc"].note == "left alone: a rule of the team's own"
    assert changes[".cursor/rules/standards-python-gone.mdc"].note.endswith("no longer generated")
    install.apply(shop, list(changes.values()))
    after = (shop / "AGENTS.md").read_text()
    assert (
        "old rules" not in after
        and after.startswith("# Ours\n\n")
        and after.endswith("after the block\n")
    )
    assert (shop / ".cursor/rules/standards.mdc").read_text().endswith("mine\n")


def test_rubocop_inherits_the_generated_config_and_plain_rubocop_applies_it(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.py").write_text("def load_it():\n    return 1\n")
    pipeline.run(tmp_path, verify=False)
    (tmp_path / ".standards/rubocop.yml").write_text(LEARNED_COPS)
    (tmp_path / ".rubocop.yml").write_text(RUBOCOP_YML)
    (tmp_path / ".rubocop_todo.yml").write_text("# nothing yet\n")
    (tmp_path / "greeter.rb").write_text("# frozen_string_literal: true\n\nputs 'hello'\n")
    install.apply(tmp_path, install.plan(tmp_path, tmp_path / ".standards"))
    text = (tmp_path / ".rubocop.yml").read_text()
    assert _kept(RUBOCOP_YML, text)
    assert yaml.safe_load(text)["inherit_from"] == [".standards/rubocop.yml", ".rubocop_todo.yml"]
    assert install.plan(tmp_path, tmp_path / ".standards") == ()
    rubocop = ["rubocop", "--format", "emacs", "--cache", "false", "greeter.rb"]
    done = subprocess.run(rubocop, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert "Style/StringLiterals" in done.stdout, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("", ["x/rubocop.yml"]),
        ("# only a comment\n", ["x/rubocop.yml"]),
        ("AllCops: {}", ["x/rubocop.yml"]),
        ("inherit_from:\n- a.yml\n- b.yml\n", ["x/rubocop.yml", "a.yml", "b.yml"]),
    ],
)
def test_inherit_from_first_and_twice_is_once(before: str, expected: list[str]) -> None:
    once = rubocop_inherit.inherited(before, "x/rubocop.yml")
    assert yaml.safe_load(once)["inherit_from"] == expected and _kept(before, once)
    assert rubocop_inherit.inherited(once, "x/rubocop.yml") == once


def test_an_inline_inherit_from_is_left_alone_with_a_note(tmp_path: Path) -> None:
    (tmp_path / ".standards").mkdir()
    (tmp_path / ".standards/rubocop.yml").write_text(LEARNED_COPS)
    (tmp_path / ".rubocop.yml").write_text("inherit_from: .rubocop_todo.yml\n")
    (change,) = rubocop_inherit.wire(tmp_path, tmp_path / ".standards")
    assert change.note.startswith("left alone: inherit_from is written inline")
