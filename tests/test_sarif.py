"""`standards check --format sarif`: valid SARIF 2.1.0 whose rules explain themselves.

Every document is validated against the OASIS SARIF 2.1.0 schema (`sarif_validated`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from standards.check.runner import CheckResult
from standards.cli import main
from standards.model import Evidence, Example, Level, Standard, Violation
from standards.render.violations import sarif

from .conftest import sarif_validated


def _standard(
    id_: str, rule: str, level: Level = Level.ENFORCE, targets: tuple[str, ...] = ()
) -> Standard:
    evidence = Evidence(
        9,
        10,
        (Example("app/good.py", 3, "kept"), Example("app/other.py", 4, "kept too")),
        (Example("app/bad.py", 7, "broken"),),
    )
    parameters = {"max_lines": 40, "layers": ("routes", "services"), "strict": True}
    language = id_.split(".")[1]
    why = "Readers know where to look."
    return Standard(id_, language, rule, why, parameters, evidence, 0.9, level, targets)


def _rules(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in document["runs"][0]["tool"]["driver"]["rules"]}


CRAFTED = "Keep *handlers* <b>short</b> | `x` [link](javascript:alert(1))."


def test_a_standard_rule_carries_its_sentence_why_values_and_evidence() -> None:
    s = _standard("controllers.python.handler-length", CRAFTED)
    found = Violation("app/routes/a b#1%.py", 12, s.id, "too long", "standards", "f1")
    document = sarif_validated(sarif(CheckResult((found,), 0, ("app/routes/a b#1%.py",), (), (s,))))
    rule = _rules(document)[s.id]
    assert rule["shortDescription"] == {"text": CRAFTED}
    assert rule["fullDescription"] == {"text": "Readers know where to look."}
    assert rule["defaultConfiguration"] == {"level": "error"}
    assert rule["properties"]["tags"] == ["controllers", "python"]
    markdown = rule["help"]["markdown"]
    assert "- max lines: `40`" in markdown
    assert "- layers: `routes, services`" in markdown
    assert "- strict: `true`" in markdown
    assert "- Example: `app/good.py:3` kept" in markdown
    assert "app/other.py" not in markdown  # one example, one counter-example
    assert "- Counter-example: `app/bad.py:7` broken" in markdown
    assert "`standards explain controllers.python.handler-length`" in markdown
    assert "\\<b>short\\</b>" in markdown and "\\*handlers\\*" in markdown
    assert "\\[link\\]" in markdown
    assert "Counter-example: app/bad.py:7 broken" in rule["help"]["text"]
    result = document["runs"][0]["results"][0]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "app/routes/a%20b%231%25.py"
    assert result["partialFingerprints"] == {"standards/v1": "f1"}
    assert (result["ruleId"], result["ruleIndex"], result["level"]) == (s.id, 0, "error")


def test_levels_follow_the_standard_and_advice_paths_are_notes() -> None:
    s = _standard("naming.python.module-case", "Name modules in snake_case.", Level.ADVISE)
    failing = Violation("app/x.py", 1, s.id, "m", "standards", "a")
    held = Violation("legacy/y.py", 2, s.id, "m", "standards", "b")
    document = sarif_validated(sarif(CheckResult((failing,), 0, (), (held,), (s,))))
    assert _rules(document)[s.id]["defaultConfiguration"] == {"level": "warning"}
    levels = [
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["level"])
        for r in document["runs"][0]["results"]
    ]
    assert levels == [("app/x.py", "warning"), ("legacy/y.py", "note")]


def test_tool_rules_say_what_is_known_and_link_the_tools_documentation() -> None:
    found = (
        Violation("app/x.py", 3, "N802", "Function name should be lowercase", "ruff", "1"),
        Violation("app/x.py", 1, "syntax-error", "bad", "ruff", "2"),
        Violation("web/a.js", 1, "syntax-error", "bad", "eslint", "3"),
        Violation("web/a.js", 2, "no-unused-vars", "unused", "eslint", "4"),
        Violation("web/b.ts", 2, "@typescript-eslint/no-explicit-any", "any", "eslint", "5"),
        Violation("web/b.ts", 3, "@stylistic/semi", "semi", "eslint", "6"),
        Violation("app/x.py", 5, "arg-type", "wrong", "mypy", "7"),
    )
    rules = _rules(sarif_validated(sarif(CheckResult(found, 0, (), (), ()))))
    assert sorted(rules) == [
        "eslint/@stylistic/semi",
        "eslint/@typescript-eslint/no-explicit-any",
        "eslint/no-unused-vars",
        "eslint/syntax-error",
        "mypy/arg-type",
        "ruff/N802",
        "ruff/syntax-error",
    ]
    n802 = rules["ruff/N802"]
    assert n802["name"] == "invalid-function-name"
    assert n802["helpUri"] == "https://docs.astral.sh/ruff/rules/invalid-function-name/"
    assert n802["properties"]["tags"] == ["ruff", "python"]
    assert n802["help"]["markdown"].startswith("ruff N802 (invalid-function-name).")
    assert "`standards check --tool ruff`" in n802["help"]["markdown"]
    stylistic = rules["eslint/@stylistic/semi"]["help"]["markdown"]
    assert stylistic.startswith("eslint @stylistic/semi.")
    uris = {id_: r.get("helpUri") for id_, r in rules.items()}
    assert uris["eslint/no-unused-vars"] == "https://eslint.org/docs/latest/rules/no-unused-vars"
    assert uris["eslint/@typescript-eslint/no-explicit-any"] == (
        "https://typescript-eslint.io/rules/no-explicit-any"
    )
    assert uris["eslint/@stylistic/semi"] == "https://eslint.style/rules/semi"
    assert uris["ruff/syntax-error"] is uris["eslint/syntax-error"] is uris["mypy/arg-type"] is None
    assert rules["eslint/@typescript-eslint/no-explicit-any"]["properties"]["tags"] == [
        "eslint",
        "typescript",
    ]


def test_a_formatter_finding_is_described_by_the_formatter_standard() -> None:
    s = _standard("formatting.python.formatter", "Format code with `ruff format`.")
    found = Violation("app/x.py", 1, "format", "not formatted", "ruff-format", "9")
    rule = _rules(sarif_validated(sarif(CheckResult((found,), 0, (), (), (s,)))))[
        "ruff-format/format"
    ]
    assert rule["shortDescription"] == {"text": "Format code with `ruff format`."}
    assert "standards explain formatting.python.formatter" in rule["help"]["text"]


def test_check_writes_sarif_code_scanning_can_read(shop: Path) -> None:
    """Through the CLI on a fixture: a misnamed service class and a camelCase function."""
    (shop / "app/services/extra_service.py").write_text(
        '"""Extras."""\n\n\nclass Helper:\n    pass\n\n\ndef sendAll() -> None:\n    pass\n'
    )
    result = CliRunner().invoke(main, ["check", "--format", "sarif"])
    assert result.exit_code == 1, result.output
    document = sarif_validated(result.output)
    found = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in document["runs"][0]["results"]
    }
    assert found == {("naming.python.class-affix.app-services", 4), ("ruff/N802", 8)}
    rules = _rules(document)
    affix = rules["naming.python.class-affix.app-services"]
    assert "- affix: `Service`" in affix["help"]["markdown"]
    assert affix["help"]["markdown"].count("app/services/") >= 2  # an example from the repo
    assert rules["ruff/N802"]["helpUri"].endswith("/invalid-function-name/")
    again = CliRunner().invoke(main, ["check", "--format", "sarif"])
    assert again.output == result.output


def test_a_long_rule_is_cut_in_the_title_and_whole_in_the_help() -> None:
    long_rule = "Import only downward through the layers: " + ", ".join(f"m{n}" for n in range(99))
    s = _standard("layering.javascript.direction", long_rule, targets=("eslint",))
    found = Violation("web/a.js", 1, "standards/layers", "upward", "eslint", "f")
    rule = _rules(sarif_validated(sarif(CheckResult((found,), 0, (), (), (s,)))))
    layers = rule["eslint/standards/layers"]
    assert len(layers["shortDescription"]["text"]) == 200
    assert layers["shortDescription"]["text"].endswith("…")
    assert long_rule in layers["help"]["text"]
    assert layers["fullDescription"] == {"text": "Readers know where to look."}  # the plugin
    assert layers["properties"]["tags"] == ["layering", "javascript"]  # rule's standard
