"""Layering at two depths: packages over a kit, and the same layers inside each package."""

from __future__ import annotations

from pathlib import Path

from standards.analyzers import layering
from standards.languages import language_for
from standards.model import Level
from standards.targets.custom import rules


def test_the_layers_inside_packages_are_checked_beside_the_packages_own() -> None:
    """polar's packages import its kit (the most lines), and inside each package endpoints
    import the service and the service its repository: only the packages' layering was
    learned, so a repository importing its service passed every check."""
    files = dict(layering.EXAMPLES[-1].files)
    python = language_for("x.py")
    assert python is not None
    facts = python.link(Path(), [python.parse(p, s.encode()) for p, s in sorted(files.items())])
    found = tuple(layering.analyze(facts, python))
    inner = next(s for s in found if s.id == "layering.python.direction.inner")
    assert (inner.level, inner.targets) == (Level.ENFORCE, ("standards-check", "playbook"))
    planted = "app/orders/repository.py"
    files[planted] += "from app.orders.service import S\n"
    changed = python.link(Path(), [python.parse(p, s.encode()) for p, s in sorted(files.items())])
    by_path = {f.path: f for f in changed}
    violations = rules.check(found, by_path[planted])
    assert [(v.rule, v.line) for v in violations] == [("layering.python.direction.inner", 2)]
    assert not rules.check(found, by_path["app/users/repository.py"])
