"""Typing: how much of the repo's code is annotated, and so whether a type checker belongs.

Why: in a repo that already annotates nearly every function, an unannotated one is a
hole in what mypy can prove; in a repo that does not, a type-check hook would only nag.
Emits `typing.python.annotations`; when enforced, the pre-commit config runs mypy.
"""

from __future__ import annotations

from collections.abc import Sequence

from standards.analyzers import AnalyzerExample, roles
from standards.analyzers.evidence import counted, standard
from standards.languages import Language
from standards.model import CALLABLES, FileFacts, Level, Standard


def analyze(facts: Sequence[FileFacts], language: Language) -> list[Standard]:
    functions = [
        (f.path, d)
        for f in roles.authored(facts, language.NAME)
        if not roles.is_test_file(f.path)
        for d in f.definitions
        if d.kind in CALLABLES and not (d.name.startswith("__") and d.name != "__init__")
    ]
    if not functions:
        return []
    ev = counted(
        [(p, d.line, d.name) for p, d in functions if d.annotated],
        [(p, d.line, d.name) for p, d in functions if not d.annotated],
    )
    return [
        standard(
            f"typing.{language.NAME}.annotations",
            language=language.NAME,
            rule="Annotate every function's parameters and return type.",
            why="The repo's code is annotated; an unannotated function is a hole in what "
            "the type checker can prove.",
            parameters={"ratio": round(ev.ratio, 3)},
            ev=ev,
            targets=("mypy", "playbook"),
        )
    ]


EXAMPLES = (
    AnalyzerExample(
        files={f"m{i}.py": f"def f{i}(a: int) -> int:\n    return a\n" for i in range(5)},
        expect={"typing.python.annotations": (Level.ENFORCE, {"ratio": 1.0})},
    ),
    AnalyzerExample(
        files={f"m{i}.py": f"def f{i}(a):\n    return a\n" for i in range(5)},
        expect={"typing.python.annotations": (Level.ADVISE, {"ratio": 0.0})},
    ),
)
