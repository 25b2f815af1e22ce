"""Agent context files: every line backed by a standard, scoped by where it applies, and
repo values that cannot break out of Markdown or the Cursor rules' frontmatter."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from standards import pipeline
from standards.emitters import agents
from standards.model import (
    Analysis,
    Discovery,
    Evidence,
    Example,
    FileFacts,
    Level,
    Standard,
)

CRAFTED = 'we"ird\n---\nname, x'


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from .conftest import FIXTURES, make_repo

    root = make_repo(FIXTURES / "flask_service_layer", tmp_path_factory.mktemp("a") / "shop")
    result = pipeline.run(root, verify=False)
    out = result.out
    files = {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*.md*")}
    extra = ("standards.json", "pre-commit-config.yaml")
    return {**files, **{name: (out / name).read_text() for name in extra}}


def _frontmatter(text: str) -> tuple[dict[str, str], str]:
    """Cursor's frontmatter as Cursor reads it: `key: value` lines between `---` lines."""
    head, _, body = text.removeprefix("---\n").partition("\n---\n")
    keys = dict(line.split(": ", 1) for line in head.splitlines() if not line.startswith("#"))
    return keys, body


def test_agents_md_points_at_the_playbook_with_the_hooks_commands(shop: dict[str, str]) -> None:
    text = shop["AGENTS.md"]
    assert "`.standards/playbook.md`" in text
    assert "- `pre-commit run -c .standards/pre-commit-config.yaml --all-files`" in text
    assert "- `standards check --tool standards`: " in text
    assert shop["CLAUDE.md"].endswith("\n@AGENTS.md\n@playbook.md\n")
    assert shop["cursor/rules/standards.mdc"].split("\n---\n", 1)[1].startswith("Read ")


def test_the_enforced_counts_add_up_to_the_enforced_standards(shop: dict[str, str]) -> None:
    standards = json.loads(shop["standards.json"])["standards"]
    enforced = [s for s in standards if s["level"] == "enforce"]
    lines = shop["AGENTS.md"].split("## What is enforced\n", 1)[1].strip().splitlines()
    counts = [int(m.group(1)) for line in lines if (m := re.search(r": (\d+) rules?", line))]
    assert len(counts) == len(lines) and sum(counts) == len(enforced)
    hooked = set(re.findall(r"--tool ([\w-]+)", shop["pre-commit-config.yaml"]))
    assert set(re.findall(r"--tool ([\w-]+)`", shop["AGENTS.md"])) <= hooked


def test_cursor_rules_are_scoped_to_where_each_standard_applies(shop: dict[str, str]) -> None:
    rules = {k: _frontmatter(v) for k, v in shop.items() if k.startswith("cursor/rules/")}
    always, _ = rules.pop("cursor/rules/standards.mdc")
    assert always["alwaysApply"] == "true" and "globs" not in always
    services, body = rules["cursor/rules/standards-python-app-services.mdc"]
    assert services["globs"].split(",") == ["app/services/**/*.py", "app/services/**/*.pyi"]
    assert services["alwaysApply"] == "false" and "naming.python.class-affix" in body
    tests, body = rules["cursor/rules/standards-python-tests.mdc"]
    assert "**/test_*.py" in tests["globs"].split(",") and "test-function-case" in body
    everywhere, body = rules["cursor/rules/standards-python.mdc"]
    assert everywhere["globs"] == "**/*.py,**/*.pyi" and "naming.python.function-case" in body
    ids = [i for _, b in rules.values() for i in re.findall(r"`([a-z]+\.python\.[\w.-]+)`", b)]
    assert len(ids) == len(set(ids)), "each standard is in one scoped rule"


def _analysis(root: Path, folders: tuple[str, ...]) -> Analysis:
    ev = Evidence(6, 6, (Example(f"{folders[0]}/a.py", 1, CRAFTED),))
    s = Standard(
        id="naming.python.class-affix.crafted",
        language="python",
        rule=f"Give classes in {folders[0]}/ the suffix 'Service'.",
        why="crafted",
        parameters={"affix": "Service", "folders": folders},
        evidence=ev,
        confidence=1.0,
        level=Level.ENFORCE,
        targets=("standards-check", "playbook"),
    )
    return Analysis(root, Discovery(root, (), ()), (), (s,))


@pytest.mark.parametrize("folder", [CRAFTED, "---", "a b", "x'y"])
def test_a_crafted_folder_cannot_break_the_frontmatter(folder: str, tmp_path: Path) -> None:
    root = tmp_path / CRAFTED
    files = {f.path: f.content for f in agents.emit(_analysis(root, (folder,)), ".standards")}
    assert files == {
        f.path: f.content for f in agents.emit(_analysis(root, (folder,)), ".standards")
    }
    (scoped,) = [v for k, v in files.items() if k.startswith("cursor/") and "python" in k]
    keys, body = _frontmatter(scoped)
    assert sorted(keys) == ["alwaysApply", "description", "globs"]
    assert keys["globs"] == "**/*.py,**/*.pyi", "an unsafe folder widens to the language"
    assert CRAFTED in yaml.safe_load(keys["description"])
    assert all(not line.startswith(("---", "#", "globs")) for line in body.splitlines()[1:])
    for name in ("AGENTS.md", "CLAUDE.md"):
        assert files[name].count("\n---") == 0 and 'we\\"ird' not in files[name]


def test_a_plain_folder_scopes_its_rule(tmp_path: Path) -> None:
    files = agents.emit(_analysis(tmp_path, ("lib/billing-v2",)), ".standards")
    (scoped,) = [f for f in files if f.path.endswith("standards-python-lib-billing-v2.mdc")]
    assert (
        _frontmatter(scoped.content)[0]["globs"] == "lib/billing-v2/**/*.py,lib/billing-v2/**/*.pyi"
    )


def test_no_agent_files_without_standards(fixture_repo: Callable[[str], Path]) -> None:
    root = fixture_repo("bad_input")
    analysis = pipeline.analyze(root)
    empty = Analysis(analysis.root, analysis.discovery, analysis.facts, ())
    assert agents.emit(empty, ".standards") == ()


def test_an_output_folder_with_a_space_is_quoted_in_commands(tmp_path: Path) -> None:
    analysis = _analysis(tmp_path, ("lib",))
    python = replace(analysis, facts=(FileFacts("lib/a.py", "python", 1),))
    files = {f.path: f.content for f in agents.emit(python, "my out")}
    assert "`pre-commit run -c 'my out/pre-commit-config.yaml' --all-files`" in files["AGENTS.md"]
    assert "`standards check --tool standards --out 'my out'`: 1 rule" in files["AGENTS.md"]


def test_a_rule_of_many_folders_names_the_first_few(tmp_path: Path) -> None:
    """polar's layers inside its 69 packages made a description naming all 69."""
    folders = tuple(f"app/p{n:02}" for n in range(69))
    files = agents.emit(_analysis(tmp_path, folders), ".standards")
    (scoped,) = [f for f in files if f.path.endswith("standards-python-app-p00-and-68-more.mdc")]
    keys, _ = _frontmatter(scoped.content)
    assert yaml.safe_load(keys["description"]).endswith(
        "python: app/p00, app/p01, app/p02 and 66 more"
    )
    assert len(keys["globs"].split(",")) == 2 * 69, "the globs name every folder"
