"""Formatting: line length, quote style, indentation and import style the repo keeps.

Why: formatting disagreements are the cheapest review comments to automate away; a
config learned from the code changes nothing that is already consistent.
Emits `formatting.python.line-length`, `.quotes`, `.indentation` and `.import-style`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from standards.analyzers import AnalyzerExample, roles
from standards.analyzers.evidence import evidence, standard
from standards.model import Example, FileFacts, Level, Standard

LINE_LIMITS = (79, 88, 99, 100, 110, 119, 120, 140, 160)
"""The limits teams actually pick; the learned one is the smallest the code keeps to."""

LINE_SLACK = 0.001
"""Share of lines that may exceed the learned limit (URLs, tables, `noqa`-marked lines)."""


def analyze(facts: Sequence[FileFacts]) -> list[Standard]:
    python = [f for f in roles.authored(facts) if f.lines]
    if not python:
        return []
    found = [_line_length(python), _quotes(python), _indentation(python), _import_style(python)]
    return [s for s in found if s is not None]


def _longest(f: FileFacts) -> int:
    return max((length for length, _, _ in f.style.line_lengths), default=0)


def _over(f: FileFacts, limit: int) -> int:
    return sum(count for length, count, _ in f.style.line_lengths if length > limit)


def _first_over(f: FileFacts, limit: int) -> int:
    return min(line for length, _, line in f.style.line_lengths if length > limit)


def _line_length(facts: Sequence[FileFacts]) -> Standard:
    lines = sum(count for f in facts for _, count, _ in f.style.line_lengths)
    limit = next(
        (n for n in LINE_LIMITS if sum(_over(f, n) for f in facts) <= LINE_SLACK * lines),
        LINE_LIMITS[-1],
    )
    good = [Example(f.path, 1, f"longest line {_longest(f)}") for f in facts if not _over(f, limit)]
    bad = [
        Example(f.path, _first_over(f, limit), f"{_over(f, limit)} lines over {limit}")
        for f in facts
        if _over(f, limit)
    ]
    over = sum(_over(f, limit) for f in facts)
    ev = evidence(good, bad)
    return standard(
        "formatting.python.line-length",
        rule=f"Keep lines at most {limit} characters long.",
        why="The repo's lines already fit this width; longer lines break side-by-side review.",
        parameters={"max": limit},
        ev=replace(ev, followed=lines - over, total=lines),
        targets=("ruff", "playbook"),
    )


def _quotes(facts: Sequence[FileFacts]) -> Standard | None:
    counts = {
        choice: sum(h.count for f in facts if (h := f.style.habit("quotes").get(choice)))
        for choice in ("single", "double")
    }
    if not sum(counts.values()):
        return None
    style = "double" if counts["double"] >= counts["single"] else "single"
    other = _other(style)
    good: list[Example] = []
    bad: list[Example] = []
    for f in facts:
        found = f.style.habit("quotes")
        if found:
            off = found.get(other)
            count, at = (off.count, off.line) if off else (0, 1)
            (bad if off else good).append(Example(f.path, at, f"{count} {other}-quoted"))
    ev = evidence(good, bad)
    return standard(
        "formatting.python.quotes",
        rule=f"Use {style} quotes for strings (unless the string contains one).",
        why="One quote style makes strings uniform and diffs about content only.",
        parameters={"style": style},
        ev=replace(ev, followed=max(counts.values()), total=sum(counts.values())),
        targets=("ruff", "playbook"),
    )


def _other(style: str) -> str:
    return "single" if style == "double" else "double"


def _indentation(facts: Sequence[FileFacts]) -> Standard | None:
    steps: Counter[int] = Counter()
    for f in facts:
        steps.update(dict(f.style.indent_widths))
    if not steps:
        return None
    width = steps.most_common(1)[0][0]
    good = [Example(f.path, 1, f"{width}-space") for f in facts if _width_of(f) == width]
    bad = [
        Example(f.path, 1, "tabs" if f.style.tab_indented_lines else f"{_width_of(f)}-space")
        for f in facts
        if _width_of(f) not in (width, None)
    ]
    return standard(
        "formatting.python.indentation",
        rule=f"Indent blocks by {width} spaces.",
        why="Mixed indentation misleads readers about structure.",
        parameters={"width": width},
        ev=evidence(good, bad),
        targets=("ruff", "playbook"),
    )


def _width_of(f: FileFacts) -> int | None:
    if f.style.tab_indented_lines:
        return 0
    steps = dict(f.style.indent_widths)
    return max(steps, key=lambda w: (steps[w], -w)) if steps else None


def _import_style(facts: Sequence[FileFacts]) -> Standard | None:
    local = [(f.path, i) for f in facts for i in f.imports if i.relative or i.target]
    if not local:
        return None
    relative = sum(1 for _, i in local if i.relative)
    style = "relative" if relative > len(local) - relative else "absolute"
    good = [Example(p, i.line, i.module) for p, i in local if i.relative == (style == "relative")]
    bad = [Example(p, i.line, i.module) for p, i in local if i.relative != (style == "relative")]
    return standard(
        "formatting.python.import-style",
        rule=f"Import the repo's own modules with {style} imports.",
        why="One import style keeps modules movable in one way and grep-able by path.",
        parameters={"style": style},
        ev=evidence(good, bad),
        targets=("ruff", "playbook"),
    )


EXAMPLES = (
    AnalyzerExample(
        files={
            f"pkg/m{i}.py": f'from pkg import base\n\nNAME = "m{i}"\n\n\ndef f():\n'
            f'    if NAME:\n        return "{i}"\n'
            for i in range(6)
        }
        | {"pkg/__init__.py": "", "pkg/base.py": 'VALUE = "x"\n'},
        expect={
            "formatting.python.quotes": (Level.ENFORCE, {"style": "double"}),
            "formatting.python.line-length": (Level.ENFORCE, {"max": 79}),
            "formatting.python.indentation": (Level.ENFORCE, {"width": 4}),
            "formatting.python.import-style": (Level.ENFORCE, {"style": "absolute"}),
        },
    ),
)
