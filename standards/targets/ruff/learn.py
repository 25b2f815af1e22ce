"""What ruff learns about a repo, step by step, each step using the settings before it.

1. limits and `target-version` (one run): the analyzers' line length and sizes as ruff
   counts them; the oldest Python the metadata claims and the syntax allows;
2. quotes, docstring convention, pytest style (one run per candidate rank);
3. the formatter (`ruff format --check`), and then a doc-line limit below the line
   length, where the code has one;
4. import order (I001), wrapped at the formatter's line length;
5. every stable rule at once (`--select ALL`) with all of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from standards.analyzers import roles
from standards.model import Analysis, FileFacts, Level, Param, Standard
from standards.targets.ruff import (
    catalogue,
    formatter,
    isort,
    limits,
    probe,
    rules,
    run,
    settings,
    styles,
    versions,
)
from standards.targets.ruff.search import Scope

DOC = "lint.pycodestyle.max-doc-length"
TARGET = "target-version"


def learn(analysis: Analysis) -> tuple[Standard, ...]:
    authored = [
        f
        for f in analysis.facts
        if f.path in set(run.python_files(analysis.facts)) and not roles.is_tool_owned(f.path)
    ]
    if not authored:
        return ()
    scope = Scope(analysis.root, tuple(f.path for f in authored))
    chosen, measured = _limits(scope, settings.settings(analysis.standards))
    chosen.update(styles.learn(scope, chosen, {}, styles.uses_pytest(authored)))
    formatting, layout = formatter.learn_formatter(scope, chosen)
    chosen.update(layout)
    chosen.update(_doc_length(scope, authored, measured, chosen))
    order, sorting = isort.learn(scope, chosen, {}, authored)
    chosen.update(sorting)
    probed = probe.run_all(scope, chosen, "lint.pydocstyle.convention" in chosen)
    enforced = formatting.level is Level.ENFORCE
    learned = settings.learned_codes(analysis.standards)
    lint, _ = rules.learn(probed, chosen, learned, {}, enforced)
    return (formatting, order, lint)


def _limits(scope: Scope, base: Mapping[str, Param]) -> tuple[dict[str, Param], limits.Limits]:
    """Base settings and what was measured: each limit is probed at its lowest candidate,
    so every higher one can be judged."""
    keys = limits.measurable({*base, "line-length", DOC})
    probing: dict[str, Param] = {k: v for k, v in base.items() if k not in keys}
    for key in keys:
        floor = [limits.DOC_LIMITS[0]] if key == DOC else []
        value = base.get(key)
        probing[key] = min(([value] if isinstance(value, int) else []) + floor or [88])
    start, claimed = _claimed(scope)
    found = list(
        run.probe(
            scope.root,
            scope.files,
            {**probing, TARGET: versions.name(start)},
            [limits.RULES[k] for k in keys],
        )
    )
    chosen = {k: v for k, v in base.items() if k != DOC}
    minor = versions.resolve(start, versions.needed(found), scope.allowed, claimed)
    chosen[TARGET] = versions.name(minor)
    return chosen, limits.Limits.of(found)


def _doc_length(
    scope: Scope, facts: Sequence[FileFacts], measured: limits.Limits, chosen: Mapping[str, Param]
) -> dict[str, Param]:
    """A doc-line limit the code has below the line length, if any."""
    length = chosen.get("line-length", 88)
    assert isinstance(length, int)
    found = limits.doc_length(measured, facts, length, scope.allowed)
    return {DOC: found} if found is not None else {}


def _claimed(scope: Scope) -> tuple[int, bool]:
    """The oldest Python the metadata names, or the oldest ruff knows when it names
    none; and whether it did."""
    oldest = catalogue.target_versions()[0]
    claim = versions.claimed(scope.root)
    return (max(oldest, claim[0]), True) if claim else (oldest, False)
