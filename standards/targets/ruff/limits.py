"""Numeric limits (line length, doc length, complexity, arguments...) checked by ruff itself.

Why: a limit the team configured wins only when the code keeps to it, and a limit we
learned must hold the way ruff counts (URLs, pragmas). One ruff run with every limit at
its lowest candidate reports each breach with its size ("Line too long (97 > 88)"), so
the share of files within any higher value is known without running ruff again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from standards.model import FileFacts
from standards.targets.ruff import catalogue
from standards.targets.ruff.search import Scope
from standards.targets.runs import Findings

RULES = {
    "line-length": "E501",
    "lint.pycodestyle.max-doc-length": "W505",
    "lint.mccabe.max-complexity": "C901",
    "lint.pylint.max-args": "PLR0913",
    "lint.pylint.max-positional-args": "PLR0917",
    "lint.pylint.max-branches": "PLR0912",
    "lint.pylint.max-returns": "PLR0911",
    "lint.pylint.max-statements": "PLR0915",
    "lint.pylint.max-bool-expr": "PLR0916",
    "lint.pylint.max-locals": "PLR0914",
    "lint.pylint.max-nested-blocks": "PLR1702",
    "lint.pylint.max-public-methods": "PLR0904",
}
"""Each limit setting and the rule that reports breaches of it with their size."""

DOC_LIMITS = (72, 79, 88)
"""Limits for comments and docstrings: PEP 8's 72, then the two usual short line lengths.
A doc limit is learned only below the line length: otherwise E501 already says it."""

SIZE = re.compile(r"\((\d+) > \d+\)")


def measurable(keys: Iterable[str]) -> list[str]:
    """The limit settings among `keys` whose rule is stable, so ruff reports it."""
    stable = set(catalogue.stable())
    return sorted(k for k in keys if RULES.get(k) in stable)


@dataclass(frozen=True)
class Limits:
    """The largest value each file reaches for each limit, as far as ruff reported
    (values at or below the lowest probed value are not seen and not needed)."""

    worst: Mapping[str, Mapping[str, int]]

    @classmethod
    def of(cls, found: Findings) -> Limits:
        rules = {rule: key for key, rule in RULES.items()}
        worst: dict[str, dict[str, int]] = {}
        for path, kept in found.items():
            for _, rule, message, *_ in kept:
                match = SIZE.search(message) if rule in rules else None
                if match:
                    files = worst.setdefault(rules[rule], {})
                    files[path] = max(files.get(path, 0), int(match[1]))
        return cls(worst)

    def failing(self, key: str, value: int) -> frozenset[str]:
        return frozenset(p for p, n in self.worst.get(key, {}).items() if n > value)


def doc_length(
    limits: Limits, facts: Sequence[FileFacts], line_length: int, scope: Scope
) -> int | None:
    """The smallest doc-line limit the code keeps to, where its code lines go beyond it
    in at least `scope.min_cases` files: a limit of its own, not the line length again."""
    longest = [max(f.style.line_lengths)[0] for f in facts if f.style.line_lengths]
    for limit in (n for n in DOC_LIMITS if n < line_length):
        longer = sum(1 for n in longest if n > limit)
        if scope.passes(len(limits.failing("lint.pycodestyle.max-doc-length", limit))):
            return limit if longer >= scope.min_cases else None
    return None
