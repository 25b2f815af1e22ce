"""Layering at two depths: packages over a kit, and the same layers inside each package."""

from __future__ import annotations

from pathlib import Path

from standards import pipeline
from standards.analyzers import layering
from standards.languages import language_for
from standards.model import Level
from standards.targets.custom import rules

INNER = "layering.python.direction.inner"


def test_the_layers_inside_packages_are_checked_beside_the_packages_own() -> None:
    """polar's packages import its kit (the most lines), and inside each package endpoints
    import the service and the service its repository: only the packages' layering was
    learned, so a repository importing its service passed every check."""
    files = dict(next(e for e in layering.EXAMPLES if INNER in e.expect).files)
    python = language_for("x.py")
    assert python is not None
    facts = python.link(Path(), [python.parse(p, s.encode()) for p, s in sorted(files.items())])
    found = tuple(layering.analyze(facts, python))
    inner = next(s for s in found if s.id == INNER)
    assert (inner.level, inner.targets) == (Level.ENFORCE, ("standards-check", "playbook"))
    planted = "app/orders/repository.py"
    files[planted] += "from app.orders.service import S\n"
    changed = python.link(Path(), [python.parse(p, s.encode()) for p, s in sorted(files.items())])
    by_path = {f.path: f for f in changed}
    violations = rules.check(found, by_path[planted])
    assert [(v.rule, v.line) for v in violations] == [("layering.python.direction.inner", 2)]
    assert not rules.check(found, by_path["app/users/repository.py"])


KIT = "from app.kit.k import K\n"
RING = {
    "app/__init__.py": "",
    **{f"app/{unit}/__init__.py": "" for unit in ("routes", "orders", "users", "bills", "kit")},
    **{f"app/routes/r{n}.py": "from app.orders.o import O\n" for n in range(3)},
    **{
        f"app/{unit}/{unit[0]}{n}.py": f"from app.{other}.{other[0]} import X\n{KIT}"
        for unit, other in (("orders", "users"), ("users", "bills"), ("bills", "orders"))
        for n in range(3)
    },
    **{f"app/{unit}/{unit[0]}.py": "X = 1\n" for unit in ("orders", "users", "bills")},
    "app/kit/k.py": "K = 1\n",
}
"""Routes over three packages that import one another in a ring, all over a kit."""


def test_a_ring_is_one_layer_between_the_others(tmp_path: Path) -> None:
    """polar's and saleor's feature packages import one another: they were left out of
    the layers, so the kit importing one of them passed every check."""
    python = language_for("x.py")
    assert python is not None
    files = dict(RING)
    facts = python.link(Path(), [python.parse(p, s.encode()) for p, s in sorted(files.items())])
    found = tuple(layering.analyze(facts, python))
    direction = next(s for s in found if s.id == "layering.python.direction")
    assert [(layer["name"], layer["tier"]) for layer in direction.parameters["layers"]] == [  # type: ignore[index,union-attr]
        ("routes", 1),
        ("bills & orders & users", 2),
        ("kit", 3),
    ]
    assert "cycles" not in direction.parameters
    files["app/kit/k.py"] += "from app.users.u import U\n"
    changed = python.link(Path(), [python.parse(p, s.encode()) for p, s in sorted(files.items())])
    kit = next(f for f in changed if f.path == "app/kit/k.py")
    assert [(v.rule, v.line) for v in rules.check(found, kit)] == [("layering.python.direction", 2)]
    for path, text in RING.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    playbook = (pipeline.run(tmp_path, verify=False).out / "playbook.md").read_text()
    assert (
        "- tier 2: **bills**, **orders**, **users** import one another, one layer with no "
        "order inside: `app/bills`, `app/orders`, `app/users`"
    ) in playbook


def test_two_units_importing_each_other_about_as_often_have_no_order() -> None:
    """Django's db and core import each other 51 and 58 times: a bare majority made db
    sit under core and its 51 imports of core counter-examples. A line against a few
    the other way stays an exception (routes over db)."""
    python = language_for("x.py")
    assert python is not None
    files = {
        "app/__init__.py": "",
        **{f"app/{unit}/__init__.py": "" for unit in ("routes", "db", "core", "kit")},
        **{f"app/routes/r{n}.py": "from app.db.d import D\n" for n in range(3)},
        "app/db/back.py": "from app.routes.r0 import R\n",
        **{f"app/db/d{n}.py": f"from app.core.c import C\n{KIT}" for n in range(5)},
        **{f"app/core/c{n}.py": f"from app.db.d import D\n{KIT}" for n in range(6)},
        "app/db/d.py": "D = 1\n",
        "app/core/c.py": "C = 1\n",
        "app/kit/k.py": "K = 1\n",
    }
    facts = python.link(Path(), [python.parse(p, s.encode()) for p, s in sorted(files.items())])
    (direction,) = layering.analyze(facts, python)
    edges = direction.parameters["edges"]
    assert ("core", "db") not in edges  # type: ignore[operator]
    assert ("routes", "db") in edges  # type: ignore[operator]
    assert [e.path for e in direction.evidence.counter_examples] == ["app/db/back.py"]
