"""Handlers: where the delegation rule sends queries is said as the repo's places."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from standards.analyzers import controllers, logic
from standards.languages import language_for
from standards.model import Evidence, Level, Standard
from standards.targets.custom import rules as custom_rules
from standards.targets.eslint import checks
from standards.targets.rubocop import cops

ROUTE = '@bp.route("/{0}")\ndef {0}():\n    return service.{0}()\n\n\n'


def _rule(files: dict[str, str]) -> str:
    language = language_for("app/x.py")
    assert language is not None
    facts = language.link(Path(), [language.parse(p, s.encode()) for p, s in files.items()])
    found = {s.id: s for s in controllers.analyze(facts, language)}
    return found["controllers.python.delegate-to-services"].rule


def _app(packages: tuple[str, ...]) -> dict[str, str]:
    files = {"app/__init__.py": ""}
    for name in packages:
        files[f"app/{name}/__init__.py"] = ""
        files[f"app/{name}/service.py"] = "".join(
            f"def {n}():\n    return User.objects.filter(state={n!r})\n\n\n" for n in "ab"
        )
        files[f"app/{name}/views.py"] = f"from app.{name} import service\n\n\n" + "".join(
            ROUTE.format(n) for n in ("a", "b")
        )
    return files


def test_many_services_are_said_as_the_pattern_they_share() -> None:
    """Lemur's twenty `lemur/<package>/service.py` made a rule of twenty paths."""
    rule = _rule(_app(("users", "orders", "carts", "items")))
    assert rule.endswith("call a service in app/<package>/service.py.")


def test_a_few_services_are_named_one_by_one() -> None:
    """Three are no pattern yet: `<package>` would name places the repo lacks."""
    rule = _rule(_app(("users", "orders", "carts")))
    assert rule.endswith(
        "call a service in app/carts/service.py, app/orders/service.py, app/users/service.py."
    )


def test_the_check_says_the_services_as_the_rule_does() -> None:
    """Dispatch's check message listed its 55 `service.py` files in one line."""
    files = _app(("users", "orders", "carts", "items"))
    query = '@bp.route("/q")\ndef q():\n    return User.objects.filter(x=1)\n'
    files["app/users/views.py"] += query
    language = language_for("app/x.py")
    assert language is not None
    facts = language.link(Path(), [language.parse(p, s.encode()) for p, s in files.items()])
    found = {s.id: s for s in controllers.analyze(facts, language)}
    rule = replace(found["controllers.python.delegate-to-services"], level=Level.ENFORCE)
    views = next(f for f in facts if f.path == "app/users/views.py")
    (message,) = [v.message for v in custom_rules.check([rule], views)]
    assert "(app/<package>/service.py)" in message


def test_repositories_are_where_handlers_delegate_too() -> None:
    """mealie's handlers call repositories (mealie/repos, 86% of its queries) and
    services: the rule named only the services, the playbook the repositories as
    'other functions'."""
    files = _app(("users", "orders"))
    files["app/repos/__init__.py"] = ""
    files["app/repos/repository_items.py"] = "".join(
        f"def {n}():\n    return Item.objects.filter(state={n!r})\n\n\n" for n in "abcdef"
    )
    files["app/items/__init__.py"] = ""
    files["app/items/views.py"] = "from app.repos import repository_items as repo\n\n\n" + (
        '@bp.route("/a")\ndef a():\n    return repo.a()\n'
    )
    assert _rule(files).endswith(
        "call a service or repository in app/orders/service.py, app/repos, app/users/service.py."
    )
    language = language_for("app/x.py")
    assert language is not None
    facts = [language.parse(p, s.encode()) for p, s in files.items()]
    (queries,) = logic.analyze(facts, language)
    assert queries.parameters["shares"] == {"repositories": 6, "services": 4}


def test_handlers_of_a_tests_stub_server_are_no_handlers_of_the_app() -> None:
    """parse-server's only handlers were `app.get("/hello", ...)` in spec/: they made
    an enforced 15-line limit for an app whose own handlers were none of them."""
    language = language_for("spec/x.js")
    assert language is not None
    stub = "".join(f"app.get('/{n}', (req, res) => res.send('{n}'));\n" for n in "abcdef")
    files = {"spec/HTTPRequest.spec.js": stub, "spec/support/server.js": stub}
    facts = language.link(Path(), [language.parse(p, s.encode()) for p, s in files.items()])
    assert sum(len(f.handlers) for f in facts) == 12
    assert controllers.analyze(facts, language) == []


def test_a_query_in_an_inline_handler_is_named_by_its_route() -> None:
    """Outline's queries in `router.post("figma.callback", async (ctx) => ...)` read
    'module level'."""
    language = language_for("src/routes/teams.js")
    assert language is not None
    source = "".join(
        f"router.post('teams.{n}', async (ctx) => {{\n  ctx.body = await Team.findAll();\n}});\n"
        for n in ("a", "b", "c", "d", "e")
    )
    facts = [language.parse("src/routes/teams.js", source.encode())]
    (found,) = logic.analyze(facts, language)
    details = [e.detail for e in (*found.evidence.examples, *found.evidence.counter_examples)]
    assert details[0] == "POST teams.a: Team.findAll()"


def test_every_tool_gives_a_querying_handler_the_same_advice() -> None:
    """`standards check`, the ESLint plugin and the RuboCop cop say where to query and
    what to call from one place; the plugin and the cop once listed every service."""
    services = tuple(f"app/{name}/service.py" for name in ("users", "orders", "carts", "items"))
    advice = controllers.advice(services)
    assert (
        advice == "this repo queries elsewhere (app/<package>/service.py): call a service instead"
    )
    rule = Standard(
        id="controllers.javascript.delegate-to-services",
        language="javascript",
        rule="",
        why="",
        parameters={"service_paths": services, "max_orm_calls": 0},
        evidence=Evidence(followed=20, total=20),
        confidence=1.0,
        level=Level.ENFORCE,
        targets=("eslint", "playbook"),
    )
    plugin = checks.configured([rule], [], "javascript")["standards/no-queries-in-handlers"]
    assert plugin[1]["advice"] == advice  # type: ignore[index]
    ruby = replace(
        rule, id="controllers.ruby.delegate-to-services", language="ruby", targets=("rubocop",)
    )
    message = str(cops.configured([ruby], [])["Standards/NoQueriesInActions"]["Message"])  # type: ignore[index]
    assert f"ActiveRecord queries; {advice} (" in message


def test_services_of_several_shapes_are_said_as_the_patterns_that_cover_most() -> None:
    """polar's handlers call 99 services and repositories, files and folders: the rule
    and every check message listed all 99."""
    packages = ("users", "orders", "carts", "items")
    services = tuple(
        sorted(
            [f"app/{p}/service.py" for p in packages]
            + [f"app/{p}/repository.py" for p in packages[:3]]
            + ["app/benefit/grant/service.py", "app/benefit/grant/repository.py"]
            + ["app/portal/service", "app/billing"]
        )
    )
    assert controllers.said(services) == "app/.../service.py, app/.../repository.py and 2 more"
    without_portal = tuple(p for p in services if p != "app/portal/service")
    assert controllers.said(without_portal) == (
        "app/.../service.py, app/.../repository.py and app/billing"
    )
