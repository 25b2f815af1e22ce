"""What every language counts the same way from plain text: line lengths, indentation
steps, tabs, and habits gathered as lines per (question, answer).

Languages differ only in what opens a block (`:` in Python, `{` in JavaScript, `do` in
Ruby) and in which syntax answers a style question; the counting is shared here.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from standards.model import Habit, StyleStats

Opens = Callable[[str], bool]
"""Whether a (right-stripped) line opens an indented block."""


def layout(text: str, opens: Opens) -> StyleStats:
    """Line lengths (with the first line of each), indent steps after block openers, tabs."""
    lines = text.splitlines()
    filled = [index for index, line in enumerate(lines) if line and not line.isspace()]
    lengths = Counter(len(lines[index]) for index in filled)
    first = {len(lines[index]): index + 1 for index in reversed(filled)}
    indents: Counter[int] = Counter()
    for index, line in enumerate(lines):
        if opens(line.rstrip()):
            step = _indent_step(lines, filled, index)
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


def _indent_step(lines: list[str], filled: list[int], index: int) -> int:
    """How much deeper the next non-blank line after `index` is indented (`filled` are the
    non-blank lines' indexes, in order)."""
    following = bisect_right(filled, index)
    if following == len(filled):
        return 0
    own, line = lines[index], lines[filled[following]]
    return len(line) - len(line.lstrip(" ")) - (len(own) - len(own.lstrip(" ")))
