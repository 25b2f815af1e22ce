"""Where code lives, recipes and a playbook that says only what the code shows, end to end
on the fixtures written for them (tiny_no_db, plugin_family, fat_models)."""

from __future__ import annotations

from pathlib import Path

import pytest

from standards import pipeline
from standards.check.runner import run as run_check
from standards.model import Level, Standard
from standards.templating import md_inline, md_text

from .conftest import FIXTURES, git, make_repo

GOLDEN = Path(__file__).parent / "golden"
PROJECT = Path(__file__).resolve().parent.parent


def _by_id(result: pipeline.Result) -> dict[str, Standard]:
    return {s.id: s for s in result.standards}


def _run(name: str, factory: pytest.TempPathFactory) -> pipeline.Result:
    return pipeline.run(make_repo(FIXTURES / name, factory.mktemp(name) / name))


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> pipeline.Result:
    return _run("tiny_no_db", tmp_path_factory)


@pytest.fixture(scope="module")
def family(tmp_path_factory: pytest.TempPathFactory) -> pipeline.Result:
    return _run("plugin_family", tmp_path_factory)


@pytest.fixture(scope="module")
def fat(tmp_path_factory: pytest.TempPathFactory) -> pipeline.Result:
    return _run("fat_models", tmp_path_factory)


def _playbook(result: pipeline.Result) -> str:
    return (result.out / "playbook.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["tiny", "family", "fat"])
def test_playbooks_match_golden(name: str, request: pytest.FixtureRequest) -> None:
    result: pipeline.Result = request.getfixturevalue(name)
    path = GOLDEN / f"{name}.playbook.md"
    if request.config.getoption("--update-golden"):
        path.write_text(_playbook(result), encoding="utf-8")
    assert _playbook(result) == path.read_text(encoding="utf-8"), "--update-golden"


def test_no_database_no_annotations_no_such_advice(tiny: pipeline.Result) -> None:
    found = _by_id(tiny)
    for absent in (
        "controllers.python.delegate-to-services",
        "structure.python.queries",
        "structure.python.recipe.model",
        "typing.python.annotations",
    ):
        assert absent not in found, absent
    text = _playbook(tiny)
    assert "ORM" not in text
    assert "service" not in text.lower()
    assert "annotate" not in text.lower()
    job = found["structure.python.recipe.job"]
    assert (job.parameters["where"], job.evidence.total) == ("app/tasks.py", 5)
    assert found["structure.python.recipe.endpoint"].parameters["where"] == "app/routes.py"


def test_a_family_is_a_recipe_not_layers(family: pipeline.Result) -> None:
    found = _by_id(family)
    plugins = found["structure.python.family.notify-integrations"]
    assert plugins.parameters["skeleton"] == ("forms.py", "tests/", "transport.py", "views.py")
    assert plugins.parameters["typical"] == "notify/integrations/email"  # discord has extra
    assert plugins.parameters["tests"] == ("tests/",)
    transport = {"file": "transport.py", "suffix": "Transport", "base": "Transport"}
    assert transport in plugins.parameters["main_classes"]  # type: ignore[operator]
    missing = {(e.path, e.detail) for e in plugins.evidence.counter_examples}
    assert ("notify/integrations/webhook", "no class <Name>Form in forms.py, forms.py") in missing
    layers = found["layering.python.direction"].parameters["layers"]
    names = {layer["name"] for layer in layers}  # type: ignore[index,union-attr]
    assert names == {"integrations/*", "base"}
    assert not [i for i in found if i.startswith("naming.python.class-affix.notify-integrations")]
    assert "### How to add a new integration" in _playbook(family)


def test_file_roles_are_one_standard_each_and_checked(family: pipeline.Result) -> None:
    found = _by_id(family)
    forms = found["naming.python.file-role.forms"]
    assert (forms.level, forms.parameters["affix"]) == (Level.ENFORCE, "Form")
    assert [(e.path, e.detail) for e in forms.evidence.counter_examples] == [
        ("notify/billing/forms.py", "AddressValidator")
    ]
    transport = found["naming.python.file-role.transport"]
    assert transport.parameters["base"] == "Transport"
    assert [e.detail for e in transport.evidence.counter_examples] == ["MatrixSender"]
    verified = {v.tool: v for v in family.verifications}["standards"]
    assert verified.ok, verified.message
    flagged = [(v.path, v.line) for v in verified.violations if v.rule == forms.id]
    assert flagged == [("notify/billing/forms.py", 22)]


def test_a_new_class_in_a_role_file_is_flagged(family: pipeline.Result) -> None:
    root = family.root
    new = root / "notify" / "integrations" / "slack" / "forms.py"
    new.write_text(new.read_text() + "\n\nclass Helper:\n    pass\n", encoding="utf-8")
    try:
        found = run_check(root, family.out, ["notify/integrations/slack/forms.py"], "standards")
        flagged = [(v.rule, v.line) for v in found.violations]
        assert flagged == [("naming.python.file-role.forms", 10)]
    finally:
        git(root, "checkout", "--", ".")


def test_fat_models_say_where_queries_live(fat: pipeline.Result) -> None:
    found = _by_id(fat)
    assert "controllers.python.delegate-to-services" not in found
    queries = found["structure.python.queries"]
    assert queries.parameters["homes"] == ("models and managers",)
    assert queries.parameters["shares"] == {
        "models and managers": 15,
        "other functions": 1,
        "views and request handlers": 2,
    }
    bad = {(e.path, e.line) for e in queries.evidence.counter_examples}
    assert ("library/views.py", 19) in bad
    model = found["structure.python.recipe.model"]
    assert model.parameters["where"] == "<package>/models.py"
    assert "models and managers (83%, most in \\<package>/models.py)" in _playbook(fat)


def _fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.is_dir()) + [PROJECT]


@pytest.mark.parametrize("root", _fixtures(), ids=lambda p: p.name)
def test_no_advice_is_followed_by_half_or_fewer(root: Path) -> None:
    analysis = pipeline.analyze(root, jobs=1)
    settings = analysis.settings
    for s in analysis.standards:
        if s.level is Level.ADVISE:
            assert s.evidence.ratio > 0.5, s.id
            assert s.evidence.total >= settings.min_cases, s.id


def test_the_playbook_keeps_its_word_budget(tmp_path: Path) -> None:
    root = make_repo(FIXTURES / "plugin_family", tmp_path / "budget")
    (root / "standards.toml").write_text("playbook-words = 400\n", encoding="utf-8")
    result = pipeline.run(root, verify=False)
    text = _playbook(result)
    assert len(text.split()) <= 400
    assert "### How to add a new integration" in text  # where code goes comes first
    assert "more standards, less often applied, are in `standards.json`" in text
    assert "lint.python.ruff-rules" not in text


def test_crafted_family_names_are_escaped_in_the_playbook(tmp_path: Path) -> None:
    root = tmp_path / "crafted"
    folder = root / "ext`*s"
    for name in ("alpha", "beta", "gamma", "delta", "omega"):
        (folder / name).mkdir(parents=True)
        (folder / name / "handlers.py").write_text("def run():\n    return 1\n")
        (folder / name / "config.py").write_text(f"class {name.title()}Config:\n    pass\n")
    git(root, "init", "-q", "-b", "main")
    text = _playbook(pipeline.run(root, verify=False))
    assert md_inline("ext`*s/<name>/") in text
    assert f"### {md_text('How to add a new ext`*')}" in text


def test_a_javascript_repo_lists_its_layers_where_new_code_goes(tmp_path: Path) -> None:
    root = make_repo(FIXTURES / "express_layers", tmp_path / "express_layers")
    text = _playbook(pipeline.run(root, verify=False))
    where = text.split("## Where new code goes", 1)[1]
    assert where.index("**routes**") < where.index("**services**")


def test_recipes_that_would_share_a_heading_say_where_they_apply(tmp_path: Path) -> None:
    """Two families whose folders name no kind of member are both families of packages."""
    root = tmp_path / "two"
    for folder in ("lib", "src"):
        for name in ("alpha", "beta", "gamma", "delta", "omega"):
            (root / folder / name).mkdir(parents=True)
            (root / folder / name / "handlers.py").write_text("def run():\n    return 1\n")
            (root / folder / name / "config.py").write_text(
                f"class {name.title()}Config:\n    pass\n"
            )
    git(root, "init", "-q", "-b", "main")
    headings = [
        line
        for line in _playbook(pipeline.run(root, verify=False)).splitlines()
        if line.startswith("### ")
    ]
    assert f"### {md_text('How to add a new package in lib/')}" in headings
    assert f"### {md_text('How to add a new package in src/')}" in headings
    assert len(headings) == len(set(headings))
