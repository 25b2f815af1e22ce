"""Targets learn side by side: each declares the targets whose standards it reads
(`AFTER`), sees only theirs, and the whole is what learning one after another gave, in
hook order, each target seeing everything the ones before it learned."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from standards import pipeline
from standards.cache import LearnedCache
from standards.model import Analysis, Standard
from standards.targets import TARGETS, Target, active_targets, eslint, memo, prettier, target

from ..conftest import FIXTURES, make_repo

Learned = dict[str, tuple[Standard, ...]]


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    """Python, TypeScript with a root tsconfig.json, JavaScript and Ruby in one repo: ruff,
    Prettier, ESLint (after Prettier), tsc, RuboCop and Danger all learn."""
    tmp = tmp_path_factory.mktemp("together")
    source = tmp / "source"
    shutil.copytree(FIXTURES / "flask_service_layer", source)
    for name in ("src", "tsconfig.json"):
        copy = shutil.copytree if (FIXTURES / "typed_ts_library" / name).is_dir() else shutil.copy
        copy(FIXTURES / "typed_ts_library" / name, source / name)
    shutil.copytree(FIXTURES / "express_layers", source / "web")
    for folder in ("app/services", "spec/services"):
        shutil.copytree(FIXTURES / "rails_app" / folder, source / "ruby" / folder)
    return pipeline.analyze(make_repo(source, tmp / "repo"))


@pytest.fixture(scope="module")
def together(analysis: Analysis) -> Learned:
    """What each target learned side by side, without a cache."""
    targets = active_targets(analysis.settings)
    return memo.Learning(analysis, None, {}).learn_all(targets, analysis, lambda _: None)


def _with(analysis: Analysis, learned: Learned, names: list[str]) -> Analysis:
    """The analysis with what `names` learned, which replaces what the analyzers found
    under the same id (a target restates a standard its tool does not check), as the
    pipeline does."""
    found = [s for name in names for s in learned[name]]
    relearned = {s.id for s in found}
    kept = [s for s in analysis.standards if s.id not in relearned]
    return replace(analysis, standards=tuple(sorted((*kept, *found), key=_id)))


def _id(s: Standard) -> str:
    return s.id


def test_a_target_reads_no_standards_but_those_it_declares(
    analysis: Analysis, together: Learned
) -> None:
    """Learning with every other target's standards present changes nothing a target
    learned seeing only those it declares: an undeclared read would show here."""
    learned = {name: found for name, found in together.items() if found}
    assert {"ruff", "prettier", "eslint", "tsc", "rubocop", "danger"} <= set(learned)
    for name in TARGETS:
        others = [other for other in TARGETS if other != name]
        among = target(name).learn(_with(analysis, together, others))
        assert among == together[name], f"{name} reads standards it does not declare in AFTER"


def test_every_declared_read_changes_what_is_learned_here(
    analysis: Analysis, together: Learned
) -> None:
    """The fixture exercises each declaration: ESLint leaves layout rules to the
    Prettier the code keeps, and keeps them without it."""
    assert {name for name in TARGETS if target(name).AFTER} == {eslint.NAME}
    assert target(eslint.NAME).AFTER == (prettier.NAME,)
    withheld = target(eslint.NAME).learn(analysis)
    assert withheld != together[eslint.NAME]
    linted = [s for s in withheld if s.id.endswith(".eslint-rules")]
    rules = [r for s in linted for r in s.parameters["rules"]]  # type: ignore[union-attr]
    assert any(str(r).startswith("@stylistic/") for r in rules)


def test_a_target_reads_only_targets_before_it_in_hook_order() -> None:
    """So one always can start: no target waits on one that waits on it."""
    order = list(TARGETS)
    for name in TARGETS:
        declared = target(name).AFTER
        assert set(declared) <= set(order[: order.index(name)]), name


def test_side_by_side_is_one_after_another(analysis: Analysis, together: Learned) -> None:
    """The standards of serial learning, each target seeing all before it: the same
    objects in the same order, so every generated file is byte-identical."""
    serial = analysis
    for each in active_targets(analysis.settings):
        found = each.learn(serial)
        serial = _with(serial, {each.NAME: found}, [each.NAME])
    assert _with(analysis, together, list(TARGETS)).standards == serial.standards


def test_remembered_side_by_side_is_the_same(
    analysis: Analysis, together: Learned, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pipeline's learning, with the cache: the first run stores each target under
    its own key, the second reads them back without learning, and both give what
    learning side by side without a cache gives (the same as one after another)."""
    cache = LearnedCache(tmp_path / "learned")
    cold = pipeline._learn(analysis, _quiet, cache, {})
    for name, found in together.items():
        if target(name).TOOLS and found:  # what is stored; nothing learned is not
            monkeypatch.setattr(target(name), "learn", _unreachable)
    progress: list[tuple[str, int, int]] = []
    warm = pipeline._learn(analysis, lambda *shown: progress.append(shown), cache, {})
    assert cold.standards == warm.standards
    assert cold.standards == _with(analysis, together, list(TARGETS)).standards
    total = len(active_targets(analysis.settings))
    assert progress[0] == ("learn", 0, total) and progress[-1] == ("learn", total, total)


def _quiet(stage: str, done: int, total: int) -> None:
    """No progress shown."""


def _unreachable(analysis: Analysis) -> tuple[Standard, ...]:
    raise AssertionError("learned again what the cache holds")


def test_a_target_is_remembered_by_what_the_targets_it_reads_learned(
    analysis: Analysis, tmp_path: Path
) -> None:
    """What another target learned is part of the key only for the targets that read it."""
    calls: list[str] = []

    def reader(name: str, after: tuple[str, ...]) -> Target:
        def learn(seen: Analysis) -> tuple[Standard, ...]:
            calls.append(name)
            return analysis.standards[:1]

        return cast(
            Target, SimpleNamespace(NAME=name, TOOLS=("git",), AFTER=after, READS=None, learn=learn)
        )

    learning = memo.Learning(analysis, LearnedCache(tmp_path), {})
    formatted = {prettier.NAME: analysis.standards[-1:]}
    for read in (formatted, formatted, {prettier.NAME: ()}):
        learning.learn(reader("reads", (prettier.NAME,)), analysis, read)
        learning.learn(reader("alone", ()), analysis, {})
    assert calls == ["reads", "alone", "reads"]
