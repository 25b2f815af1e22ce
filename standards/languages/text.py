"""What every language counts the same way from plain text: line lengths, indentation
steps, tabs, and habits gathered as lines per (question, answer).

Languages differ only in what opens a block (`:` in Python, `{` in JavaScript, `do` in
Ruby) and in which syntax answers a style question; the counting is shared here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from standards.model import Habit, StyleStats

Opens = Callable[[str], bool]
"""Whether a (right-stripped) line opens an indented block."""


def layout(text: str, opens: Opens) -> StyleStats:
    """Line lengths (with the first line of each), indent steps after block openers, tabs."""
    lines = text.splitlines()
    lengths: Counter[int] = Counter()
    first: dict[int, int] = {}
    for number, line in enumerate(lines, 1):
        if line.strip():
            lengths[len(line)] += 1
            first.setdefault(len(line), number)
    indents: Counter[int] = Counter()
    for index, line in enumerate(lines):
        if opens(line.rstrip()):
            step = _indent_step(lines, index)
            if step > 0:
                indents[step] += 1
    return StyleStats(
        line_lengths=tuple((length, n, first[length]) for length, n in sorted(lengths.items())),
        indent_widths=tuple(sorted(indents.items())),
        tab_indented_lines=sum(1 for line in lines if line.startswith("\t")),
    )


def habits(found: Mapping[str, Mapping[str, Sequence[int]]]) -> tuple[Habit, ...]:
    """One `Habit` per (question, answer) seen, from the lines each answer was seen on."""
    return tuple(
        sorted(
            Habit(name, choice, len(lines), min(lines))
            for name, answers in found.items()
            for choice, lines in answers.items()
            if lines
        )
    )


def _indent_step(lines: list[str], index: int) -> int:
    own = len(lines[index]) - len(lines[index].lstrip(" "))
    for following in lines[index + 1 :]:
        if following.strip():
            return len(following) - len(following.lstrip(" ")) - own
    return 0
