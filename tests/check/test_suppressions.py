"""Inline suppressions of our checks: `# standards: ignore[<id>] reason` on the line or
the one above, counted and shown as suppressed; a suppression without a reason, or one
that suppresses nothing, is reported itself."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from standards import pipeline
from standards.check import suppressions
from standards.languages import language_for
from standards.model import Violation

from ..conftest import check

AFFIX = "naming.python.class-affix.app-services"
HELPER = "class Helper:\n    pass\n"
DOC = '"""Extra helpers."""\n\n\n'


def _find(path: str, text: str) -> list[suppressions.Suppression]:
    language = language_for(path)
    assert language is not None
    return suppressions.find(path, text.encode(), language.comments(path, text.encode()))


def test_a_comment_covers_its_line_or_the_next_line_of_code() -> None:
    text = "\n".join(
        [
            "import os  # standards: ignore[a.b.c] kept for the plugin loader",
            "# standards: ignore[d.e, f.g]   two at once",
            "# standards: ignore[h.i] stacked",
            "",
            "def f():",
            '    """Write `# standards: ignore[x.y] why` above the line."""',
            "    return '# standards: ignore[x.y] in a string' + os.sep",
        ]
    )
    found = _find("m.py", text)
    assert [(s.line, s.ids, s.reason, s.covers) for s in found] == [
        (1, ("a.b.c",), "kept for the plugin loader", (1,)),
        (2, ("d.e", "f.g"), "two at once", (2, 5)),
        (3, ("h.i",), "stacked", (3, 5)),
    ]
    script = "foo(); // standards: ignore[x.y] legacy API\nconst s = '// standards: ignore[z]';\n"
    assert [(s.ids, s.reason, s.covers) for s in _find("m.ts", script)] == [
        (("x.y",), "legacy API", (1,))
    ]
    block = "/* standards: ignore[x.y] generated names */\nclass a_b {}\n"
    assert [(s.reason, s.covers) for s in _find("m.js", block)] == [("generated names", (1, 2))]


def test_only_our_checks_are_suppressed_and_unused_ones_are_reported() -> None:
    found = _find("a.py", "# standards: ignore[E501, x.y] long\nimport os\n")
    ruff = Violation("a.py", 2, "E501", "line too long", "ruff")
    ours = Violation("a.py", 2, "x.y", "breaks x.y", "standards")
    outcome = suppressions.apply([ruff, ours], found, (), ["standards"])
    assert outcome.kept == (ruff,)
    assert [(s.violation, s.reason) for s in outcome.suppressed] == [(ours, "long")]
    assert outcome.problems == ()
    stale = suppressions.apply([ruff], found, (), ["standards"])
    assert [v.rule for v in stale.problems] == [suppressions.UNUSED_RULE]
    assert suppressions.apply([ruff], found, (), ["ruff"]).problems == ()


def test_a_suppressed_violation_passes_and_is_shown(shop: Path) -> None:
    extra = shop / "app/services/extra_service.py"
    extra.write_text(f"{DOC}# standards: ignore[{AFFIX}] wraps a vendor SDK\n{HELPER}")
    code, output = check("app/services/extra_service.py")
    assert code == 0, output
    assert f"extra_service.py:5: {AFFIX} (suppressed: wraps a vendor SDK)" in output
    assert "1 suppressed)" in output
    code, output = check("--format", "json", "app/services/extra_service.py")
    document = json.loads(output)
    assert document["violations"] == []
    assert [(s["rule"], s["line"], s["reason"]) for s in document["suppressed"]] == [
        (AFFIX, 5, "wraps a vendor SDK")
    ]


def test_sarif_marks_suppressed_results_in_source(shop: Path) -> None:
    (shop / "app/services/extra_service.py").write_text(
        f"{DOC}{HELPER.splitlines()[0]}  # standards: ignore[{AFFIX}] vendor name\n    pass\n"
    )
    code, output = check("--format", "sarif", "app/services/extra_service.py")
    assert code == 0, output
    results = json.loads(output)["runs"][0]["results"]
    assert [(r["ruleId"], r["suppressions"]) for r in results] == [
        (AFFIX, [{"kind": "inSource", "justification": "vendor name"}])
    ]


def test_a_suppression_without_a_reason_is_a_violation(shop: Path) -> None:
    (shop / "app/services/extra_service.py").write_text(
        f"{DOC}# standards: ignore[{AFFIX}]\n{HELPER}"
    )
    code, output = check("--format", "json", "app/services/extra_service.py")
    assert code == 1
    document = json.loads(output)
    assert [(v["rule"], v["line"]) for v in document["violations"]] == [
        (suppressions.REASON_RULE, 4)
    ]
    assert [s["rule"] for s in document["suppressed"]] == [AFFIX]


def test_an_unused_suppression_is_reported_by_the_checker_of_its_language(shop: Path) -> None:
    (shop / "app/services/extra_service.py").write_text(
        f"{DOC}# standards: ignore[{AFFIX}] not needed\nclass ExtraService:\n    pass\n"
    )
    code, output = check("--tool", "standards", "app/services/extra_service.py")
    assert code == 1
    assert f"extra_service.py:4: {suppressions.UNUSED_RULE}" in output
    code, output = check("--tool", "ruff", "app/services/extra_service.py")
    assert code == 0, output


def test_a_suppression_names_the_standard_it_holds_back(shop: Path) -> None:
    (shop / "app/services/extra_service.py").write_text(
        f"{DOC}# standards: ignore[naming.python.module-case] wrong id\n{HELPER}"
    )
    code, output = check("app/services/extra_service.py")
    assert code == 1
    assert f"extra_service.py:5: {AFFIX}" in output
    assert suppressions.UNUSED_RULE in output


def test_javascript_suppressions_hold_back_our_eslint_plugin_rules(
    fixture_repo: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fixture_repo("express_layers")
    pipeline.run(root)
    monkeypatch.chdir(root)
    upward = "const { status } = require('../routes/health');\n\nmodule.exports.status = status;\n"
    line = root / "src/models/line.js"
    original = line.read_text()
    line.write_text(original + "\n" + upward)
    code, output = check("--tool", "eslint", "src/models/line.js")
    assert code == 1 and "standards/layers" in output, output
    comment = "// standards: ignore[layering.javascript.direction] health has no model import\n"
    line.write_text(original + "\n" + comment + upward)
    code, output = check("--tool", "eslint", "--format", "json", "src/models/line.js")
    assert code == 0, output  # the repo's learned capitalized-comments leaves ours alone
    assert '"ignorePattern": "standards"' in (root / ".standards/eslint.config.mjs").read_text()
    document = json.loads(output)
    assert [(s["rule"], s["reason"]) for s in document["suppressed"]] == [
        ("standards/layers", "health has no model import")
    ]
