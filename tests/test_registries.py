"""Every implementation module is registered: adding one is one file plus one line."""

from __future__ import annotations

import pkgutil
from collections.abc import Callable, Mapping
from types import ModuleType

import pytest

from standards import analyzers, emitters, languages, targets
from standards.discovery import LANGUAGE_BY_EXTENSION
from standards.targets import eslint, prettier, rubocop
from standards.targets.ruff import formatter
from standards.targets.ruff import target as ruff

SHARED = {"configs", "evidence", "linking", "memo", "places", "roles", "runs", "syntax", "text"}


def _modules(package: ModuleType) -> set[str]:
    return {m.name for m in pkgutil.iter_modules(package.__path__)} - SHARED


@pytest.mark.parametrize(
    ("package", "registry"),
    [
        (analyzers, analyzers.ANALYZERS),
        (emitters, emitters.EMITTERS),
        (languages, languages.LANGUAGES),
        (targets, {name: targets.target(name) for name in targets.TARGETS}),
    ],
)
def test_every_module_is_registered(package: ModuleType, registry: Mapping[str, object]) -> None:
    depth = package.__name__.count(".") + 1
    registered = {module.__name__.split(".")[depth] for module in registry.values()}
    assert registered == _modules(package)


@pytest.mark.parametrize("name", list(languages.REGISTERED))
def test_a_language_is_registered_as_its_module_declares_it(name: str) -> None:
    """What the registry says without importing the module is what the module says."""
    module = languages.LANGUAGES[name]
    assert (name, languages.REGISTERED[name].extensions) == (module.NAME, module.EXTENSIONS)


def test_discovery_knows_the_registered_extensions() -> None:
    registered = languages.REGISTERED.items()
    by_extension = {e: name for name, r in registered for e in r.extensions}
    assert by_extension == LANGUAGE_BY_EXTENSION


@pytest.mark.parametrize("name", list(targets.TARGETS))
def test_a_target_is_registered_under_its_own_name(name: str) -> None:
    assert name == targets.target(name).NAME


@pytest.mark.parametrize(
    ("name", "declared"),
    [
        ("ruff", lambda: (ruff.LANGUAGE,)),
        ("ruff-format", lambda: (formatter.run.LANGUAGE,)),
        ("prettier", lambda: prettier.LANGUAGES),
        ("eslint", lambda: eslint.LANGUAGES),
        ("rubocop", lambda: (rubocop.probe.LANGUAGE,)),
    ],
)
def test_a_target_is_registered_with_the_languages_it_checks(
    name: str, declared: Callable[[], tuple[str, ...]]
) -> None:
    assert targets.TARGETS[name].languages == declared()
