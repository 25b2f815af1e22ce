"""Findings remembered file by file (`runs`): after any sequence of edits, what a learner
reads is exactly what the tool finds on every file, the tool sees only the edited files,
and an edit rewrites a small entry beside the kept findings, not the findings of every file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from standards.cache import LearnedCache
from standards.model import Violation
from standards.targets import runs

FILES = tuple(f"pkg/m{i:02}.py" for i in range(40))


class Tool:
    """A linter whose findings on a file follow from its content alone; it records which
    files each run was asked about."""

    def __init__(self, contents: dict[str, str]) -> None:
        self.contents = contents
        self.asked: list[list[str]] = []

    def run(self, files: Sequence[str]) -> list[Violation]:
        self.asked.append(list(files))
        found = []
        for path in files:
            text = self.contents[path]
            found += [
                Violation(path, n + 1, f"R{c}", f"{text} {c}", "tool") for n, c in enumerate(text)
            ]
        return found[::-1]  # in an order of the tool's own


def _read(tool: Tool, cache: LearnedCache) -> runs.Findings:
    with runs.remembered(runs.Runs(cache, "layout", dict(tool.contents), {"tool": "1.0"})):
        return runs.by_file("tool", ["--strict"], FILES, tool.run)


def _saved(cache: LearnedCache) -> dict[str, bytes]:
    """Every entry, by name."""
    return {p.name: p.read_bytes() for p in cache.home.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    "edits", [["pkg/m03.py"], ["pkg/m03.py", "pkg/m07.py", "pkg/m03.py", "pkg/m11.py"]]
)
def test_after_edits_the_findings_are_the_tools_on_every_file(
    tmp_path: Path, edits: list[str]
) -> None:
    cache = LearnedCache(tmp_path)
    tool = Tool({p: p[-5:-3] for p in FILES})
    assert _read(tool, cache) == runs.by_file("tool", ["--strict"], FILES, tool.run)
    for n, path in enumerate(edits):
        tool.contents[path] += f"e{n}"
        tool.asked.clear()
        found = _read(tool, cache)
        assert tool.asked == [[path]]
        assert list(found) == list(FILES)
        assert found == runs.by_file("tool", ["--strict"], FILES, tool.run)  # not remembered


def test_an_edit_rewrites_a_small_entry_until_edited_files_are_many(tmp_path: Path) -> None:
    cache = LearnedCache(tmp_path)
    tool = Tool({p: p[-5:-3] * 20 for p in FILES})
    _read(tool, cache)
    whole = _saved(cache)
    assert len(whole) == 1
    for path in FILES[:2]:  # up to one file in 16: kept beside the entry
        tool.contents[path] += "!"
        _read(tool, cache)
        beside = _saved(cache)
        assert len(beside) == 2 and all(beside[name] == kept for name, kept in whole.items())
        assert min(map(len, beside.values())) < max(map(len, beside.values())) / 10
    tool.contents[FILES[2]] += "!"  # one more: merged into the entry, and none beside it
    _read(tool, cache)
    merged = _saved(cache)
    assert [merged[name] != kept for name, kept in whole.items()] == [True]
    assert [cache.load(name) for name in merged if name not in whole] == [{}]
    tool.asked.clear()
    assert _read(tool, cache) == runs.by_file("tool", ["--strict"], FILES, tool.run)
    assert tool.asked[0] == list(FILES)  # the run outside learning, never the remembered one


def test_per_file_gives_the_tools_findings_as_violations(tmp_path: Path) -> None:
    cache = LearnedCache(tmp_path)
    tool = Tool({p: p[-5:-3] for p in FILES})
    expected = sorted(tool.run(FILES))
    with runs.remembered(runs.Runs(cache, "layout", dict(tool.contents), {"tool": "1.0"})):
        first = runs.per_file("tool", [], FILES, tool.run)
        tool.asked.clear()
        again = runs.per_file("tool", [], FILES, tool.run)
    assert sorted(first) == sorted(again) == expected
    assert tool.asked == []
