"""`ruff format`: learned where the code is already what it writes, checked on the baseline.

Why: a formatter ends every layout discussion, but only a repo already formatted that
way can adopt it without a reformat-everything commit. The formatter standard is
enforced when at least 95% of authored files are already what `ruff format` writes with
the learned settings (line length, quotes, indent; the quote style and the magic
trailing comma are searched when the learned ones fail). Below that it is advice with
the count. This module is also the `ruff-format` target: its hook runs
`ruff format --check` through `standards check`, so the baseline applies. A file's
baseline entry is keyed by a hash of its whole content: the files unformatted today
stay exempt until someone touches them, and a new or touched unformatted file fails.
The hook imports this module for `check` alone: what learning uses is imported where used.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from standards.model import (
    Analysis,
    Change,
    Example,
    GeneratedFile,
    Param,
    Standard,
    Verification,
    Violation,
)
from standards.targets import CheckRun, Hook, check_all, enforced
from standards.targets.ruff import run

if TYPE_CHECKING:
    from standards.targets.ruff.search import Choice, Option, Scope, Settings

NAME = "ruff-format"
TOOLS: tuple[str, ...] = ()
AFTER: tuple[str, ...] = ()
READS: tuple[str, ...] | None = ("python",)
ID = "formatting.python.formatter"
CONFIG = "ruff.toml"
KEYS = ("line-length", "indent-width", "target-version")
LENGTH = "line-length"
MAX = "lint.pycodestyle.max-line-length"
QUOTE = "format.quote-style"
MAGIC = "format.skip-magic-trailing-comma"
PARAMETERS = (LENGTH, "indent-width", QUOTE, MAGIC)
LINE_LENGTHS = (88, 79, 100, 120)
"""Line lengths formatters commonly run at, black's and ruff's default first; tried
after the code's own when the code is not formatted at that one."""


def learn_formatter(scope: Scope, settings: Settings) -> tuple[Standard, Settings]:
    """The formatter standard and the settings most files are formatted with. Where the
    formatter is enforced at a line length below the lint limit, the limit moves to
    `lint.pycodestyle.max-line-length`: lines the formatter cannot split may be longer."""
    from standards.targets.ruff.search import greedy

    base = {k: v for k, v in settings.items() if k in KEYS or k.startswith("format.")}
    length = int(str(base.get(LENGTH, LINE_LENGTHS[0])))
    quote = str(base.get(QUOTE, "double"))
    magic = bool(base.get(MAGIC, False))
    options = [
        _option(LENGTH, (length, *LINE_LENGTHS)),
        _option(QUOTE, (quote, "double", "single", "preserve")),
        _option(MAGIC, (magic, not magic)),
    ]
    start = {**base, LENGTH: length, QUOTE: quote, MAGIC: magic}
    choice = greedy(scope, start, scope.unformatted, options)
    found = _standard(scope, choice)
    learned = {k: v for k, v in choice.settings.items() if k.startswith("format.")}
    chosen = choice.settings[LENGTH]
    if scope.passes(len(choice.failing)) and chosen != length:
        learned[LENGTH] = chosen
        learned.update({MAX: length} if isinstance(chosen, int) and length > chosen else {})
    return found, learned


def _option(key: str, values: tuple[Param, ...]) -> Option:
    from standards.targets.ruff.search import Option

    ordered = list(dict.fromkeys(values))
    return Option(key, tuple({key: v} for v in ordered), ())


def _standard(scope: Scope, choice: Choice) -> Standard:
    from standards.analyzers.evidence import evidence, standard

    good = [Example(p, 1, "formatted") for p in scope.files if p not in choice.failing]
    bad = [Example(p, 1, "would be reformatted") for p in sorted(choice.failing)]
    return standard(
        ID,
        language="python",
        rule=f"Format code with `ruff format` ({_described(choice.settings)}).",
        why="A formatter ends layout discussions in review; the code is already "
        "what it writes, so adopting it changes almost nothing.",
        parameters={k: v for k, v in sorted(choice.settings.items()) if k in PARAMETERS},
        ev=evidence(good, bad),
        targets=(NAME, "playbook"),
    )


def _described(settings: Mapping[str, Param]) -> str:
    quote = settings.get(QUOTE)
    parts = [f"line length {settings.get('line-length', 88)}"]
    parts.append("quotes as written" if quote == "preserve" else f"{quote} quotes")
    parts.append(f"{settings.get('indent-width', 4)}-space indent")
    if settings.get(MAGIC):
        parts.append("magic trailing commas ignored")
    return ", ".join(parts)


def learn(analysis: Analysis) -> tuple[Standard, ...]:
    """Nothing of its own: the ruff target learns the formatter with the lint settings."""
    return ()


def emit(analysis: Analysis, out: str) -> tuple[GeneratedFile, ...]:
    return ()


def hooks(analysis: Analysis) -> tuple[Hook, ...]:
    if enforced(analysis.standards, ID) is None:
        return ()
    return (Hook("standards-ruff-format", NAME, "ruff format (baseline applied)", ("python",)),)


def check(run_: CheckRun) -> list[Violation]:
    config = run_.out / CONFIG
    files = run_.paths_of(run.LANGUAGE)
    if enforced(run_.standards, ID) is None or not config.exists() or not files:
        return []
    shown = Path(os.path.relpath(config, run_.root)).as_posix()
    found = run.run_format(run_.root, files, ["--config", str(config)], cwd=run_.out)
    return [_fingerprinted(run_.root, v, shown) for v in found]


def _fingerprinted(root: Path, v: Violation, config: str) -> Violation:
    """Keyed by the whole file: touching an unformatted file makes it count."""
    content = (root / v.path).read_bytes()
    return Violation(
        path=v.path,
        line=v.line,
        rule="format",
        message=f"not formatted: run `ruff format --config {config} {v.path}`",
        tool=NAME,
        fingerprint=hashlib.sha1(content).hexdigest()[:16],
    )


def verify(analysis: Analysis, out: Path) -> Verification | None:
    if enforced(analysis.standards, ID) is None or not (out / CONFIG).exists():
        return None
    return check_all(NAME, check, analysis, out, 1)


def wire(root: Path, out: Path) -> tuple[Change, ...]:
    """Nothing to wire: the repo's ruff config extends ruff.toml, which holds `[format]`."""
    return ()
