"""The learned cache: a second analysis of an unchanged repo runs no tool and writes the
same bytes; an edited file, a changed root config or another build of a tool learns
again; a damaged entry is a miss; `--no-cache` neither reads nor writes it."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from standards import node, pipeline
from standards.cache import FactsCache, LearnedCache
from standards.cli import main
from standards.model import Analysis, Standard
from standards.targets import TARGETS, chunks, eslint, memo, prettier, target
from standards.targets.custom import NAME as CUSTOM
from standards.targets.danger import NAME as DANGER
from standards.targets.ruff import catalogue
from standards.targets.ruff import target as ruff

from ..conftest import FIXTURES, git, make_repo

LEARNED = {ruff.NAME: ruff, prettier.NAME: prettier, eslint.NAME: eslint}
"""The targets the fixture makes learn from a tool: Python and JavaScript."""

Learns = Callable[[], list[str]]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A Flask app with an Express front end beside it: ruff, Prettier and ESLint learn."""
    source = tmp_path / "source"
    shutil.copytree(FIXTURES / "flask_service_layer", source)
    shutil.copytree(FIXTURES / "express_layers", source / "web")
    return make_repo(source, tmp_path / "repo")


@pytest.fixture
def learns(monkeypatch: pytest.MonkeyPatch) -> Learns:
    """The targets asked to learn from now on, in order."""
    seen: list[str] = []
    for name in TARGETS:
        learn = target(name).learn
        monkeypatch.setattr(target(name), "learn", _counted(seen, name, learn))
    return lambda: list(seen)


def _counted(
    seen: list[str], name: str, learn: Callable[[Analysis], tuple[Standard, ...]]
) -> Callable[[Analysis], tuple[Standard, ...]]:
    def counted(analysis: Analysis) -> tuple[Standard, ...]:
        seen.append(name)
        return learn(analysis)

    return counted


@pytest.fixture
def commands(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[str]]]:
    """The command lines of every process started from now on, the program by its name,
    and of every run a loaded tool makes (`node.Warm`), the tool by its package."""
    ran: list[list[str]] = []
    original, loaded = subprocess.run, node.Warm.run

    def spied(args: Any, *rest: Any, **options: Any) -> subprocess.CompletedProcess[Any]:
        ran.append([Path(str(args[0])).name, *map(str, args[1:])])
        return original(args, *rest, **options)

    def spied_loaded(warm: node.Warm, args: Sequence[str]) -> subprocess.CompletedProcess[str]:
        ran.append([warm.module.split("/")[0], *args])
        return loaded(warm, args)

    monkeypatch.setattr(subprocess, "run", spied)
    monkeypatch.setattr(node.Warm, "run", spied_loaded)
    yield ran


def _run(repo: Path, caches: Path, out: Path | None = None) -> dict[str, bytes]:
    """Analyze without verifying, with both caches under `caches`; the files written."""
    result = pipeline.run(
        repo,
        out,
        verify=False,
        cache=FactsCache(caches / "facts"),
        learned=LearnedCache(caches / "learned"),
    )
    return {path: (result.out / path).read_bytes() for path in result.written}


def test_a_warm_run_runs_no_tool_and_writes_the_same_bytes(
    repo: Path, tmp_path: Path, learns: Learns, commands: list[list[str]]
) -> None:
    cold = _run(repo, tmp_path / "caches")
    assert set(LEARNED) <= set(learns())
    assert {"ruff", "eslint", "prettier"} <= {c[0] for c in commands}
    learned, ran = len(learns()), len(commands)
    warm = _run(repo, tmp_path / "caches")
    assert set(learns()[learned:]).isdisjoint(LEARNED)
    assert {c[0] for c in commands[ran:]} <= {"git"}  # danger learned nothing to remember
    assert warm == cold
    assert {"ruff.toml", "eslint.config.mjs", "prettier.config.mjs"} <= set(warm)


@pytest.mark.parametrize(
    ("edited", "again", "kept"),
    [
        ("web/src/app.js", {prettier.NAME, eslint.NAME}, {ruff.NAME}),
        ("app/services/order_service.py", {ruff.NAME}, {prettier.NAME, eslint.NAME}),
    ],
)
def test_an_edited_file_learns_again_for_the_targets_of_its_language(
    repo: Path, tmp_path: Path, learns: Learns, edited: str, again: set[str], kept: set[str]
) -> None:
    """A target's key names the files and standards of the languages it reads: an edit
    of one language leaves what the others learned as it was, and the outcome is what a
    run without any cache writes."""
    _run(repo, tmp_path / "caches")
    before = len(learns())
    source = repo / edited
    source.write_text(source.read_text() + "\nvar_later = 1\n")
    after = _run(repo, tmp_path / "caches")
    assert again <= set(learns()[before:])
    assert kept.isdisjoint(learns()[before:])
    assert after == _run(repo, tmp_path / "none")
    before = len(learns())
    _run(repo, tmp_path / "caches")
    assert set(learns()[before:]).isdisjoint(LEARNED)


def test_after_an_edit_the_tools_run_on_the_edited_file_alone(
    repo: Path, tmp_path: Path, commands: list[list[str]]
) -> None:
    """Findings on the other files are reused: the result is what a run without any
    cache finds on the edited repo, byte for byte."""
    catalogue.rules.cache_clear()  # each run as in a new process: it reads ruff's catalogue
    _run(repo, tmp_path / "caches")
    module = repo / "app/services/order_service.py"
    module.write_text(module.read_text() + "\n\ndef Added_Later(x):\n    return x\n")
    catalogue.rules.cache_clear()
    ran = len(commands)
    edited = _run(repo, tmp_path / "caches")
    linted = [c for c in commands[ran:] if c[0] in ("ruff", "eslint", "prettier")]
    files = [c[c.index("--") + 1 :] for c in linted if "--" in c]
    assert files and all(f == ["app/services/order_service.py"] for f in files)
    assert not [c for c in commands[ran:] if c[:2] == ["ruff", "rule"]]  # its catalogue
    assert edited == _run(repo, tmp_path / "none")


@pytest.mark.parametrize(
    ("allow_js", "edited", "searched"),
    [
        (False, "scripts/build.js", False),
        (True, "scripts/build.js", True),
        (False, "src/money.ts", True),
    ],
)
def test_tsc_searches_again_only_after_an_edit_of_its_program(
    tmp_path: Path, commands: list[list[str]], allow_js: bool, edited: str, searched: bool
) -> None:
    """tsc's strictness search type-checks the whole program several times: a script in
    JavaScript beside it is no part of it, unless `allowJs` lets it in."""
    source = tmp_path / "source"
    shutil.copytree(FIXTURES / "typed_ts_library", source)
    if allow_js:
        config = source / "tsconfig.json"
        config.write_text(config.read_text().replace('"target"', '"allowJs": true, "target"'))
    (source / "scripts").mkdir()
    (source / "scripts/build.js").write_text("export const built = 1;\n")
    repo = make_repo(source, tmp_path / "repo")
    _run(repo, tmp_path / "caches")
    assert [c for c in commands if "--noEmit" in c]
    path = repo / edited
    path.write_text(path.read_text() + "\nexport const later = 2;\n")
    ran = len(commands)
    edited_run = _run(repo, tmp_path / "caches")
    assert bool([c for c in commands[ran:] if "--noEmit" in c]) is searched
    assert edited_run == _run(repo, tmp_path / "none")


def test_a_changed_root_config_learns_again(repo: Path, tmp_path: Path, learns: Learns) -> None:
    _run(repo, tmp_path / "caches")
    before = len(learns())
    (repo / "setup.cfg").write_text("[flake8]\nmax-line-length = 120\n")
    _run(repo, tmp_path / "caches")
    assert set(LEARNED) <= set(learns()[before:])


def test_another_build_of_a_tool_learns_again_with_it_only(
    repo: Path, tmp_path: Path, learns: Learns, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = _run(repo, tmp_path / "caches")
    before = len(learns())
    versions = {**memo.VERSIONS, "ruff": lambda _: "ruff 99.0 built elsewhere"}
    monkeypatch.setattr(memo, "VERSIONS", versions)
    warm = _run(repo, tmp_path / "caches")
    again = learns()[before:]
    assert ruff.NAME in again
    assert prettier.NAME not in again and eslint.NAME not in again  # ruff learned the same
    assert warm == cold


def test_a_damaged_entry_is_a_miss_and_is_rewritten(
    repo: Path, tmp_path: Path, learns: Learns, commands: list[list[str]]
) -> None:
    cold = _run(repo, tmp_path / "caches")
    store = LearnedCache(tmp_path / "caches" / "learned")
    entries = sorted(p for p in store.home.rglob("*") if p.is_file())
    assert sum(store.get(p.name) is not None for p in entries) == len(LEARNED)
    for entry in entries:  # what each target learned, and its tools' findings by file
        entry.write_bytes(entry.read_bytes()[:40])
    before, ran = len(learns()), len(commands)
    catalogue.rules.cache_clear()  # as in a new process: it reads ruff's catalogue again
    catalogue.target_versions.cache_clear()
    assert _run(repo, tmp_path / "caches") == cold
    assert set(LEARNED) <= set(learns()[before:])
    assert {"ruff", "eslint", "prettier"} <= {c[0] for c in commands[ran:]}
    assert sum(store.get(p.name) is not None for p in entries) == len(LEARNED)
    assert all(store.load(p.name) is not None for p in entries)


def test_an_output_folder_outside_the_repo_is_no_part_of_the_key(
    repo: Path, tmp_path: Path, learns: Learns
) -> None:
    """A temporary output folder is new on every run; nothing learned depends on it."""
    first = _run(repo, tmp_path / "caches", tmp_path / "out-1")
    learned = len(learns())
    second = _run(repo, tmp_path / "caches", tmp_path / "out-2")
    assert set(LEARNED).isdisjoint(learns()[learned:])
    standards = [json.loads(run["standards.json"])["standards"] for run in (first, second)]
    assert standards[0] == standards[1]


def test_history_is_learned_again_after_a_commit(
    repo: Path, tmp_path: Path, learns: Learns
) -> None:
    """Danger learns from git history (here, how large commits are): remembered while the
    same commit is checked out."""
    for n in range(20):
        (repo / "NOTES").write_text(f"{n}\n")
        git(repo, "add", "NOTES")
        git(repo, "commit", "-q", "-m", f"note {n}", "--no-gpg-sign")
    _run(repo, tmp_path / "caches")
    learned = len(learns())
    _run(repo, tmp_path / "caches")
    assert DANGER not in learns()[learned:]
    git(repo, "commit", "-q", "--allow-empty", "-m", "later", "--no-gpg-sign")
    learned = len(learns())
    _run(repo, tmp_path / "caches")
    again = learns()[learned:]
    assert DANGER in again and set(LEARNED).isdisjoint(again)  # an empty commit: same files


def test_history_is_read_once_per_commit(
    repo: Path, tmp_path: Path, commands: list[list[str]]
) -> None:
    """An edit changes what Danger learns from (the files), not the history it reads."""
    _run(repo, tmp_path / "caches")
    module = repo / "app/services/order_service.py"
    module.write_text(module.read_text() + "\n\ndef later():\n    return 1\n")
    ran = len(commands)
    _run(repo, tmp_path / "caches")
    assert not [c for c in commands[ran:] if c[0] == "git" and "log" in c]
    git(repo, "commit", "-q", "-am", "later", "--no-gpg-sign")
    ran = len(commands)
    _run(repo, tmp_path / "caches")
    assert [c for c in commands[ran:] if c[0] == "git" and "log" in c]


def test_what_is_not_remembered(tmp_path: Path) -> None:
    """An entry of another type is a miss; an empty result and a target without a tool
    are never stored."""
    store = LearnedCache(tmp_path)
    store.save("ab" * 20, ["not", "standards"])
    assert store.get("ab" * 20) is None
    assert target(CUSTOM).TOOLS == ()
    assert all(set(target(name).TOOLS) <= set(memo.VERSIONS) for name in TARGETS)


def test_a_target_reads_at_least_the_languages_it_checks() -> None:
    """A target whose `READS` names languages learns from the files of those alone."""
    for name, reads in ((n, target(n).READS) for n in TARGETS if target(n).READS is not None):
        languages = TARGETS[name].languages
        assert languages and set(languages) <= set(reads), name


def test_no_cache_neither_reads_nor_writes_what_was_learned(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, learns: Learns
) -> None:
    folder = tmp_path / "user-cache"
    for kind, name in ((FactsCache, "facts"), (LearnedCache, "learned")):
        monkeypatch.setattr(kind, "default", classmethod(lambda cls, n=name: cls(folder / n)))
    args = ["analyze", str(repo), "--no-verify", "--format", "json"]
    assert CliRunner().invoke(main, [*args, "--no-cache"]).exit_code == 0
    assert not folder.exists()
    assert set(LEARNED) <= set(learns())
    assert CliRunner().invoke(main, args).exit_code == 0
    assert any(p.is_file() for p in (folder / "learned").rglob("*"))
    before = len(learns())
    assert CliRunner().invoke(main, args).exit_code == 0
    assert set(learns()[before:]).isdisjoint(LEARNED)
    before = len(learns())
    assert CliRunner().invoke(main, [*args, "--no-cache"]).exit_code == 0
    assert set(LEARNED) <= set(learns()[before:])


@pytest.mark.parametrize(
    ("count", "most", "least", "made"),
    [(0, 5, 1, 0), (3, 5, 1, 2), (7, 2, 1, 4), (9, 100, 4, 2), (7, 100, 4, 1)],
)
def test_chunks_deal_every_file_once_one_per_core_within_bounds(
    count: int, most: int, least: int, made: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    files = [f"f{i:02}.js" for i in range(count)]
    split = chunks(tmp_path, files, most, least)
    assert len(split) == made
    assert sorted(f for chunk in split for f in chunk) == files
    assert all(0 < len(chunk) <= most for chunk in split)


def test_chunks_balance_bytes_so_giants_go_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    sizes = {"a/giant.js": 900, "a/huge.js": 800, "b/x.js": 100, "b/y.js": 100, "c/z.js": 50}
    for name, size in sizes.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x" * size)
    split = chunks(tmp_path, sorted(sizes), 10)
    assert sorted(sum(sizes[f] for f in chunk) for chunk in split) == [950, 1000]
