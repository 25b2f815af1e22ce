"""Docstring convention, quote styles and pytest style: settings that each steer their own
rules, so all of them are probed together, one ruff run per candidate rank.

Why these: each has two or three answers a team picks once (double or single quotes
around docstrings, `@pytest.fixture()` or `@pytest.fixture`), and ruff's default
answer flags every file of a team that picked the other. The docstring convention is
told by its sections: under `google`, numpy-style sections break D416 (no colon after
the name); under `numpy`, google-style ones break D406/D407 (no dashed underline). The
convention whose sections the docstrings use is learned where at least MIN_CASES files
use sections and 95% of them use that one style. `pep257` is kept where the team
configured it but never learned: it only switches rules off, and without sections the
probe keeps each docstring rule the code passes, which says at least as much.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from standards.model import FileFacts, Param
from standards.targets.ruff.search import Option, Scope, Settings, pick, tried

CONVENTION = "lint.pydocstyle.convention"
SECTION_RULES = ("D406", "D407", "D416")
QUOTES = ("double", "single")
PYTEST = (
    ("lint.flake8-pytest-style.fixture-parentheses", (False, True), ("PT001",)),
    ("lint.flake8-pytest-style.mark-parentheses", (False, True), ("PT023",)),
    ("lint.flake8-pytest-style.parametrize-names-type", ("tuple", "list", "csv"), ("PT006",)),
)
VALUES = (
    "lint.flake8-pytest-style.parametrize-values-type",
    "lint.flake8-pytest-style.parametrize-values-row-type",
)
VALUE_TYPES = (("list", "tuple"), ("tuple", "tuple"), ("list", "list"), ("tuple", "list"))


def uses_pytest(facts: Sequence[FileFacts]) -> bool:
    return any(i.module.split(".")[0] == "pytest" for f in facts for i in f.imports)


def options(configured: Mapping[str, Param], pytest: bool) -> list[Option]:
    """The options to probe, each with the team's configured answer first."""
    found = [
        _option(configured, "lint.flake8-quotes.docstring-quotes", QUOTES, ("Q002",)),
        _option(configured, "lint.flake8-quotes.multiline-quotes", QUOTES, ("Q001",)),
        _option(configured, CONVENTION, ("google", "numpy"), SECTION_RULES),
    ]
    if pytest:
        found += [_option(configured, key, values, rules) for key, values, rules in PYTEST]
        first = tuple(configured.get(k, d) for k, d in zip(VALUES, VALUE_TYPES[0], strict=True))
        pairs = [first, *(p for p in VALUE_TYPES if p != first)]
        candidates = tuple(dict(zip(VALUES, pair, strict=True)) for pair in pairs)
        found.append(Option("parametrize-values", candidates, ("PT007",)))
    return found


def _option(
    configured: Mapping[str, Param], key: str, values: tuple[Param, ...], rules: tuple[str, ...]
) -> Option:
    first = configured.get(key, values[0])
    ordered = [first, *(v for v in values if v != first)]
    return Option(key, tuple({key: v} for v in ordered), rules)


def learn(scope: Scope, base: Settings, configured: Mapping[str, Param], pytest: bool) -> Settings:
    """The winning value of every option; the convention only where sections show it."""
    choices = options(configured, pytest)
    failing = tried(scope, base, choices)
    learned: dict[str, Param] = {}
    for option in choices:
        index = pick(scope, failing[option.name])
        if option.name == CONVENTION and not _shown(scope, failing[option.name], index, configured):
            continue
        learned.update(option.candidates[index])
    return learned


def _shown(
    scope: Scope, failing: Sequence[frozenset[str]], index: int, configured: Mapping[str, Param]
) -> bool:
    """The convention `index` is the repo's: configured and passing, or passing where
    the other convention's section checks fail in at least MIN_CASES files."""
    if not scope.passes(len(failing[index])):
        return False
    others = [len(f) for i, f in enumerate(failing) if i != index]
    shown = max(others, default=0) >= scope.min_cases
    return (index == 0 and CONVENTION in configured) or shown
