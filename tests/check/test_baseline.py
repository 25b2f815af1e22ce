"""The baseline: keyed by line content, so it survives edits that shift lines."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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


def _baseline(root: Path) -> Baseline:
    found = [
        *_found(root, "bad(1)\nbad(2)\nbad(1)\n"),
        *fingerprinted(root, [Violation("b c.py", 1, "X2", "bad", "ruff")]),
    ]
    return Baseline.of(found)


def test_a_check_reads_the_entries_of_its_paths_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STANDARDS_CACHE", str(tmp_path / "cache"))
    base = _baseline(tmp_path)
    source = tmp_path / "baseline.json"
    source.write_text(base.dumps(), encoding="utf-8")
    wanted = {k: c for k, c in base.counts.items() if k[2] == "a.py"}
    assert sorted(wanted.values()) == [1, 2]
    assert Baseline.load_paths(source, {"a.py", "gone.py"}).counts == wanted
    assert Baseline.load_paths(source, {"a.py"}).counts == wanted  # from the pickle
    assert Baseline.load_paths(source, {"a.py"}, cached=False).counts == wanted
    assert len(Baseline.load_paths(source, {"a.py", "b c.py"}).counts) == 3
    assert Baseline.load_paths(tmp_path / "none.json", {"a.py"}).counts == {}


def test_a_new_baseline_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANDARDS_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "baseline.json"
    source.write_text(_baseline(tmp_path).dumps(), encoding="utf-8")
    assert len(Baseline.load_paths(source, {"a.py"}).counts) == 2
    source.write_text(Baseline({}).dumps(), encoding="utf-8")
    os.utime(source, ns=(1, 1))
    assert Baseline.load_paths(source, {"a.py"}).counts == {}


def test_no_cache_leaves_the_cache_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANDARDS_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "baseline.json"
    source.write_text(_baseline(tmp_path).dumps(), encoding="utf-8")
    assert len(Baseline.load_paths(source, {"a.py"}, cached=False).counts) == 2
    assert not (tmp_path / "cache").exists()


def test_a_finding_about_the_whole_file_stays_baselined_through_edits(tmp_path: Path) -> None:
    """uptime-kuma: ESLint names the first line past `max-lines`, so one line added at
    the top of a long file made it a new violation; file names are said at line 1."""
    from standards.targets.eslint.run import violations

    def report(text: str) -> tuple[Violation, ...]:
        (tmp_path / "long.js").write_text(text)
        lines = text.count("\n")
        messages = [
            {"ruleId": "max-lines", "line": 3, "message": f"File has too many lines ({lines})."},
            {"ruleId": "standards/file-affix", "line": 1, "message": "name it long.service.js"},
        ]
        found = violations(
            tmp_path, [{"filePath": str(tmp_path / "long.js"), "messages": messages}]
        )
        return fingerprinted(tmp_path, found)

    base = Baseline.of(report("a();\nb();\nc();\nd();\n"))
    assert base.new(report("import x from 'x';\na();\nb();\nc();\nd();\ne();\n")) == ()
