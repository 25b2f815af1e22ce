"""Sizes: how long, how branchy and how wide the repo's functions and files usually are.

Why: a limit learned from the repo's own distribution (its 95th percentile, never its
worst file) holds new code to what the team already writes, without a flood of findings.
Emits `sizes.python.function-length`, `.function-statements`, `.parameters`,
`.complexity`, `.branches` and `.file-length`, each with p50/p90/p95 and the outliers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter

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
PLACE = itemgetter(0, 1)
"""(path, line): where a case is, the order its examples are shown in."""


def analyze(facts: Sequence[FileFacts], language: Language) -> list[Standard]:
    authored = roles.authored(facts, language.NAME)
    functions = sorted(
        ((f.path, d.line, d) for f in authored for d in f.definitions if d.kind in CALLABLES),
        key=PLACE,
    )
    places = [(path, line) for path, line, _ in functions]
    definitions = [d for _, _, d in functions]
    result = []
    for m in FUNCTION_MEASURES if functions else ():
        values = list(map(m.value, definitions))
        linter = (language.LINTER,) if m.linted else ()
        result.append(_standard(language.NAME, m, linter, places, values))
    files = sorted((f.path, f.lines) for f in authored if f.lines)
    if files:
        places = [(path, 1) for path, _ in files]
        result.append(_standard(language.NAME, FILE_LENGTH, (), places, [n for _, n in files]))
    return result


def _standard(
    lang: str,
    m: Measure,
    linter: tuple[str, ...],
    places: list[tuple[str, int]],
    values: list[int],
) -> Standard:
    """The limit 95% of `values` keep, and the outliers; `places` (sorted) are where each is."""
    ordered = sorted(values)
    learned = limit(ordered, m.floor)
    noun = m.noun
    worst = sorted((-v, *place) for place, v in zip(places, values, strict=True) if v > learned)
    ev = Evidence(
        followed=bisect_right(ordered, learned),
        total=len(values),
        examples=_first_within(places, values, learned),
        counter_examples=tuple(Example(p, line, f"{-v}") for v, p, line in worst[:MAX_EXAMPLES]),
    )
    return standard(
        f"sizes.{lang}.{m.id}",
        language=lang,
        rule=f"Keep {noun} at most {learned}.",
        why=f"95% of the repo already stays within {learned} {noun}; outliers are where "
        "bugs and slow reviews collect.",
        parameters={
            "max": learned,
            "p50": percentile(ordered, 0.5),
            "p90": percentile(ordered, 0.9),
            "p95": percentile(ordered, 0.95),
        },
        ev=ev,
        targets=(*linter, "playbook"),
    )


def _first_within(
    places: list[tuple[str, int]], values: list[int], learned: int
) -> tuple[Example, ...]:
    """The first examples within the limit, read from the front of the sorted places
    (with any that share the last one's place, which sort by their value's text)."""
    chosen: list[tuple[str, int, str]] = []
    for place, v in zip(places, values, strict=True):
        if v <= learned:
            if len(chosen) >= MAX_EXAMPLES and place != chosen[-1][:2]:
                break
            chosen.append((*place, f"{v}"))
    return tuple(Example(*case) for case in sorted(chosen)[:MAX_EXAMPLES])


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
