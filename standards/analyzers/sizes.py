"""Sizes: how long, how branchy and how wide the repo's functions and files usually are.

Why: a limit learned from the repo's own distribution (its 95th percentile, never its
worst file) holds new code to what the team already writes, without a flood of findings.
Emits `sizes.python.function-length`, `.function-statements`, `.parameters`,
`.complexity`, `.branches` and `.file-length`, each with p50/p90/p95 and the outliers.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from standards.analyzers import AnalyzerExample, roles
from standards.analyzers.evidence import MAX_EXAMPLES, limit, percentile, standard
from standards.languages import Language
from standards.model import (
    CALLABLES,
    Definition,
    Evidence,
    Example,
    FileFacts,
    Level,
    Standard,
)


@dataclass(frozen=True)
class Measure:
    id: str
    noun: str
    floor: int
    """Never learn a limit below this: tiny repos would get limits nobody could keep."""
    linted: bool
    """Whether the python linter can hold it (ruff has no function-length rule)."""
    value: Callable[[Definition], int]


FUNCTION_MEASURES = (
    Measure("function-length", "lines per function", 20, False, lambda d: d.length),
    Measure("function-statements", "statements per function", 15, True, lambda d: d.statements),
    Measure(
        "parameters",
        "parameters per function",
        5,
        True,
        lambda d: sum(1 for p in d.parameters if not p.startswith("*")),
    ),
    Measure("complexity", "cyclomatic complexity", 8, True, lambda d: d.complexity),
    Measure("branches", "branches per function", 8, True, lambda d: d.complexity - 1),
)
FILE_LENGTH = Measure("file-length", "lines per file", 300, False, lambda d: d.length)


def analyze(facts: Sequence[FileFacts], language: Language) -> list[Standard]:
    authored = roles.authored(facts, language.NAME)
    functions = [(f.path, d) for f in authored for d in f.definitions if d.kind in CALLABLES]
    result = []
    if functions:
        for m in FUNCTION_MEASURES:
            cases = [(p, d.line, m.value(d)) for p, d in functions]
            linter = (language.LINTER,) if m.linted else ()
            result.append(_standard(language.NAME, m, linter, cases))
    files = [(f.path, 1, f.lines) for f in authored if f.lines]
    if files:
        result.append(_standard(language.NAME, FILE_LENGTH, (), files))
    return result


def _standard(
    lang: str, m: Measure, linter: tuple[str, ...], cases: list[tuple[str, int, int]]
) -> Standard:
    values = [v for _, _, v in cases]
    learned = limit(values, m.floor)
    noun = m.noun
    followed = sum(1 for v in values if v <= learned)
    good = heapq.nsmallest(
        MAX_EXAMPLES, ((p, line, f"{v}") for p, line, v in cases if v <= learned)
    )
    worst = sorted((c for c in cases if c[2] > learned), key=lambda c: (-c[2], c[0], c[1]))
    ev = Evidence(
        followed=followed,
        total=len(cases),
        examples=tuple(Example(*g) for g in good),
        counter_examples=tuple(Example(p, line, f"{v}") for p, line, v in worst[:MAX_EXAMPLES]),
    )
    return standard(
        f"sizes.{lang}.{m.id}",
        language=lang,
        rule=f"Keep {noun} at most {learned}.",
        why=f"95% of the repo already stays within {learned} {noun}; outliers are where "
        "bugs and slow reviews collect.",
        parameters={
            "max": learned,
            "p50": percentile(values, 0.5),
            "p90": percentile(values, 0.9),
            "p95": percentile(values, 0.95),
        },
        ev=ev,
        targets=(*linter, "playbook"),
    )


EXAMPLES = (
    AnalyzerExample(
        files={
            "app/small.py": "".join(f"def f{i}(a, b):\n    return a + b\n\n\n" for i in range(20)),
        },
        expect={
            "sizes.python.function-length": (Level.ENFORCE, {"max": 20, "p50": 2}),
            "sizes.python.parameters": (Level.ENFORCE, {"max": 5, "p95": 2}),
            "sizes.python.complexity": (Level.ENFORCE, {"max": 8, "p50": 1}),
        },
    ),
    AnalyzerExample(
        files={
            "app/views.py": "".join(
                f"def f{i}():\n" + "    x = 1\n" * (29 if i else 199) + "\n\n" for i in range(10)
            ),
        },
        expect={"sizes.python.function-length": (Level.ADVISE, {"max": 30, "p95": 200})},
    ),
)
