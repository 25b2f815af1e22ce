"""Every stable ruff rule in one run: which the code obeys, where, and why the rest are out.

Why: like RuboCop's `--auto-gen-config`, start from every rule and keep what the code
already passes, so the generated config is the strongest one the code passes today.
A rule is kept when at least 95% of the authored files pass it. Tests and glue files
(`__init__.py`) follow their own habits: a path group that breaks a rule in more than
5% of its files is exempted with `per-file-ignores`, as people write by hand, and the
rule is judged on the rest. Left out, each with its reason: preview, deprecated and
removed rules; the losing side of conflicting pairs (D203/D211, D212/D213: the side
fewer files break stays); rules that conflict with the formatter, when it is enforced
(`conflicts.py`); rules the team's own config ignores; rules the gate rejects.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from standards.analyzers import roles
from standards.targets.ruff import catalogue, run
from standards.targets.ruff.search import Scope, Settings
from standards.targets.runs import Found

PAIRS = (("D211", "D203"), ("D212", "D213"))
"""Rules that contradict each other; ruff keeps the first of each when both are selected."""
GROUPS = ("tests", "glue")
Located = tuple[str, int, str, str]
"""A finding where it is: path, line, rule, message (sorted as `Violation`s are)."""


@dataclass(frozen=True)
class Probed:
    """What one run of every stable rule found: per code, the files that break it
    (with the first finding in each), and the path group of every file."""

    scope: Scope
    found: Mapping[str, Mapping[str, Found]]
    groups: Mapping[str, frozenset[str]]

    def failing(self, code: str) -> frozenset[str]:
        return self._failing.get(code, frozenset())

    def considered(self, exempt: tuple[str, ...]) -> frozenset[str]:
        """The files a code is judged on when the groups `exempt` are exempt from it."""
        return self._considered[exempt]

    @cached_property
    def _failing(self) -> dict[str, frozenset[str]]:
        return {code: frozenset(files) for code, files in self.found.items()}

    @cached_property
    def _considered(self) -> dict[tuple[str, ...], frozenset[str]]:
        every = frozenset(self.scope.files)
        exempt = [(), *((g,) for g in GROUPS), GROUPS]
        return {e: every.difference(*(self.groups[g] for g in e)) for e in exempt}


def run_all(scope: Scope, settings: Settings, convention: bool) -> Probed:
    """Run ALL (and D203/D213, which ALL leaves out, unless a convention decides)."""
    found: defaultdict[str, dict[str, Found]] = defaultdict(dict)
    selects = [["ALL"]] if convention else [["ALL"], [b for _, b in PAIRS]]
    for select in selects:
        for path, kept in run.probe(scope.root, scope.files, settings, select, first=True).items():
            for f in kept:
                if path not in (files := found[f[1]]):
                    files[path] = f
    tests = frozenset(p for p in scope.files if roles.is_test(p))
    glue = frozenset(p for p in scope.files if roles.is_glue(p) and p not in tests)
    return Probed(scope, dict(found), {"tests": tests, "glue": glue})


@dataclass(frozen=True)
class Verdict:
    kept: bool
    exempt: tuple[str, ...]
    rate: float


def judge(probed: Probed, code: str) -> Verdict:
    """Kept when 95% of the files it applies to pass; groups that break it are exempt."""
    failing = probed.failing(code)
    scope = probed.scope
    exempt = tuple(g for g in GROUPS if _breaks(scope, failing, probed.groups[g]))
    considered = probed.considered(exempt)
    if len(considered) < scope.min_cases:
        considered, exempt = probed.considered(()), ()
    rate = 1 - len(failing & considered) / len(considered) if considered else 1.0
    return Verdict(rate >= scope.ratio, exempt, rate)


def _breaks(scope: Scope, failing: frozenset[str], group: frozenset[str]) -> bool:
    return bool(group) and len(failing & group) > (1 - scope.ratio) * len(group)


def pair_losers(probed: Probed, convention: bool) -> dict[str, str]:
    """The side of each conflicting pair more files break (a convention decides itself)."""
    out = {}
    for first, second in PAIRS if not convention else ():
        a, b = len(probed.failing(first)), len(probed.failing(second))
        (winner, w), (loser, n) = ((first, a), (second, b)) if a <= b else ((second, b), (first, a))
        out[loser] = f"conflicts with {winner}: {n} files break it, {w} break {winner}"
    return dict(sorted(out.items()))


def status_left_out() -> dict[str, tuple[str, ...]]:
    """Codes never selected: preview, deprecated and removed ones, by status."""
    by_status: dict[str, list[str]] = {}
    for code, rule in sorted(catalogue.rules().items()):
        if rule.status != catalogue.STABLE:
            by_status.setdefault(rule.status, []).append(code)
    return {status: tuple(codes) for status, codes in sorted(by_status.items())}


def convention_left_out(convention: str | None) -> dict[str, str]:
    """Docstring codes a pydocstyle convention switches off (ruff does, even if selected)."""
    if convention is None:
        return {}
    option = f'lint.pydocstyle.convention = "{convention}"'
    on = catalogue.enabled(("D",), ("--config", option))
    codes = [c for c in catalogue.stable() if catalogue.family(c) == "D" and c not in on]
    return {c: f"not part of the {convention} convention" for c in codes}


def cases(probed: Probed, codes: Collection[str], exempt: Mapping[str, Sequence[str]]) -> int:
    """How many (file, code) pairs the kept codes are judged on: each code on every file
    it is not exempted in."""
    files = len(probed.scope.files)
    return sum(files - len(_exempted(probed, exempt.get(code, ()))) for code in codes)


def _exempted(probed: Probed, groups: Sequence[str]) -> frozenset[str]:
    return frozenset().union(*(probed.groups[g] for g in groups))


def counter_examples(
    probed: Probed, codes: Collection[str], exempt: Mapping[str, Sequence[str]]
) -> list[Located]:
    """The first finding of each kept code in each file it is not exempted in."""
    found = []
    for code in codes:
        skipped = _exempted(probed, exempt.get(code, ()))
        kept = probed.found.get(code, {}).items()
        found += [(p, f[0], f[1], f[2]) for p, f in kept if p not in skipped]
    return found
