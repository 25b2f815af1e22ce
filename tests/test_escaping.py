"""A crafted folder name never becomes code or markup in a generated file."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import yaml

from standards import node, pipeline
from standards.templating import glob_literal, toml_value

HOSTILE = 'svc"; import os; os.system(`id`) #\\\n# Injected ${x} </script> [a](b) |'


def test_hostile_folder_names_are_escaped_everywhere(tmp_path: Path) -> None:
    services = tmp_path / "app" / HOSTILE
    services.mkdir(parents=True)
    for name in ("user", "order", "mail", "bill", "ship"):
        (services / f"{name}_service.py").write_text(
            f"class {name.title()}Service:\n    def run(self) -> int:\n        return 1\n"
        )
        (services / "tests").mkdir(exist_ok=True)
        (services / "tests" / f"test_{name}_service.py").write_text("def test_it():\n    pass\n")
    (tmp_path / "app" / "views.py").write_text("def index(request):\n    return 1\n")
    (services / "migrations").mkdir()
    (services / "migrations" / "0001_initial.py").write_text("import os\nrevision = 'a'\n")
    result = pipeline.run(tmp_path)
    out = result.out
    standards = json.loads((out / "standards.json").read_text())
    folders = [f for s in standards["standards"] for f in s["parameters"].get("folders", [])]
    assert f"app/{HOSTILE}" in folders
    layout = next(s for s in standards["standards"] if s["id"] == "tests.python.layout")
    assert layout["parameters"]["template"] == f"app/{HOSTILE}/tests/test_<module>.py"
    ruff_toml = tomllib.loads((out / "ruff.toml").read_text())
    assert ruff_toml["extend-exclude"] == ["../" + glob_literal(f"app/{HOSTILE}/migrations")]
    ruff = next(v for v in result.verifications if v.tool == "ruff")
    assert ruff.ok and ruff.rules_enabled and not ruff.violations
    hooks = yaml.safe_load((out / "pre-commit-config.yaml").read_text())
    assert {h["id"] for h in hooks["repos"][0]["hooks"]} >= {"standards-ruff", "standards-check"}
    playbook = (out / "playbook.md").read_text()
    assert "\n# Injected" not in playbook
    assert not any(line.startswith("# ") for line in playbook.splitlines()[2:])
    outside_code = "".join(playbook.split("``")[::2])
    assert "</script>" not in outside_code.replace("\\</script>", "")


JS_HOSTILE = ["${process.exit(1)}", "'); require('child_process').exec('id'); ('"]


def test_hostile_folder_names_stay_strings_in_the_eslint_config(tmp_path: Path) -> None:
    """A folder named like JavaScript code is data in eslint.config.mjs and its tests."""
    for index, name in enumerate(JS_HOSTILE):
        folder = tmp_path / "src" / name
        folder.mkdir(parents=True)
        for item in ("user", "order", "mail", "bill", "ship"):
            (folder / f"{item}Service{index}.js").write_text(
                f"class {item.title()}Service{index} {{\n  run() {{\n    return 1;\n  }}\n}}\n\n"
                f"module.exports = {{ {item.title()}Service{index} }};\n"
            )
    result = pipeline.run(tmp_path)
    eslint = [v for v in result.verifications if v.tool == "eslint"]
    assert eslint and eslint[0].ok, eslint
    read = (
        "const blocks = (await import('./eslint.config.mjs')).default;"
        "const rule = (b) => (b.rules || {})['standards/class-affix'];"
        "console.log(JSON.stringify(blocks.filter(rule).flatMap("
        "(b) => rule(b)[1].entries.flatMap((e) => e.folders))));"
    )
    done = node.script(result.out, read)
    assert done.returncode == 0, done.stderr
    assert sorted(json.loads(done.stdout)) == sorted(f"src/{name}" for name in JS_HOSTILE)


def test_toml_values_of_any_shape_round_trip() -> None:
    value = {HOSTILE: (HOSTILE, 3, True), "empty": ()}
    assert tomllib.loads(f"x = {toml_value(value)}")["x"] == {
        HOSTILE: [HOSTILE, 3, True],
        "empty": [],
    }
