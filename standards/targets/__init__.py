"""Targets: the tools that enforce standards, one module each, owning their whole life.

A target learns what only its real tool can tell (which ruff rules the repo passes),
emits its config, names the hooks that run it, checks files with it for
`standards check`, and verifies its config by running the tool on the repo it came
from. Adding a tool is one module here and one line in `TARGETS`.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, cast

from standards.languages import name_for
from standards.model import (
    Analysis,
    Change,
    Evidence,
    Example,
    FileFacts,
    GeneratedFile,
    Settings,
    Standard,
    Verification,
    Violation,
)


class ToolError(Exception):
    """The tool rejected its configuration or could not run; the message says which."""


@dataclass(frozen=True)
class Hook:
    """One pre-commit hook: `standards check --tool <target>` on files of any of `types`
    (pre-commit's file type tags)."""

    id: str
    target: str
    name: str
    types: tuple[str, ...]
    require_serial: bool = False


@dataclass(frozen=True)
class CheckRun:
    """What a target checks: `paths` of the repo at `root` against the standards in `out`
    (the generated folder). Targets that run a tool on paths start at once; `facts` (the
    same files parsed and linked, once for every target) are loaded on first use."""

    root: Path
    out: Path
    standards: tuple[Standard, ...]
    paths: tuple[str, ...]
    load: Callable[[], tuple[FileFacts, ...]]

    @property
    def facts(self) -> tuple[FileFacts, ...]:
        return self.load()

    def paths_of(self, language: str) -> list[str]:
        """The paths of one language's files."""
        return [p for p in self.paths if name_for(p) == language]


class Target(Protocol):
    NAME: str
    TOOLS: tuple[str, ...]
    """The tools `learn` runs (keys of `memo.VERSIONS`); what it learns is remembered
    per version of them. Empty for a target that learns without a tool."""
    AFTER: tuple[str, ...]
    """The targets, earlier in hook order, whose learned standards `learn` reads (ESLint
    leaves layout to the formatter Prettier learned): it learns once they have, seeing
    theirs beside the analyzers'; every other target learns at the same time."""
    READS: tuple[str, ...] | None
    """The languages whose files and standards `learn` reads: what it learned is kept
    until one of those (or a file at the root, where configs live) changes, so an edit of
    a Python file leaves ESLint's as it was. None: every language (Danger judges a
    change to any file)."""

    def learn(self, analysis: Analysis) -> tuple[Standard, ...]:
        """Standards only the real tool can find, such as the rules the repo passes."""
        ...

    def emit(self, analysis: Analysis, out: str) -> tuple[GeneratedFile, ...]:
        """The files to write; `out` is the output folder relative to the repo root
        (POSIX), for paths the generated files name."""
        ...

    def hooks(self, analysis: Analysis) -> tuple[Hook, ...]: ...

    def check(self, run: CheckRun) -> list[Violation]:
        """Today's violations in `run.facts`; raises ToolError when the tool cannot run."""
        ...

    def verify(self, analysis: Analysis, out: Path) -> Verification | None:
        """Run the tool on the whole repo with the emitted files; None where it has none."""
        ...

    def wire(self, root: Path, out: Path) -> tuple[Change, ...]:
        """Edits that make the repo's own config use the generated one (install)."""
        ...


Check = Callable[[CheckRun], list[Violation]]


def check_all(tool: str, check: Check, analysis: Analysis, out: Path, rules: int) -> Verification:
    """The common verification: the tool accepts its config, and what it finds today
    (on every file the analysis read) is the baseline."""
    run = of_analysis(analysis, out)
    try:
        found = check(run)
    except ToolError as error:
        return Verification(tool, False, 0, (), str(error))
    return Verification(tool, True, rules, tuple(found))


def of_analysis(analysis: Analysis, out: Path) -> CheckRun:
    """A check of every file the analysis read, with the facts it already has."""
    paths = tuple(f.path for f in analysis.facts)
    return CheckRun(analysis.root, out, analysis.standards, paths, lambda: analysis.facts)


def chunks(root: Path, files: Sequence[str], most: int, least: int = 1) -> list[list[str]]:
    """`files` split for one tool process per core: no chunk over `most` files, none under
    `least` (a process costs its start-up), balanced by bytes, largest files first, so a
    few vendored giants do not keep one process busy while the others idle."""
    count = max(-(-len(files) // most), min(os.cpu_count() or 1, len(files) // least))
    split: list[list[str]] = [[] for _ in range(count if files else 0)]
    load = [0] * len(split)
    for size, path in sorted(((_size(root / p), p) for p in files), reverse=True):
        room = [i for i in range(len(split)) if len(split[i]) < most]
        chosen = min(room, key=lambda i: (load[i], len(split[i])))
        split[chosen].append(path)
        load[chosen] += size
    return [sorted(chunk) for chunk in split]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def active_targets(settings: Settings) -> list[Target]:
    """The targets the team's settings keep, in hook order."""
    return [target(name) for name in TARGETS if name not in settings.disable]


def enforced(standards: Sequence[Standard], standard_id: str) -> Standard | None:
    """The standard with this id when it is enforced."""
    found = [s for s in standards if s.id == standard_id and s.level.value == "enforce"]
    return found[0] if found else None


def strictest(
    run: Callable[[Sequence[str]], list[Violation]], candidates: Sequence[str]
) -> tuple[tuple[str, ...], list[Violation]]:
    """The candidate options a type checker passes without a new error, and its errors
    with them. `run` checks the repo with the options named. All at once first (one run
    where the code passes them all, beside the plain run: a checker keeps one core
    busy), else one at a time, each on top of those kept."""
    if not candidates:
        return (), run(())
    with ThreadPoolExecutor(2) as pool:
        plain, strict = pool.submit(run, ()), pool.submit(run, tuple(candidates))
        errors, together = plain.result(), strict.result()
    if len(together) <= len(errors):
        return tuple(candidates), together
    learned: tuple[str, ...] = ()
    for name in candidates:
        tried = run((*learned, name))
        if len(tried) <= len(errors):
            learned, errors = (*learned, name), tried
    return learned, errors


def type_evidence(paths: Sequence[str], errors: Sequence[Violation]) -> Evidence:
    """A type checker's evidence: the files it passes, and each other file at its first
    error."""
    from standards.analyzers.evidence import evidence  # a check of ruff alone never needs it

    first = {v.path: v for v in reversed(errors)}
    return evidence(
        [Example(p, 1, "no type errors") for p in paths if p not in first],
        [
            Example(p, first[p].line, f"{first[p].rule}: {first[p].message}")
            for p in paths
            if p in first
        ],
    )


@dataclass(frozen=True)
class Registered:
    """Where a target lives and the languages whose files it checks: what `standards
    check` must know to import only the targets its files need (a Python commit never
    loads ESLint's or RuboCop's code). `languages` None means files of any language.
    `facts`: its check reads the parsed files (`CheckRun.facts`), which a check then
    starts parsing and linking before the targets are imported."""

    module: str
    languages: tuple[str, ...] | None
    facts: bool = False


TARGETS: dict[str, Registered] = {
    "ruff-format": Registered("standards.targets.ruff.formatter", ("python",)),
    "ruff": Registered("standards.targets.ruff.target", ("python",)),
    "prettier": Registered("standards.targets.prettier", ("javascript", "typescript")),
    "eslint": Registered("standards.targets.eslint", ("javascript", "typescript")),
    "rubocop": Registered("standards.targets.rubocop", ("ruby",)),
    "standards": Registered("standards.targets.custom", None, facts=True),
    "mypy": Registered("standards.targets.mypy", ("python",)),
    "tsc": Registered("standards.targets.tsc", ("typescript",)),
    "danger": Registered("standards.targets.danger", ()),
}
"""In the order their hooks run: formatting and lint first, then our checks, then types.
A package may register more than one target (ruff's formatter beside its linter).
Danger checks no file on its own: it judges a change, in CI."""


def target(name: str) -> Target:
    """The registered target's module, imported on first use."""
    return cast(Target, importlib.import_module(TARGETS[name].module))


def checks_any(name: str, languages: Collection[str]) -> bool:
    """Whether the target checks files of any of `languages`."""
    registered = TARGETS[name].languages
    return registered is None or any(language in languages for language in registered)
