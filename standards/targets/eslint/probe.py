"""ESLint, run for real to learn which of its rules the repo already obeys.

One run over the repo's own JavaScript and TypeScript files with every candidate rule
(core, typescript-eslint without type information, @stylistic), the learned naming and
style options, and the size rules at a maximum of 0 so they measure. A rule is kept for a
language when at least 95% of its files pass it; a rule only test files break is kept
with tests left out, as people write it by hand.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from standards.analyzers import roles
from standards.analyzers.evidence import bundled, standard
from standards.model import Analysis, Example, Standard, Violation
from standards.targets import enforced, prettier, runs
from standards.targets.eslint import config, options
from standards.targets.eslint.catalog import Rule, catalog
from standards.targets.eslint.run import run_eslint, violations

LANGUAGES = ("javascript", "typescript")
PROBE_FILE = ".probe.eslint.config.mjs"


@dataclass(frozen=True)
class Outcome:
    """What one language's files showed under one rule."""

    failing: frozenset[str]
    failing_outside_tests: frozenset[str]


def probe(analysis: Analysis, out: Path) -> tuple[Standard, ...]:
    """`lint.<language>.eslint-rules` for each language with files: the rules kept."""
    files = {
        lang: [f.path for f in roles.authored(analysis.facts, lang)]
        for lang in LANGUAGES
        if roles.authored(analysis.facts, lang)
    }
    if not files:
        return ()
    known = catalog(out)
    settings = {
        lang: _without_layout(
            _candidates(known, lang)
            | options.measuring()
            | options.learned(analysis.standards, lang),
            formatted=enforced(analysis.standards, prettier.formatter_id(lang)) is not None,
        )
        for lang in files
    }
    report = _run(analysis.root, out, settings, [p for paths in files.values() for p in paths])
    return tuple(
        _standard(lang, paths, settings[lang], report, analysis.settings.enforce_ratio)
        for lang, paths in sorted(files.items())
    )


def _without_layout(rules: dict[str, list[object]], formatted: bool) -> dict[str, list[object]]:
    """Where Prettier keeps the layout, ESLint's layout rules would only disagree with it."""
    if not formatted:
        return rules
    return {name: value for name, value in rules.items() if not name.startswith("@stylistic/")}


OPTIONS: dict[str, list[object]] = {
    "capitalized-comments": ["error", "always", {"ignorePattern": "standards"}],
}
"""Candidates probed with options: our suppression comments (`// standards: ignore[...]`)
start in lower case, like the ESLint directives the rule already leaves alone."""


def _candidates(known: dict[str, Rule], language: str) -> dict[str, list[object]]:
    """Every candidate for `language`; in TypeScript a typescript-eslint rule replaces the
    core rule it extends, except a size rule's, which is measured (core `max-params` at
    the repo's limit, never `@typescript-eslint/max-params` at its default of 3 beside it)."""
    rules = [r for r in known.values() if r.candidate]
    typescript = language == "typescript"
    measured = {m.rule for m in options.MEASURES}
    replaced = {
        r.replaces for r in rules if typescript and r.name.startswith("@typescript-eslint/")
    }
    chosen = [
        r.name
        for r in rules
        if r.name not in replaced
        and r.replaces not in measured
        and (typescript or not r.name.startswith("@typescript-eslint/"))
    ]
    return {name: OPTIONS.get(name, ["error"]) for name in sorted(chosen)}


def _run(
    root: Path, out: Path, settings: dict[str, dict[str, list[object]]], files: list[str]
) -> dict[str, list[tuple[str, str, int]]]:
    """(rule, message, line) per file with findings, from one ESLint run with the probing
    config (remembered per file while learning, read as kept: no `Violation` each)."""
    path = out / PROBE_FILE
    text = config.render_probe(settings)
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    try:
        run = partial(_linted, root, out, path)
        kept = runs.by_file("node", ["eslint", str(root), text], files, run)
    finally:
        path.unlink(missing_ok=True)
    return {
        p: [
            ("" if rule == "syntax-error" else rule, message, line)
            for line, rule, message, *_ in found
        ]
        for p, found in kept.items()
        if found
    }


def _linted(root: Path, out: Path, probing: Path, files: Sequence[str]) -> list[Violation]:
    return violations(root, run_eslint(root, out, probing, files))


def _standard(
    language: str,
    files: Sequence[str],
    settings: dict[str, list[object]],
    report: dict[str, list[tuple[str, str, int]]],
    ratio: float,
) -> Standard:
    broken = {p for p in files if any(rule == "" for rule, _, _ in report.get(p, []))}
    checked = [p for p in files if p not in broken]
    messages = [(rule, text) for p in checked for rule, text, _ in report.get(p, [])]
    limits = options.measured(messages)
    outcomes = _outcomes(checked, report)
    allowed = (1 - ratio) * len(checked)
    outside = [p for p in checked if not roles.is_test(p)]
    kept: dict[str, str] = {}
    off_in_tests: list[str] = []
    left_out: dict[str, float] = {}
    for rule, setting in sorted(settings.items()):
        if rule in limits:
            kept[rule] = json.dumps(limits[rule])
            continue
        outcome = outcomes.get(rule)
        failing = len(outcome.failing) if outcome else 0
        if failing <= allowed:
            kept[rule] = json.dumps(setting)
        elif outcome and len(outcome.failing_outside_tests) <= (1 - ratio) * len(outside):
            kept[rule] = json.dumps(setting)
            off_in_tests.append(rule)
        else:
            left_out[rule] = round(1 - failing / len(checked), 3)
    breaking = _breaking(checked, report, kept, limits, off_in_tests)
    dirty = set().union(*breaking.values())
    cases = sum(len(outside) if rule in off_in_tests else len(checked) for rule in kept)
    return standard(
        f"lint.{language}.eslint-rules",
        language=language,
        rule=f"Pass ESLint with the {len(kept)} rules the code already obeys.",
        why="Each rule is one at least 95% of the files already pass (size limits are the "
        "repo's own 95th percentile), so what remains are exceptions, not a new style.",
        parameters={
            "rules": kept,
            "off_in_tests": tuple(off_in_tests),
            "left_out": left_out,
        },
        ev=bundled(
            cases,
            sum(map(len, breaking.values())),
            [Example(p, 1, "clean") for p in checked if p not in dirty],
            [Example(p, 1, "has findings") for p in sorted(dirty)],
        ),
        targets=("eslint",),
    )


def _breaking(
    checked: Sequence[str],
    report: dict[str, list[tuple[str, str, int]]],
    kept: Mapping[str, str],
    limits: Mapping[str, options.Setting],
    off_in_tests: list[str],
) -> dict[str, set[str]]:
    """The files that break each kept rule where it applies; for a size rule, those with
    a function over the learned limit (its probe reported every function's size)."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in checked:
        test = roles.is_test(path)
        for rule, message, _ in report.get(path, []):
            if rule not in kept or (test and rule in off_in_tests):
                continue
            if rule not in limits or options.beyond(rule, limits[rule], message):
                found[rule].add(path)
    return found


def _outcomes(
    files: Sequence[str], report: dict[str, list[tuple[str, str, int]]]
) -> dict[str, Outcome]:
    failing: dict[str, set[str]] = defaultdict(set)
    for path in files:
        for rule, _, _ in report.get(path, []):
            failing[rule].add(path)
    return {
        rule: Outcome(frozenset(paths), frozenset(p for p in paths if not roles.is_test(p)))
        for rule, paths in failing.items()
    }
