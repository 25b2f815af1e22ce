"""`standards analyze` end to end on the fixtures: what each must find, exactly."""

from __future__ import annotations

import gc
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from standards import pipeline
from standards.analyzers import layering
from standards.model import Level, SkipReason, Standard

from .conftest import FIXTURES, make_repo

GOLDEN = Path(__file__).parent / "golden"


def _by_id(result: pipeline.Result) -> dict[str, Standard]:
    return {s.id: s for s in result.standards}


def _golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; --update-golden"


@pytest.fixture(scope="module")
def flask(tmp_path_factory: pytest.TempPathFactory) -> pipeline.Result:
    root = make_repo(FIXTURES / "flask_service_layer", tmp_path_factory.mktemp("f") / "flask")
    return pipeline.run(root)


@pytest.fixture(scope="module")
def django(tmp_path_factory: pytest.TempPathFactory) -> pipeline.Result:
    root = make_repo(FIXTURES / "django_fat_views", tmp_path_factory.mktemp("d") / "django")
    return pipeline.run(root)


def test_flask_layers_and_the_planted_upward_import(flask: pipeline.Result) -> None:
    layering = _by_id(flask)["layering.python.direction"]
    assert layering.level is Level.ENFORCE
    names = [layer["name"] for layer in layering.parameters["layers"]]  # type: ignore[index,union-attr]
    assert names == ["routes", "services", "models", "extensions"]
    bad = [(e.path, e.line) for e in layering.evidence.counter_examples]
    assert bad == [("app/models/order.py", 4)]


def test_flask_thin_routes_and_the_planted_fat_one(flask: pipeline.Result) -> None:
    found = _by_id(flask)
    length = found["controllers.python.handler-length"]
    delegate = found["controllers.python.delegate-to-services"]
    assert (length.level, delegate.level) == (Level.ENFORCE, Level.ENFORCE)
    assert length.parameters["max_lines"] == 15
    assert delegate.parameters["service_paths"] == ("app/services",)
    assert (delegate.evidence.followed, delegate.evidence.total) == (23, 24)
    fat = [(e.path, e.line) for e in length.evidence.counter_examples]
    assert fat == [("app/routes/orders.py", 40)]


def test_flask_naming_formatting_and_affixes(flask: pipeline.Result) -> None:
    found = _by_id(flask)
    expected = {
        "naming.python.function-case": "snake_case",
        "naming.python.class-case": "PascalCase",
        "naming.python.constant-case": "UPPER_CASE",
        "naming.python.variable-case": "snake_case",
        "formatting.python.quotes": "double",
        "formatting.python.import-style": "absolute",
    }
    for standard_id, style in expected.items():
        assert found[standard_id].parameters["style"] == style, standard_id
        assert found[standard_id].level is Level.ENFORCE, standard_id
    assert found["formatting.python.line-length"].parameters["max"] == 88
    affix = found["naming.python.class-affix.app-services"]
    assert (affix.parameters["affix"], affix.level) == ("Service", Level.ENFORCE)


def test_django_fat_views_without_services(django: pipeline.Result) -> None:
    found = _by_id(django)
    assert "controllers.python.delegate-to-services" not in found  # 0 of 14 would follow it
    length = found["controllers.python.handler-length"]
    assert length.evidence.counter_examples[0].path == "orders/views.py"
    assert length.evidence.counter_examples[0].detail.startswith("checkout: ")


def test_django_planted_counter_examples(django: pipeline.Result) -> None:
    found = _by_id(django)
    quotes = found["formatting.python.quotes"]
    assert (quotes.parameters["style"], quotes.level) == ("single", Level.ENFORCE)
    assert [e.path for e in quotes.evidence.counter_examples] == ["catalog/views.py"]
    function_case = found["naming.python.function-case"]
    bad = [(e.path, e.line, e.detail) for e in function_case.evidence.counter_examples]
    assert bad == [("orders/views.py", 15, "applyDiscount")]
    assert found["formatting.python.line-length"].parameters["max"] == 79
    layers = found["layering.python.direction"].parameters["layers"]
    assert [layer["name"] for layer in layers][-1] == "models"  # type: ignore[index,union-attr]


@pytest.mark.parametrize("name", ["flask", "django"])
def test_outputs_match_golden_and_rerun_byte_identically(
    name: str, request: pytest.FixtureRequest
) -> None:
    result: pipeline.Result = request.getfixturevalue(name)
    update = bool(request.config.getoption("--update-golden"))
    texts = {f: (result.out / f).read_text(encoding="utf-8") for f in result.written}
    for file in ("standards.json", "playbook.md", "ruff.toml", "pre-commit-config.yaml"):
        _golden(f"{name}.{file}", texts[file], update)
    again = pipeline.run(result.root)
    assert {f: (again.out / f).read_text(encoding="utf-8") for f in again.written} == texts


def test_bad_input_is_reported_and_the_rest_analyzed(tmp_path: Path) -> None:
    root = tmp_path / "bad"
    shutil.copytree(FIXTURES / "bad_input", root, symlinks=True)
    (root / "huge.py").write_text("x = 1  # " + "a" * 5_000_000)
    result = pipeline.run(root)
    skipped = {s.path: s.reason for s in result.summary.skipped}
    assert skipped == {
        "binary.py": SkipReason.BINARY,
        "generated.js": SkipReason.GENERATED,
        "huge.py": SkipReason.TOO_LARGE,
        "loop_a.py": SkipReason.SYMLINK_LOOP,
        "loop_b.py": SkipReason.SYMLINK_LOOP,
        "minified.js": SkipReason.MINIFIED,
        "node_modules/pkg/index.js": SkipReason.VENDORED,
        "outside.py": SkipReason.SYMLINK_OUTSIDE,
    }
    assert [p for p, _ in result.summary.problems] == ["latin1.py", "syntax_error.py"]
    facts = {f.path: f for f in pipeline.analyze(root).facts}
    assert sorted(facts) == ["empty.py", "good.py", "latin1.py", "syntax_error.py"]
    assert facts["latin1.py"].problems[0].startswith("not valid UTF-8")
    assert facts["syntax_error.py"].problems == ("syntax error at line 1",)
    assert "fine" in {d.name for d in facts["syntax_error.py"].definitions}
    assert [d.name for d in facts["good.py"].definitions] == ["add", "greet"]


def test_empty_and_non_git_folders(tmp_path: Path) -> None:
    result = pipeline.run(tmp_path)
    assert result.summary.files == 0
    assert result.standards == ()
    assert json.loads((tmp_path / ".standards" / "standards.json").read_text())["standards"] == []


def test_writes_nothing_outside_its_output_folder(
    fixture_repo: Callable[[str], Path], tmp_path: Path
) -> None:
    root = fixture_repo("flask_service_layer")
    before = {p: p.stat().st_mtime_ns for p in root.rglob("*") if ".git" not in p.parts}
    out = tmp_path / "elsewhere"
    pipeline.run(root, out)
    after = {p: p.stat().st_mtime_ns for p in root.rglob("*") if ".git" not in p.parts}
    assert after == before
    assert sorted(os.listdir(out)) == [
        "AGENTS.md",
        "CLAUDE.md",
        "baseline.json",
        "ci",
        "cursor",
        "dangerfile.js",
        "playbook.md",
        "pre-commit-config.yaml",
        "ruff.toml",
        "standards.json",
    ]


@pytest.mark.parametrize("enabled", [True, False])
def test_a_run_never_wakes_the_cyclic_collector_and_leaves_it_as_it_was(
    tmp_path: Path, enabled: bool
) -> None:
    """The facts live to the end and form no cycles: a pass of the collector during a run
    would scan them all again for nothing."""
    root = make_repo(FIXTURES / "flask_service_layer", tmp_path / "flask")
    passes: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    (gc.enable if enabled else gc.disable)()
    gc.callbacks.append(count)
    try:
        pipeline.run(root, verify=False)
        assert passes == []
        assert gc.isenabled() is enabled
    finally:
        gc.callbacks.remove(count)
        gc.unfreeze()
        gc.enable()


def test_the_playbook_names_the_units_in_a_cycle_beside_the_layers(tmp_path: Path) -> None:
    """Units that import one another have no tier; leaving them out would have a reader
    think the layers are the whole repo."""
    for path, text in layering.EXAMPLES[1].files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    result = pipeline.run(tmp_path, verify=False)
    playbook = (result.out / "playbook.md").read_text(encoding="utf-8")
    assert "- tier 1: **routes** (presentation): `app/routes`" in playbook
    assert (
        "- no tier: **x**, **y**, **z** import one another, so none is above the others: "
        "`app/x`, `app/y`, `app/z`"
    ) in playbook


def test_the_playbook_says_which_layers_import_each_other(tmp_path: Path) -> None:
    """maybe's jobs and models import each other: listed on tiers 2 and 3, a reader would
    take a job loading a model for a violation the check does not report."""
    example = next(e for e in layering.EXAMPLES if "app/jobs/j0.py" in e.files)
    for path, text in example.files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    result = pipeline.run(tmp_path, verify=False)
    playbook = (result.out / "playbook.md").read_text(encoding="utf-8")
    assert (
        "- no order: **jobs** and **models** import each other, so either may import the other"
    ) in playbook


def test_a_layer_per_module_is_listed_by_tier_names_only(tmp_path: Path) -> None:
    """A flat package whose modules import one another in a chain has a layer per module
    (Etherpad's node/utils had 71): a line each with its path would fill the guide."""
    for i in range(14):
        below = f"from pkg import m{i + 1}\n\n\n" if i < 13 else ""
        path = tmp_path / "pkg" / f"m{i}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{below}def f{i}():\n    return {i}\n", encoding="utf-8")
    (tmp_path / "pkg" / "__init__.py").touch()
    result = pipeline.run(tmp_path, verify=False)
    playbook = (result.out / "playbook.md").read_text(encoding="utf-8")
    assert "- tier 1: **m0**\n" in playbook
    assert "- tier 14: **m13**\n" in playbook
    assert "(14 layers; `standards explain layering.python.direction` gives each" in playbook
    assert "`pkg/m0.py`" not in playbook.split("## Layering rules")[0]
    (direction,) = [s for s in result.standards if s.id == "layering.python.direction"]
    assert direction.rule == (
        "Import only downward through the 14 layers, tier by tier "
        "(`standards explain layering.python.direction`)."
    )
    assert layering.order(direction) == (
        "14 layers, listed by `standards explain layering.python.direction`"
    )


def test_a_tier_of_many_modules_names_the_first_of_them(tmp_path: Path) -> None:
    """Twenty modules over one base (excalidraw's components made a tier of 104): the tier
    names the first twelve and counts the rest."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").touch()
    (package / "base.py").write_text("def f():\n    return 1\n", encoding="utf-8")
    for i in range(20):
        (package / f"m{i:02}.py").write_text(f"from pkg import base\n\nX{i} = base\n")
    result = pipeline.run(tmp_path, verify=False)
    playbook = (result.out / "playbook.md").read_text(encoding="utf-8")
    first = ", ".join(f"**m{n:02}**" for n in range(12))
    assert f"- tier 1: {first} and 8 more\n" in playbook
    assert "- tier 2: **base**\n" in playbook


def test_where_new_code_goes_is_said_of_the_main_language_only(tmp_path: Path) -> None:
    """A Python package without layers and a small JavaScript example app with them (as
    django-allauth ships a React example): the example's layers are not where new code
    goes, though its own layering rule stays."""
    for i in range(8):
        body = "".join(f"def f{n}():\n    return {n}\n\n\n" for n in range(20))
        (tmp_path / "pkg" / f"m{i}.py").parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "pkg" / f"m{i}.py").write_text(body, encoding="utf-8")
    app = tmp_path / "examples" / "app" / "src"
    for folder, name, text in [
        *[("routes", n, "import { s } from '../services/s.js';\n") for n in "abcde"],
        ("services", "s", "import { m } from '../models/m.js';\nexport const s = m;\n"),
        ("models", "m", "export const m = 1;\n"),
    ]:
        (app / folder).mkdir(parents=True, exist_ok=True)
        (app / folder / f"{name}.js").write_text(text, encoding="utf-8")
    result = pipeline.run(tmp_path, verify=False)
    assert "layering.javascript.direction" in _by_id(result)
    assert "## Where new code goes" not in (result.out / "playbook.md").read_text("utf-8")
