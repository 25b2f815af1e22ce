"""Choosing ruff settings by running ruff: small, ordered searches, never guesses.

Why: a setting is learned only when the code passes it, and ruff is the judge of what
passes. Every search here has the same rule: the first candidate (the repo's own
configured value, else ruff's default) is kept when at least 95% of files pass with it;
otherwise the passing candidate the fewest files fail wins, earlier candidates winning
ties; when none passes, the first stays: a search only ever makes the code pass.
Options that each steer their own rules are tried together, one ruff run per candidate
rank (`parallel`); options that steer the same rule are tried one after another
(`greedy`), each change kept only when fewer files fail.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from standards.analyzers.evidence import ENFORCE_RATIO, MIN_CASES
from standards.model import Param
from standards.targets.ruff import run
from standards.targets.runs import Findings

Settings = Mapping[str, Param]
Failing = frozenset[str]


@dataclass(frozen=True)
class Scope:
    """The files the probes learn from: the repo's authored python files, and the gate
    they are judged by (the team's `[tool.standards]` one, else 95% of at least 5)."""

    root: Path
    files: tuple[str, ...]
    ratio: float = ENFORCE_RATIO
    min_cases: int = MIN_CASES

    def failing(self, settings: Settings, select: Sequence[str]) -> dict[str, set[str]]:
        """The files that break each rule of `select` under `settings`."""
        return by_rule(run.probe(self.root, self.files, settings, select, first=True))

    def unformatted(self, settings: Settings) -> Failing:
        """The files `ruff format` would change under `settings`."""
        found = run.probe(self.root, self.files, settings, (), "format")
        return frozenset(p for p, kept in found.items() if kept)

    @property
    def allowed(self) -> float:
        """How many files may fail a rule or setting that is kept: 5% of them."""
        return (1 - self.ratio) * len(self.files)

    def passes(self, failing: int) -> bool:
        return failing <= self.allowed


@dataclass(frozen=True)
class Option:
    """One setting (or settings that only make sense together) and the rules it steers;
    `candidates[0]` is the configured or default value."""

    name: str
    candidates: tuple[Settings, ...]
    rules: tuple[str, ...]


@dataclass(frozen=True)
class Choice:
    settings: Settings
    failing: Failing


def by_rule(found: Findings) -> dict[str, set[str]]:
    files: dict[str, set[str]] = defaultdict(set)
    for path, kept in found.items():
        for _, rule, *_ in kept:
            files[rule].add(path)
    return files


def pick(scope: Scope, failing: Sequence[Failing]) -> int:
    """The index of the winning candidate, given the files each one fails: the first
    when it passes the gate, else the passing one fewest files fail, else the first
    (no candidate makes the code pass, so the team's or ruff's own answer stands)."""
    passing = [i for i in range(len(failing)) if scope.passes(len(failing[i]))]
    return 0 if 0 in passing or not passing else min(passing, key=lambda i: (len(failing[i]), i))


def tried(scope: Scope, base: Settings, options: Sequence[Option]) -> dict[str, list[Failing]]:
    """The files each candidate of each option fails; run k sets every option to its
    k-th candidate, so the runs are as many as the longest list of candidates."""
    result: dict[str, list[Failing]] = {o.name: [] for o in options}
    for rank in range(max((len(o.candidates) for o in options), default=0)):
        present = [o for o in options if rank < len(o.candidates)]
        settings = {**base, **{k: v for o in present for k, v in o.candidates[rank].items()}}
        found = scope.failing(settings, sorted({r for o in present for r in o.rules}))
        for o in present:
            result[o.name].append(frozenset().union(*(found.get(r, set()) for r in o.rules)))
    return result


def parallel(scope: Scope, base: Settings, options: Sequence[Option]) -> dict[str, Choice]:
    """Each option's winning candidate (see `pick`)."""
    failing = tried(scope, base, options)
    chosen = {}
    for o in options:
        index = pick(scope, failing[o.name])
        chosen[o.name] = Choice(o.candidates[index], failing[o.name][index])
    return chosen


def greedy(
    scope: Scope, base: Settings, measure: Callable[[Settings], Failing], options: Sequence[Option]
) -> Choice:
    """Settings changed one option at a time while that lowers what `measure` fails;
    stops as soon as the gate passes, so a passing start (the team's config) stays,
    and keeps the start when no change makes the code pass."""
    start = Choice(dict(base), measure(base))
    current = start
    for option in options:
        if scope.passes(len(current.failing)):
            break
        for candidate in option.candidates[1:]:
            trial = {**current.settings, **candidate}
            found = measure(trial)
            if len(found) < len(current.failing):
                current = Choice(trial, found)
    return current if scope.passes(len(current.failing)) else start


def union(found: Mapping[str, set[str]]) -> Failing:
    return frozenset().union(*found.values())
