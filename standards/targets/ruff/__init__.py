"""Ruff: `ruff.toml` with the rules the repo already obeys, learned by running ruff itself.

`select` is always explicit, because ruff's defaults change between releases. The hook
runs ruff through `standards check`, so today's findings stay in the baseline and only
new ones fail a commit. Paths in the file are relative to the file itself, as ruff reads
them when the repo's own config `extend`s it (`standards install`).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Sequence
from pathlib import Path

from standards.model import (
    Analysis,
    Change,
    FileFacts,
    GeneratedFile,
    Standard,
    Verification,
    Violation,
)
from standards.targets import CheckRun, Hook, check_all
from standards.targets.ruff import probe, settings
from standards.targets.ruff.run import run_ruff
from standards.templating import render
from standards.wiring import WiringError, toml_key

NAME = "ruff"
FILE_NAME = "ruff.toml"
LANGUAGE = "python"


def paths(facts: Sequence[FileFacts]) -> list[str]:
    """The python files ruff is run on: parsed without problems."""
    return [f.path for f in facts if f.language == LANGUAGE and not f.problems]


def learn(analysis: Analysis) -> tuple[Standard, ...]:
    files = paths(analysis.facts)
    if not files:
        return ()
    return (probe.probe(analysis.root, files, analysis.standards),)


def emit(analysis: Analysis, out: str) -> tuple[GeneratedFile, ...]:
    rules = _rules(analysis.standards)
    if rules is None:
        return ()
    learned = settings.settings(analysis.standards)
    text = render(
        "ruff/ruff.toml.j2",
        top=settings.section(learned, ""),
        sections=settings.sections(learned),
        select=rules.parameters["select"],
        ignore=rules.parameters["ignore"],
        exclude=[
            posixpath.join(posixpath.relpath(".", out), path)
            for path in settings.excluded(
                [f.path for f in analysis.facts if f.language == LANGUAGE]
            )
        ],
    )
    return (GeneratedFile(FILE_NAME, text),)


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
    rules = _rules(analysis.standards)
    if rules is None or not (out / FILE_NAME).exists():
        return None
    select = rules.parameters["select"]
    count = len(select) if isinstance(select, tuple) else 0
    return check_all(NAME, check, analysis, out, count)


def _rules(standards: Sequence[Standard]) -> Standard | None:
    found = [s for s in standards if s.id == settings.RULES_ID]
    return found[0] if found else None


def wire(root: Path, out: Path) -> tuple[Change, ...]:
    """`extend` the generated file from the config ruff reads first in the repo root
    (.ruff.toml, ruff.toml, pyproject.toml), or from a new ruff.toml."""
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
