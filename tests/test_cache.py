"""The facts cache: a second analysis of unchanged files parses nothing, and a damaged,
contested or overgrown cache never changes what analysis finds."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from standards import cache as cache_module
from standards import pipeline
from standards.cache import GRAMMARS, FactsCache
from standards.cli import main
from standards.languages import REGISTERED, python
from standards.model import FileFacts

from .conftest import FIXTURES, make_repo

Parses = Callable[[], list[str]]


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Parses:
    """The paths Python parsing is asked for from now on, in this process, in order."""
    seen: list[str] = []
    original = python.parse

    def counted(path: str, source: bytes) -> FileFacts:
        seen.append(path)
        return original(path, source)

    monkeypatch.setattr(python, "parse", counted)
    return lambda: list(seen)


@pytest.fixture
def flask(tmp_path: Path) -> Path:
    return make_repo(FIXTURES / "flask_service_layer", tmp_path / "flask")


def test_a_second_analysis_parses_nothing_and_finds_the_same(
    flask: Path, tmp_path: Path, parses: Parses
) -> None:
    store = FactsCache(tmp_path / "cache")
    cold = pipeline.analyze(flask, jobs=1, cache=store)
    python_files = sorted(f.path for f in cold.facts if f.language == "python")
    assert sorted(parses()) == python_files
    warm = pipeline.analyze(flask, jobs=1, cache=store)
    assert sorted(parses()) == python_files
    assert warm.facts == cold.facts
    assert warm.standards == cold.standards


def test_changed_bytes_are_parsed_again(flask: Path, tmp_path: Path, parses: Parses) -> None:
    store = FactsCache(tmp_path / "cache")
    pipeline.analyze(flask, jobs=1, cache=store)
    before = len(parses())
    changed = flask / "app/services/order_service.py"
    changed.write_text(changed.read_text() + "\n\ndef added_later():\n    return 1\n")
    after = pipeline.analyze(flask, jobs=1, cache=store)
    assert parses()[before:] == ["app/services/order_service.py"]
    facts = next(f for f in after.facts if f.path == "app/services/order_service.py")
    assert "added_later" in {d.name for d in facts.definitions}


def test_the_key_names_language_path_and_bytes(tmp_path: Path) -> None:
    store = FactsCache(tmp_path)
    key = store.key("python", "a.py", b"x = 1\n")
    assert key == store.key("python", "a.py", b"x = 1\n")
    assert key != store.key("python", "a.py", b"x = 2\n")
    assert key != store.key("python", "b.py", b"x = 1\n")
    assert key != store.key("ruby", "a.py", b"x = 1\n")


def test_a_damaged_entry_is_a_miss_and_is_rewritten(flask: Path, tmp_path: Path) -> None:
    store = FactsCache(tmp_path / "cache")
    cold = pipeline.analyze(flask, jobs=1, cache=store)
    entries = sorted(p for p in store.home.rglob("*") if p.is_file())
    assert len(entries) == len(cold.facts)
    entries[0].write_bytes(b"\x80\x05not a pickle")
    entries[1].write_bytes(b"")
    warm = pipeline.analyze(flask, jobs=1, cache=store)
    assert warm.facts == cold.facts
    assert all(store.get(p.name) is not None for p in entries)


def test_an_entry_of_another_type_is_a_miss(tmp_path: Path) -> None:
    store = FactsCache(tmp_path)
    key = store.key("python", "a.py", b"")
    store.put(key, FileFacts("a.py", "python", 1))
    (store.home / key[:2] / key).write_bytes(__import__("pickle").dumps(["a list"]))
    assert store.get(key) is None


def test_no_cache_neither_reads_nor_writes(
    flask: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "user-cache"
    monkeypatch.setattr(cache_module, "cache_dir", lambda: root)
    args = ["analyze", str(flask), "--no-verify", "--format", "json"]
    assert CliRunner().invoke(main, [*args, "--no-cache"]).exit_code == 0
    assert not (root / "facts").exists()
    assert CliRunner().invoke(main, args).exit_code == 0
    assert any(p.is_file() for p in (root / "facts").rglob("*"))


def test_parsing_in_workers_fills_the_cache(tmp_path: Path, parses: Parses) -> None:
    repo = tmp_path / "many"
    repo.mkdir()
    count = pipeline.PARALLEL_MIN_FILES + 6
    for i in range(count):
        (repo / f"module_{i:03}.py").write_text(f"def handler_{i}(value):\n    return value\n")
    store = FactsCache(tmp_path / "cache")
    cold = pipeline.analyze(repo, jobs=2, cache=store)
    assert len(cold.facts) == count
    assert parses() == []  # parsed in the workers, not here
    warm = pipeline.analyze(repo, jobs=2, cache=store)
    assert parses() == []
    assert warm.facts == cold.facts


def _hammer(folder: Path, seed: int) -> int:
    """Write and read the same few entries many times; how many reads saw a whole one."""
    store = FactsCache(folder)
    whole = 0
    for round_ in range(60):
        name = f"m{(seed + round_) % 3}.py"
        facts = FileFacts(name, "python", round_ % 3 + 1, problems=("x" * 5000,))
        key = store.key("python", name, b"same bytes")
        store.put(key, facts)
        found = store.get(key)
        assert found is None or (found.path == name and found.problems == facts.problems)
        whole += found is not None
    return whole


def test_concurrent_writers_never_leave_a_broken_entry(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    with ProcessPoolExecutor(max_workers=4) as pool:
        reads = list(pool.map(_hammer, [folder] * 4, range(4)))
    assert sum(reads) == 4 * 60
    store = FactsCache(folder)
    files = [p for p in store.home.rglob("*") if p.is_file()]
    assert sorted(p.name for p in files) == sorted(
        store.key("python", f"m{i}.py", b"same bytes") for i in range(3)
    )


def test_pruning_deletes_the_oldest_until_the_cache_fits(tmp_path: Path) -> None:
    store = FactsCache(tmp_path)
    keys = []
    for i in range(10):
        key = store.key("python", f"f{i}.py", b"")
        store.put(key, FileFacts(f"f{i}.py", "python", 1, problems=("y" * 1000,)))
        os.utime(store.home / key[:2] / key, (1_000_000 + i, 1_000_000 + i))
        keys.append(key)
    size = (store.home / keys[0][:2] / keys[0]).stat().st_size
    assert store.prune(limit=4 * size) == 6
    assert [k for k in keys if store.get(k) is not None] == keys[6:]
    assert store.prune(limit=4 * size) == 0


def test_check_reuses_the_facts_and_no_cache_bypasses_them(
    flask: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: Parses
) -> None:
    pipeline.run(flask, verify=False)
    root = tmp_path / "user-cache"
    monkeypatch.setattr(cache_module, "cache_dir", lambda: root)
    monkeypatch.chdir(flask)
    args = ["check", "--tool", "standards", "app/routes/orders.py"]
    before = parses().count("app/routes/orders.py")
    assert CliRunner().invoke(main, [*args, "--no-cache"]).exit_code in (0, 1)
    assert not (root / "facts").exists()
    for _ in range(2):
        assert CliRunner().invoke(main, args).exit_code in (0, 1)
    assert parses().count("app/routes/orders.py") == before + 2  # --no-cache, then one miss


def test_the_generation_names_every_grammar_whichever_language_loaded_first() -> None:
    """Languages import their grammars on first use: facts written by a run that parsed
    Ruby first are read by one that parsed Python first."""
    every = "; ".join(f"import {m.module}" for m in REGISTERED.values())
    script = "from standards import cache; print(cache.generation())"
    tree_sitter = (
        "import sys; print(sorted({n.split('.')[0] for n in sys.modules "
        "if n.startswith('tree_sitter')}))"
    )
    alone = _python(script)
    loaded = _python(f"{every}; {script}")
    assert alone == loaded
    assert set(ast.literal_eval(_python(f"{every}; {tree_sitter}"))) == set(GRAMMARS)


def _python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()
