"""Ruff: `ruff.toml` with the rules the repo already obeys, learned by running ruff itself.

`select` is always explicit, because ruff's defaults change between releases. The hook
runs ruff through `standards check`, so today's findings stay in the baseline and only
new ones fail a commit. Paths in the file are relative to the file itself, as ruff reads
them when the repo's own config `extend`s it (`standards install`).

A check needs only `run`: what learns, emits and wires is imported where it is used.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Mapping, Sequence
from pathlib import Path

from standards.model import (
    Analysis,
    Change,
    GeneratedFile,
    Param,
    Standard,
    Verification,
    Violation,
)
from standards.targets import CheckRun, Hook, check_all
from standards.targets.ruff.run import python_files, run_ruff
from standards.templating import glob_literal, render, toml_value

NAME = "ruff"
TOOLS: tuple[str, ...] = ("ruff",)
AFTER: tuple[str, ...] = ()
READS: tuple[str, ...] | None = ("python",)
FILE_NAME = "ruff.toml"
LANGUAGE = "python"


def learn(analysis: Analysis) -> tuple[Standard, ...]:
    """Rules, settings, import order and formatter, each checked by running ruff."""
    from standards.targets.ruff import learn as learning

    return learning.learn(analysis)


def emit(analysis: Analysis, out: str) -> tuple[GeneratedFile, ...]:
    from standards.targets.ruff import settings

    found = _rules(analysis.standards)
    if found is None:
        return ()
    up = posixpath.normpath(os.path.relpath(analysis.root, analysis.root / out))
    written = found.parameters["settings"]
    assert isinstance(written, Mapping)
    tables = settings.tables(written)
    text = render(
        "ruff/ruff.toml.j2",
        top=tables[0][1] if tables and not tables[0][0] else [],
        tables=[t for t in tables if t[0]],
        src=[up, posixpath.join(up, "src")],
        select=found.parameters["select"],
        ignore=found.parameters["ignore"],
        per_file=_per_file(found.parameters["per-file-ignores"], up),
        exclude=[
            posixpath.join(up, path) for path in settings.excluded(python_files(analysis.facts))
        ],
    )
    return (GeneratedFile(FILE_NAME, text),)


def _per_file(globs: Param, up: str) -> list[tuple[str, Param]]:
    """Globs with a folder are relative to this file, as ruff reads them; bare names
    match a file's name anywhere."""
    assert isinstance(globs, Mapping)
    return [(f"{glob_literal(up)}/{g}" if "/" in g else g, codes) for g, codes in globs.items()]


def hooks(analysis: Analysis) -> tuple[Hook, ...]:
    if _rules(analysis.standards) is None:
        return ()
    return (Hook("standards-ruff", NAME, "ruff (learned rules, baseline applied)", ("python",)),)


def check(run: CheckRun) -> list[Violation]:
    config = run.out / FILE_NAME
    files = run.paths_of(LANGUAGE)
    if not config.exists() or not files:
        return []
    return run_ruff(run.root, files, ["--config", str(config)], cwd=run.out)


def verify(analysis: Analysis, out: Path) -> Verification | None:
    found = _rules(analysis.standards)
    if found is None or not (out / FILE_NAME).exists():
        return None
    return check_all(NAME, check, analysis, out, len(enabled(found)))


def enabled(found: Standard) -> frozenset[str]:
    """The codes the written select, ignore and convention enable, as ruff reads them."""
    from standards.targets.ruff import catalogue

    select, ignore = found.parameters["select"], found.parameters["ignore"]
    written = found.parameters["settings"]
    assert isinstance(select, tuple) and isinstance(written, Mapping)
    options = ["--config", f"lint.ignore = {toml_value(ignore)}"]
    if convention := written.get("lint.pydocstyle.convention"):
        options += ["--config", f"lint.pydocstyle.convention = {toml_value(convention)}"]
    return catalogue.enabled(tuple(str(c) for c in select), tuple(options))


def _rules(standards: Sequence[Standard]) -> Standard | None:
    from standards.targets.ruff import rules

    found = [s for s in standards if s.id == rules.ID]
    return found[0] if found else None


def wire(root: Path, out: Path) -> tuple[Change, ...]:
    """`extend` the generated file from the config ruff reads first in the repo root
    (.ruff.toml, ruff.toml, pyproject.toml), or from a new ruff.toml."""
    from standards.wiring import WiringError, toml_key

    if not (out / FILE_NAME).exists():
        return ()
    name = next(
        (n for n in (".ruff.toml", "ruff.toml", "pyproject.toml") if (root / n).exists()), ""
    )
    target = name or "ruff.toml"
    before = (root / target).read_text(encoding="utf-8") if name else None
    extend = Path(os.path.relpath(out / FILE_NAME, root)).as_posix()
    table = ("tool", "ruff") if target == "pyproject.toml" else ()
    try:
        after = toml_key(before or "", table, "extend", extend)
    except WiringError as error:
        return (Change(target, before, before or "", f"left alone: {error}"),)
    return (Change(target, before, after),)
