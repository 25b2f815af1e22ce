"""The baseline: keyed by line content, so it survives edits that shift lines."""

from __future__ import annotations

from pathlib import Path

from standards.check.baseline import Baseline, fingerprinted
from standards.model import Violation


def _found(root: Path, text: str) -> tuple[Violation, ...]:
    (root / "a.py").write_text(text)
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if "bad" in line]
    return fingerprinted(root, [Violation("a.py", n, "X1", "bad", "ruff") for n in lines])


def test_shifted_lines_stay_baselined_and_new_ones_do_not(tmp_path: Path) -> None:
    base = Baseline.of(_found(tmp_path, "bad()\nok()\n"))
    assert base.new(_found(tmp_path, "ok()\nok()\nbad()\n")) == ()
    fresh = base.new(_found(tmp_path, "bad()\nbad()\n"))
    assert [(v.path, v.line) for v in fresh] == [("a.py", 2)]


def test_round_trip_and_prune(tmp_path: Path) -> None:
    base = Baseline.of(_found(tmp_path, "bad(1)\nbad(2)\n"))
    assert Baseline.loads(base.dumps()) == base
    pruned = base.prune(_found(tmp_path, "bad(1)\n"), ["a.py"])
    assert sum(pruned.counts.values()) == 1
    untouched = base.prune([], ["other.py"])
    assert untouched == base
