"""The tests layout is one pattern with placeholders, with the mirror between test files
and modules where the repo keeps one; test names are judged after the runner's prefix."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from standards.analyzers import naming, tests_layout
from standards.languages import javascript, python, typescript
from standards.model import Level, Standard
from standards.targets.custom import rules

TEST = "def test_it():\n    pass\n"


def _python(files: Mapping[str, str]) -> list[Standard]:
    facts = python.link(Path(), [python.parse(p, s.encode()) for p, s in sorted(files.items())])
    return tests_layout.analyze(facts, python) + naming.analyze(facts, python)


def _found(standards: list[Standard], standard_id: str) -> Standard:
    return next(s for s in standards if s.id == standard_id)


def test_per_app_test_folders_are_one_pattern_not_a_list() -> None:
    apps = ("billing", "catalog", "orders", "users", "search")
    files = {f"src/{app}/{m}.py": "X = 1\n" for app in apps for m in ("models", "views")}
    files |= {f"src/{app}/tests/test_{m}.py": TEST for app in apps for m in ("models", "views")}
    files["src/orders/tests/test_checkout_flow.py"] = TEST
    layout = _found(_python(files), "tests.python.layout")
    assert layout.parameters["template"] == "src/<app>/tests/test_<module>.py"
    assert layout.parameters["mirror"] is True
    assert "billing" not in layout.rule and "src/<app>/tests/test_<module>.py" in layout.rule
    assert "10/11" in layout.rule
    assert layout.level is Level.ENFORCE


def test_top_level_tests_at_several_depths_and_no_mirror() -> None:
    files = {"app/core.py": "X = 1\n"}
    files |= {f"tests/unit/test_case_{i}.py": TEST for i in range(3)}
    files |= {f"tests/unit/api/test_endpoint_{i}.py": TEST for i in range(3)}
    files["tests/test_smoke.py"] = TEST
    layout = _found(_python(files), "tests.python.layout")
    assert layout.parameters["template"] == "tests/**/test_<module>.py"
    assert layout.parameters["mirror"] is False
    assert layout.rule == "Put test files at tests/**/test_<module>.py."


def test_one_varying_folder_level_is_a_placeholder() -> None:
    files = {f"tests/{area}/test_{area}_{i}.py": TEST for area in ("api", "cli") for i in range(3)}
    layout = _found(_python(files), "tests.python.layout")
    assert layout.parameters["template"] == "tests/<area>/test_<module>.py"


def test_colocated_tests_mirror_the_module_beside_them() -> None:
    sources = {f"src/{d}/{m}.js": "export const x = 1;\n" for d in ("a", "b") for m in "xyz"}
    sources |= {f"src/{d}/{m}.test.js": "test('x', () => {});\n" for d in ("a", "b") for m in "xyz"}
    sources["test/e2e/checkout.test.js"] = "test('e2e', () => {});\n"
    parsed = [javascript.parse(p, s.encode()) for p, s in sorted(sources.items())]
    layout = _found(tests_layout.analyze(parsed, javascript), "tests.javascript.layout")
    assert layout.parameters["layout"] == "colocated"
    assert layout.parameters["template"] == "src/<folder>/<module>.test.js"
    assert layout.parameters["mirror"] is True


def test_a_test_name_is_judged_after_the_runner_prefix() -> None:
    names = ("30_days_works", "2fa_login", "404", "renews_yearly", "cancels_at_period_end")
    files = {"tests/test_plans.py": "".join(f"def test_{n}():\n    pass\n" for n in names)}
    files["tests/test_camel.py"] = "def test_renewsMonthly():\n    pass\n"
    case = _found(_python(files), "naming.python.test-function-case")
    assert case.parameters["style"] == "snake_case"
    assert (case.evidence.followed, case.evidence.total) == (5, 6)
    assert [e.detail for e in case.evidence.counter_examples] == ["test_renewsMonthly"]


def test_test_files_of_one_kind_follow_it_whatever_their_extension() -> None:
    """`x.test.ts` and `y.test.tsx` are one convention: a test without JSX is no exception."""
    sources = {f"src/{m}.ts": "export const x = 1;\n" for m in "abcdef"}
    sources |= {f"src/{m}.test.tsx": "test('x', () => {});\n" for m in "abcd"}
    sources |= {f"src/{m}.test.ts": "test('x', () => {});\n" for m in "ef"}
    sources["src/g.spec.ts"] = "test('x', () => {});\n"
    parsed = [typescript.parse(p, s.encode()) for p, s in sorted(sources.items())]
    layout = _found(tests_layout.analyze(parsed, typescript), "tests.typescript.layout")
    assert layout.parameters["pattern"] == "*.test.tsx"
    assert layout.parameters["template"] == "src/<module>.test.tsx"
    assert (layout.evidence.followed, layout.evidence.total) == (6, 7)
    assert [e.path for e in layout.evidence.counter_examples] == ["src/g.spec.ts"]


def test_standards_check_flags_a_test_file_out_of_place() -> None:
    """healthchecks keeps its tests in each app's tests/ (200/201): a test file planted
    beside the code passed every check, the layout only said in the playbook."""
    apps = ("billing", "catalog", "orders", "users", "search")
    files = {f"src/{app}/{m}.py": "X = 1\n" for app in apps for m in ("models", "views")}
    files |= {f"src/{app}/tests/test_{m}.py": TEST for app in apps for m in ("models", "views")}
    layout = _found(_python(files), "tests.python.layout")
    assert layout.level is Level.ENFORCE
    placed = {
        p: python.parse(p, TEST.encode())
        for p in ("src/orders/test_refunds.py", "src/orders/tests/test_refunds.py")
    }
    flagged = {p: [v.rule for v in rules.check([layout], f)] for p, f in placed.items()}
    assert flagged == {
        "src/orders/test_refunds.py": ["tests.python.layout"],
        "src/orders/tests/test_refunds.py": [],
    }
    (found,) = rules.check([layout], placed["src/orders/test_refunds.py"])
    assert found == found.whole_file(), "keyed by the file, whatever its first line says"


def test_standards_check_takes_a_test_of_the_kind_whatever_its_extension() -> None:
    """The check counts as the analysis does: `x.test.ts` is of the kind `*.test.tsx`
    names, `x.spec.ts` is not."""
    sources = {f"src/{m}.test.tsx": "test('x', () => {});\n" for m in "abcdef"}
    parsed = [typescript.parse(p, s.encode()) for p, s in sorted(sources.items())]
    layout = _found(tests_layout.analyze(parsed, typescript), "tests.typescript.layout")
    placed = [
        typescript.parse(p, b"test('x', () => {});\n") for p in ("src/g.test.ts", "src/g.spec.ts")
    ]
    assert [[v.path for v in rules.check([layout], f)] for f in placed] == [[], ["src/g.spec.ts"]]
