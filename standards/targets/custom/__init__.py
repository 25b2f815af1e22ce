"""`standards`: the checks no linter can express (layers, handlers, role affixes, naming).

Each check applies one enforced standard to one file's facts (`rules.py`). Verification
runs them on the whole repo, where today's violations become the baseline, and proves
each check against the evidence it came from: every counter-example the analyzer listed
must be flagged, and no example may be.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from standards.languages import LANGUAGES
from standards.model import (
    Analysis,
    Change,
    GeneratedFile,
    Level,
    Standard,
    Verification,
    Violation,
)
from standards.targets import CheckRun, Hook, of_analysis
from standards.targets.custom import rules

NAME = "standards"
TOOLS: tuple[str, ...] = ()
AFTER: tuple[str, ...] = ()
READS: tuple[str, ...] | None = None


def learn(analysis: Analysis) -> tuple[Standard, ...]:
    return ()


def emit(analysis: Analysis, out: str) -> tuple[GeneratedFile, ...]:
    return ()


def hooks(analysis: Analysis) -> tuple[Hook, ...]:
    """A hook for the languages whose checks we run ourselves, and for any other language
    with a standard only we check (its linter's plugin runs the rest)."""
    ours = {
        f.language for f in analysis.facts if LANGUAGES[f.language].CHECKER == "standards-check"
    }
    checked = ours | {
        s.language for s in analysis.standards if s.level is Level.ENFORCE and rules.rule_for(s)
    }
    types = sorted({t for language in checked for t in LANGUAGES[language].FILE_TYPES})
    if not types:
        return ()
    return (Hook("standards-check", NAME, "standards (layers, handlers, naming)", tuple(types)),)


def check(run: CheckRun) -> list[Violation]:
    return [v for f in run.facts for v in rules.check(run.standards, f)]


def verify(analysis: Analysis, out: Path) -> Verification | None:
    if not hooks(analysis):
        return None
    found = check(of_analysis(analysis, out))
    checked = [s for s in analysis.standards if s.level is Level.ENFORCE and rules.rule_for(s)]
    mismatches = self_test(checked, found)
    return Verification(NAME, not mismatches, len(checked), tuple(found), "; ".join(mismatches[:5]))


def self_test(standards: Sequence[Standard], found: Sequence[Violation]) -> list[str]:
    """Where a check disagrees with its standard's examples and counter-examples."""
    flagged = {(v.rule, v.path, v.line) for v in found}
    problems = []
    for s in standards:
        for e in s.evidence.counter_examples:
            if (s.id, e.path, e.line) not in flagged:
                problems.append(f"{s.id} misses counter-example {e.path}:{e.line}")
        for e in s.evidence.examples:
            if (s.id, e.path, e.line) in flagged:
                problems.append(f"{s.id} flags example {e.path}:{e.line}")
    return problems


def wire(root: Path, out: Path) -> tuple[Change, ...]:
    return ()
