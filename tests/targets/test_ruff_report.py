"""Ruff's JSON-lines report read by real ruff: odd file names stay whole, and the first
finding of each rule in each file is exactly what reading every finding would keep."""

from __future__ import annotations

from pathlib import Path

from standards.targets.ruff import run
from standards.targets.ruff.report import findings

NAMES = (
    "plain.py",
    "with space.py",
    "colon:12:3: E501 name.py",
    'quote"name.py',
    "back\\slash.py",
    "ends with backslash\\",
    "line\u2028separator.py",
    "broken.py",
)
SOURCE = "import os, sys\nimport json\n\n\ndef f( a ):\n    return 1\n"


def _repo(tmp_path: Path) -> list[str]:
    for name in NAMES:
        text = "def broken(:\n    pass\nimport os\n" if name == "broken.py" else SOURCE
        (tmp_path / name).write_text(text)
    return sorted(NAMES)


def test_the_first_finding_of_each_rule_in_each_file_is_the_one_a_full_read_keeps(
    tmp_path: Path,
) -> None:
    names = _repo(tmp_path)
    every = run.probe(tmp_path, names, {}, ["ALL"])
    first = run.probe(tmp_path, names, {}, ["ALL"], first=True)
    assert list(every) == list(first) == names
    kept: dict[tuple[str, str], object] = {}
    for path, found in every.items():
        for f in found:
            kept.setdefault((f[1], path), (path, f))
    assert [(p, f) for p, found in first.items() for f in found] == list(kept.values())
    assert sum(map(len, first.values())) < sum(map(len, every.values()))
    assert all(first[name] for name in NAMES)
    assert ("F401", "colon:12:3: E501 name.py") in kept
    assert {f[1] for f in first["broken.py"]} >= {"syntax-error"}


def test_a_line_the_shortcut_cannot_read_is_decoded() -> None:
    """An escaped quote ends the raw file name early, and a line laid out otherwise (a
    notebook cell, no code) has no raw key: such lines are decoded, none is lost and
    none is kept twice."""
    lines = [
        b'{"cell":null,"code":"F401","filename":"/r/a\\"b.py","location":{"row":1},"message":"m"}',
        b'{"cell":null,"code":"F401","filename":"/r/a\\"c.py","location":{"row":2},"message":"m"}',
        b'{"cell":1,"code":"F401","filename":"/r/d.py","location":{"row":3},"message":"m"}',
        b'{"cell":null,"code":null,"filename":"/r/d.py","location":{"row":4},"message":"m"}',
        b'{"cell":null,"code":"F401","filename":"/r/d.py","location":{"row":5},"message":"m"}',
    ]
    found = list(findings(b"\n".join(lines) + b"\n", "/r/", "ruff", first=True))
    assert [(v.path, v.line, v.rule) for v in found] == [
        ('a"b.py', 1, "F401"),
        ('a"c.py', 2, "F401"),
        ("d.py", 3, "F401"),
        ("d.py", 4, "syntax-error"),
    ]
