"""Every implementation module is registered: adding one is one file plus one line."""

from __future__ import annotations

import pkgutil
from types import ModuleType

import pytest

from standards import analyzers, emitters, languages, targets

SHARED = {"evidence", "linking", "memo", "places", "roles", "runs", "syntax", "text"}


def _modules(package: ModuleType) -> set[str]:
    return {m.name for m in pkgutil.iter_modules(package.__path__)} - SHARED


@pytest.mark.parametrize(
    ("package", "registry"),
    [
        (analyzers, analyzers.ANALYZERS),
        (emitters, emitters.EMITTERS),
        (languages, languages.LANGUAGES),
        (targets, targets.TARGETS),
    ],
)
def test_every_module_is_registered(package: ModuleType, registry: dict[str, object]) -> None:
    depth = package.__name__.count(".") + 1
    registered = {module.__name__.split(".")[depth] for module in registry.values()}
    assert registered == _modules(package)
