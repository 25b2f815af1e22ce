"""How evidence becomes a level and a confidence: the one place analyzers share.

The thresholds are named here and documented in playbook/METHOD.md, so a reader can
tell why a finding was enforced or only advised.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from operator import attrgetter

from standards.model import Evidence, Example, Level, Param, Standard

ENFORCE_RATIO = 0.95
"""Share of cases that must follow a rule before it is enforced rather than advised."""

MIN_CASES = 5
"""Fewer cases than this are too few to enforce anything on."""

LIMIT_PERCENTILE = 0.95
"""A learned limit is what 95% of the repo's cases (functions, files, handlers) stay within,
so it passes the enforce gate by construction and the baseline holds the outliers."""

MAX_EXAMPLES = 3
"""Examples and counter-examples kept per standard: enough to show, short to read."""

ORDER = attrgetter(*(f.name for f in fields(Example) if f.compare))
"""An example's sort key, the tuple its dataclass ordering compares."""

Case = tuple[str, int, str]
"""(path, line, detail): an `Example` not yet made, sorted as one is."""


def mostly_broken(ev: Evidence) -> bool:
    """Whether most cases break the rule: the playbook is read as instructions, so such a
    rule is never advised, whoever found it."""
    return ev.ratio <= 0.5


def evidence(followed: Iterable[Example], broken: Iterable[Example]) -> Evidence:
    """Evidence from every case that follows and every case that breaks a rule."""
    good, bad = list(followed), list(broken)
    return Evidence(
        followed=len(good),
        total=len(good) + len(bad),
        examples=first(good),
        counter_examples=first(bad),
    )


def bundled(
    cases: int, broken: int, clean: Iterable[Example], dirty: Iterable[Example]
) -> Evidence:
    """Evidence of a linter's kept rules taken together: each rule on each file it applies
    to is one case, since each rule was kept on its own adherence (a file clean of
    hundreds of rules at once is rarer than any one rule's breaks). The examples are
    files clean of every rule, the counter-examples files that break one."""
    return Evidence(cases - broken, cases, first(clean), first(dirty))


def counted(followed: Iterable[Case], broken: Iterable[Case]) -> Evidence:
    """`evidence` from cases not yet made examples, for analyzers with thousands of them."""
    good, bad = list(followed), list(broken)
    return Evidence(len(good), len(good) + len(bad), shown(good), shown(bad))


def shown(cases: Iterable[Case]) -> tuple[Example, ...]:
    """The MAX_EXAMPLES first cases in sorted order, as examples: for analyzers with many
    cases, which make only the few shown into `Example`s (making one costs as much as
    comparing a hundred cases)."""
    return tuple(Example(*case) for case in heapq.nsmallest(MAX_EXAMPLES, cases))


def first(examples: Iterable[Example]) -> tuple[Example, ...]:
    """The MAX_EXAMPLES first examples in sorted order, without sorting them all."""
    return tuple(heapq.nsmallest(MAX_EXAMPLES, examples, key=ORDER))


def confidence(ev: Evidence) -> float:
    """Lower bound of the Wilson interval (95%): high only with many consistent cases."""
    if not ev.total:
        return 0.0
    z, n, p = 1.96, ev.total, ev.ratio
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return round((centre - margin) / (1 + z * z / n), 3)


def level(ev: Evidence, ratio: float = ENFORCE_RATIO, min_cases: int = MIN_CASES) -> Level:
    """Enforce a rule the code follows consistently, on enough cases; advise the rest."""
    if ev.total >= min_cases and ev.ratio >= ratio:
        return Level.ENFORCE
    return Level.ADVISE


def standard(
    id: str,
    *,
    language: str,
    rule: str,
    why: str,
    parameters: Mapping[str, Param],
    ev: Evidence,
    targets: Sequence[str] = ("playbook",),
) -> Standard:
    """A `Standard` whose level and confidence follow from its evidence."""
    return Standard(
        id=id,
        language=language,
        rule=rule,
        why=why,
        parameters=parameters,
        evidence=ev,
        confidence=confidence(ev),
        level=level(ev),
        targets=tuple(targets),
    )


def percentile(values: Sequence[int], q: float) -> int:
    """The value at quantile `q` (nearest rank), so thresholds are values the repo has."""
    if not values:
        return 0
    ordered = sorted(values)
    rank = max(1, math.ceil(q * len(ordered)))
    return ordered[rank - 1]


def limit(values: Sequence[int], floor: int) -> int:
    """The learned limit: the LIMIT_PERCENTILE value, at least `floor`, never the worst case.

    With fewer than 20 cases the 95th percentile is the maximum, and a limit at the
    maximum would bless the one outlier it exists to catch.
    """
    if len(values) < 2:
        return floor
    ordered = sorted(values)
    rank = min(max(1, math.ceil(LIMIT_PERCENTILE * len(ordered))), len(ordered) - 1)
    return max(floor, ordered[rank - 1])
