"""`standards check` and `standards baseline --prune` through the CLI, on a real repo."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from standards import store
from standards.cli import main
from standards.languages import python
from standards.model import FileFacts
from standards.targets import TARGETS, CheckRun, target

from ..conftest import check


def test_unchanged_repo_has_no_new_violations(shop: Path) -> None:
    code, output = check("app/routes/orders.py", "app/models/order.py")
    assert code == 0, output
    assert "0 new violations in 2 files (7 baselined)" in output


def test_changed_files_default_and_json(shop: Path) -> None:
    target = shop / "app/services/email_service.py"
    target.write_text(target.read_text() + "\n\ndef sendAll() -> None:\n    pass\n")
    code, output = check("--format", "json")
    assert code == 1
    document = json.loads(output)
    assert document["files"] == ["app/services/email_service.py"]
    assert [(v["rule"], v["line"]) for v in document["violations"]] == [("N802", 16)]


def test_sarif_output(shop: Path) -> None:
    (shop / "app/services/extra_service.py").write_text("class Helper:\n    pass\n")
    code, output = check(
        "--format", "sarif", "--tool", "standards", "app/services/extra_service.py"
    )
    assert code == 1
    run = json.loads(output)["runs"][0]
    assert run["tool"]["driver"]["name"] == "standards"
    result = run["results"][0]
    assert result["ruleId"] == "naming.python.class-affix.app-services"
    location = result["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": "app/services/extra_service.py"},
        "region": {"startLine": 1},
    }


def test_prune_drops_fixed_violations(shop: Path) -> None:
    orders = shop / "app/routes/orders.py"
    text = orders.read_text()
    orders.write_text(text[: text.index('@bp.post("/<int:order_id>/lines")')])
    result = CliRunner().invoke(main, ["baseline", "--prune"])
    assert result.exit_code == 0
    assert "pruned 6 baseline entries" in result.output
    left = json.loads((shop / ".standards/baseline.json").read_text())["violations"]
    assert [(v["rule"], v["path"]) for v in left] == [
        ("layering.python.direction", "app/models/order.py")
    ]


def test_check_without_analysis_is_a_usage_error(tmp_path: Path) -> None:
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        code, output = check("x.py")
    finally:
        os.chdir(cwd)
    assert code == 2


def test_only_the_targets_registered_as_reading_the_files_facts_read_them(shop: Path) -> None:
    """A check parses and links the files before the targets load when one of them reads
    them (its registration says so); the others never ask."""
    standards = store.load_standards((shop / ".standards/standards.json").read_text())
    asked: list[str] = []

    def load() -> tuple[FileFacts, ...]:
        asked.append("facts")
        return ()

    for name, registered in TARGETS.items():
        asked.clear()
        paths = ("app/services/email_service.py", "app/routes/orders.py")
        target(name).check(CheckRun(shop, shop / ".standards", standards, paths, load))
        assert bool(asked) == registered.facts, name


def test_every_tool_reports_on_one_file_at_once(shop: Path) -> None:
    """The targets run together (the tools first, our checks once the file is parsed):
    each reports its own finding on the same change."""
    target = shop / "app/services/product_service.py"
    target.write_text(
        target.read_text()
        + "\nfrom app.routes.users import bp  # noqa: E402, F401\n"
        + "\n\ndef computeTotal(values: list[int]) -> str:\n    return 'total'\n"
    )
    code, output = check("--format", "json", "app/services/product_service.py")
    assert code == 1, output
    found = {(v["tool"], v["rule"]) for v in json.loads(output)["violations"]}
    assert {tool for tool, _ in found} == {"ruff", "ruff-format", "standards"}
    assert {
        ("ruff", "N802"),
        ("ruff-format", "format"),
        ("standards", "layering.python.direction"),
    } <= found


def test_a_file_the_parser_fails_on_is_no_crash(
    shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Python 2 backtick in lobsters' bin/ once raised KeyError out of the parser and
    the `standards check` hook crashed on every commit: the file is its problem, as in
    `analyze`."""

    def fails(path: str, source: bytes) -> FileFacts:
        raise KeyError("`")

    (shop / "app/services/legacy_service.py").write_text("x = `1`\n")
    monkeypatch.setattr(python, "parse", fails)
    result = CliRunner().invoke(
        main, ["check", "--no-cache", "--tool", "standards", "app/services/legacy_service.py"]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
