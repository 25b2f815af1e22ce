"""Import order: the repo's own packages, and the isort options its imports follow.

Why: sorted imports are the most common style rule teams automate, and ruff's `I001`
flags every file of a team whose isort options differ from ruff's defaults. The search
starts from the repo's own isort settings (or ruff's defaults) with `known-first-party`
set to the repo's top-level packages; while more than 5% of files fail, it tries each
option below in turn and keeps a change only when fewer files fail. The order puts the
options that reshape many imports first.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from posixpath import basename, dirname

from standards.analyzers import roles
from standards.analyzers.evidence import evidence, standard
from standards.model import Example, FileFacts, Param, Standard
from standards.targets.ruff import settings
from standards.targets.ruff.search import Choice, Option, Scope, Settings, greedy, union

ID = "formatting.python.import-order"
RULE = "I001"
FIRST_PARTY = "lint.isort.known-first-party"
OPTIONS: tuple[tuple[str, tuple[Param, ...]], ...] = (
    ("force-single-line", (False, True)),
    ("force-sort-within-sections", (False, True)),
    ("combine-as-imports", (False, True)),
    ("order-by-type", (True, False)),
    ("case-sensitive", (False, True)),
    ("lines-after-imports", (-1, 1, 2)),
    ("no-lines-before", ((), ("local-folder",))),
    ("from-first", (False, True)),
)
DEFAULT_ORDER = ("future", "standard-library", "third-party", "first-party", "local-folder")


def first_party(paths: Sequence[str]) -> tuple[str, ...]:
    """Top-level packages: folders with an `__init__.py` whose parent has none, outside
    tests and tool-owned folders (`app` for app/__init__.py, `dcim` for netbox/dcim/)."""
    packages = {dirname(p) for p in paths if basename(p) == "__init__.py" and dirname(p)}
    tops = {d for d in packages if dirname(d) not in packages}
    return tuple(
        sorted(
            {
                basename(d)
                for d in tops
                if not (roles.is_test(f"{d}/x.py") or roles.is_tool_owned(f"{d}/x.py"))
            }
        )
    )


def framework(facts: Sequence[FileFacts], own: Sequence[str], min_cases: int) -> str | None:
    """The third-party package the most files import, when at least `min_cases` do: the
    one teams give a section of its own (`django` between standard library and the rest)."""
    counts: Counter[str] = Counter()
    for f in facts:
        counts.update({top for i in f.imports if (top := _third_party(i.module, i.target, own))})
    found = counts.most_common(1)
    return found[0][0] if found and found[0][1] >= min_cases else None


def _third_party(module: str, target: str | None, own: Sequence[str]) -> str | None:
    top = module.split(".")[0]
    if not top or module.startswith(".") or target or top in own or top in sys.stdlib_module_names:
        return None
    return top


def options(configured: Mapping[str, Param], section: str | None) -> list[Option]:
    found = []
    for name, values in OPTIONS:
        key = f"lint.isort.{name}"
        first = configured.get(key, values[0])
        ordered = [first, *(v for v in values if v != first)]
        found.append(Option(key, tuple({key: v} for v in ordered), (RULE,)))
    if section and "lint.isort.section-order" not in configured:
        order = (*DEFAULT_ORDER[:2], section, *DEFAULT_ORDER[2:])
        custom: Settings = {
            "lint.isort.section-order": order,
            "lint.isort.sections": {section: (section,)},
        }
        found.append(Option("section-order", ({}, custom), (RULE,)))
    return found


def learn(
    scope: Scope, base: Settings, configured: Mapping[str, Param], facts: Sequence[FileFacts]
) -> tuple[Standard, Settings]:
    """The import-order standard and the isort settings the code passes best."""
    named = configured.get(FIRST_PARTY)
    own = (
        tuple(map(str, named)) if isinstance(named, tuple) else first_party([f.path for f in facts])
    )
    isort = {k: v for k, v in configured.items() if k.startswith("lint.isort.")}
    start = {**base, **isort, FIRST_PARTY: own}
    choice = greedy(
        scope,
        start,
        lambda settings: union(scope.failing(settings, (RULE,))),
        options(configured, framework(facts, own, scope.min_cases)),
    )
    learned = {k: v for k, v in choice.settings.items() if k.startswith("lint.isort.")}
    return _standard(scope, choice, learned), learned


def _standard(scope: Scope, choice: Choice, learned: Settings) -> Standard:
    shown = ", ".join(
        f"{k.removeprefix('lint.isort.')} = {settings.shown(v)}" for k, v in sorted(learned.items())
    )
    good = [Example(p, 1, "imports sorted") for p in scope.files if p not in choice.failing]
    bad = [Example(p, 1, "imports not sorted (I001)") for p in sorted(choice.failing)]
    return standard(
        ID,
        language="python",
        rule=f"Sort imports as ruff's isort does ({shown}).",
        why="Sorted, grouped imports keep diffs to the import that changed and show at a "
        "glance what a module depends on.",
        parameters=dict(sorted(learned.items())),
        ev=evidence(good, bad),
        targets=("ruff", "playbook"),
    )
