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
    """Line lengths (with the first line of each), indent steps after block openers, tabs.

    Only non-blank lines are looked at (a blank line opens no block), each opener against
    the non-blank line after it: one pass, a Python loop per line of a large repo."""
    lines = text.splitlines()
    numbers = [n for n, line in enumerate(lines, start=1) if line and not line.isspace()]
    filled = [lines[n - 1] for n in numbers]
    widths = list(map(len, filled))
    first = dict(zip(reversed(widths), reversed(numbers), strict=True))
    indents: Counter[int] = Counter()
    for line, following in zip(filled, filled[1:], strict=False):
        if opens(line.rstrip()):
            step = len(following) - len(following.lstrip(" ")) - (len(line) - len(line.lstrip(" ")))
            if step > 0:
                indents[step] += 1
    return StyleStats(
        line_lengths=tuple((n, count, first[n]) for n, count in sorted(Counter(widths).items())),
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
