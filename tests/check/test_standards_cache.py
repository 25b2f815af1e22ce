"""The pickled standards `standards check` reads: the same as the JSON, and never stale."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from standards import store
from standards.check import standards_cache
from standards.model import Evidence, Example, Level, Standard


def _standard(rule: str) -> Standard:
    evidence = Evidence(5, 5, (Example("app/a.py", 3, "ok"),), ())
    parameters = {"schema": {"orders": ("id", "state")}, "ratio": 1.0}
    return Standard(
        "naming.python.x", "python", rule, "why", parameters, evidence, 0.9, Level.ENFORCE
    )


def _write(path: Path, *standards: Standard) -> None:
    entries = ",".join(json.dumps(store.standard_dict(s)) for s in standards)
    path.write_text(f'{{"standards": [{entries}]}}', encoding="utf-8")


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("STANDARDS_CACHE", str(root))
    return root


def test_the_pickle_holds_what_the_json_says(tmp_path: Path, cache_root: Path) -> None:
    source = tmp_path / "standards.json"
    _write(source, _standard("Name functions in snake_case."))
    first = standards_cache.load(source)
    assert first == store.load_standards(source.read_text(encoding="utf-8"))
    assert len(_entries(cache_root)) == 1
    assert standards_cache.load(source) == first


def test_a_new_analysis_is_read_again(tmp_path: Path, cache_root: Path) -> None:
    source = tmp_path / "standards.json"
    _write(source, _standard("Old rule."))
    assert standards_cache.load(source)[0].rule == "Old rule."
    _write(source, _standard("New rule."))
    os.utime(source, ns=(1, 1))  # a rewrite of the same size keeps no mtime of the old one
    assert standards_cache.load(source)[0].rule == "New rule."
    assert len(_entries(cache_root)) == 1


def test_a_damaged_entry_is_a_miss(tmp_path: Path, cache_root: Path) -> None:
    source = tmp_path / "standards.json"
    _write(source, _standard("Rule."))
    standards_cache.load(source)
    (entry,) = _entries(cache_root)
    entry.write_bytes(b"not a pickle")
    assert standards_cache.load(source)[0].rule == "Rule."


def test_no_cache_leaves_the_cache_alone(tmp_path: Path, cache_root: Path) -> None:
    source = tmp_path / "standards.json"
    _write(source, _standard("Rule."))
    assert standards_cache.load(source, cached=False)[0].rule == "Rule."
    assert not cache_root.exists()


def _entries(cache_root: Path) -> list[Path]:
    return [p for p in (cache_root / standards_cache.FOLDER).rglob("*") if p.is_file()]
