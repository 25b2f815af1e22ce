"""The custom checks, run on the whole repo and on the repo's own examples.

Today's violations become the baseline. The self-test proves each check against the
evidence it came from: every counter-example the analyzer listed must be flagged, and
no example may be.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from standards.check import rules
from standards.check.baseline import fingerprinted
from standards.check.runner import check_facts
from standards.model import FileFacts, Level, Standard, Verification, Violation


def verify(root: Path, standards: Sequence[Standard], facts: Sequence[FileFacts]) -> Verification:
    found = check_facts(standards, facts)
    checked = [s for s in standards if s.level is Level.ENFORCE and rules.rule_for(s) is not None]
    mismatches = self_test(checked, found)
    message = "; ".join(mismatches[:5])
    return Verification(
        "standards", not mismatches, len(checked), fingerprinted(root, found), message
    )


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
