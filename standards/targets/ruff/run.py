"""Running real ruff on repo files and reading its findings as `Violation`s.

Shared by the probes that learn which rules and settings the repo passes and by the
checks that verification and `standards check` run: one way to call ruff, `--no-cache`
so nothing is written into the repo. Findings come as JSON lines (`report`): `--select
ALL` on a large repo reports hundreds of thousands of them.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from standards.model import FileFacts, Param, Violation
from standards.targets import ToolError, runs
from standards.targets.ruff import report
from standards.targets.ruff.binary import ruff
from standards.templating import toml_value

CHUNK = 2000
"""Files per ruff call, well under any command-line length limit."""
SYNTAX = report.SYNTAX
"""The rule a syntax error is reported under (the report's reader names it)."""
LANGUAGE = "python"


def python_files(facts: Sequence[FileFacts]) -> list[str]:
    """The python files ruff is run on: parsed without problems."""
    return [f.path for f in facts if f.language == LANGUAGE and not f.problems]


def run_ruff(
    root: Path, files: Sequence[str], options: Sequence[str], cwd: Path | None = None
) -> list[Violation]:
    """Ruff's findings on `files` (relative to `root`) with the given options.

    With a config file, ruff runs from the config's folder (`cwd`): it resolves a
    `--config` file's relative paths against the working folder, and an `extend`ed
    file's against that file's own folder, so running from there makes both agree.
    """
    command = ["check", "--exit-zero", "--force-exclude", *options]
    return sorted(_findings(root, files, command, cwd or root, "ruff"))


def run_format(
    root: Path, files: Sequence[str], options: Sequence[str], cwd: Path | None = None
) -> list[Violation]:
    """Files `ruff format` would change, each at the first line it would change."""
    command = ["format", "--check", "--force-exclude", *options]
    found = _findings(root, files, command, cwd or root, "ruff-format")
    return sorted(v for v in found if v.rule != SYNTAX)


def probe(
    root: Path,
    files: Sequence[str],
    settings: Mapping[str, Param],
    select: Sequence[str],
    command: str = "check",
    first: bool = False,
) -> runs.Findings:
    """Findings of `select` (or of `ruff format --check`) with `settings` (dotted keys)
    alone, ignoring the repo's own configs, by file: what the probes learn from. With
    `first`, only the first finding of each rule in each file: all a probe of which files
    break which rules needs."""
    options = ["--isolated"]
    for key, value in sorted(settings.items()):
        options += ["--config", f"{key} = {toml_value(value)}"]
    if command == "format":
        format_ = ["format", "--check", *options]
        found = _by_file(root, files, format_, "ruff-format", first)
        return {p: tuple(f for f in kept if f[1] != SYNTAX) for p, kept in found.items()}
    options += ["--select", ",".join(select)]
    return _by_file(root, files, ["check", "--exit-zero", *options], "ruff", first)


def _findings(
    root: Path, files: Sequence[str], command: Sequence[str], where: Path, tool: str
) -> Iterable[Violation]:
    """Ruff's findings on `files`, remembered per file while a target learns."""
    run = partial(_run, root, command, where, tool, False)
    return runs.per_file("ruff", [str(root), str(where), *command], files, run)


def _by_file(
    root: Path, files: Sequence[str], command: Sequence[str], tool: str, first: bool
) -> runs.Findings:
    """A probe's findings by file, remembered per file while a target learns."""
    options = [str(root), *command, *(["first"] if first else [])]
    run = partial(_run, root, command, root, tool, first)
    return runs.by_file("ruff", options, files, run)


def _run(
    root: Path, command: Sequence[str], where: Path, tool: str, first: bool, files: Sequence[str]
) -> Iterator[Violation]:
    """The findings of ruff run on `files` a chunk at a time, the chunks at once: while
    one chunk's report is written and read (by one thread each), another is checked."""
    base = [*ruff(), *command, "--no-cache", "--output-format", "json-lines", "--"]
    named = [f if where == root else str(root / f) for f in files]
    prefix = str(root.resolve()) + os.sep
    split = [named[start : start + CHUNK] for start in range(0, len(named), CHUNK)]
    with ThreadPoolExecutor(len(split) or 1) as pool:
        for found in pool.map(partial(_report, base, where), split):
            yield from report.findings(found, prefix, tool, first)


def _report(base: Sequence[str], where: Path, files: Sequence[str]) -> bytes:
    done = subprocess.run([*base, *files], cwd=where, capture_output=True, check=False)
    if done.returncode not in (0, 1) and not done.stdout.strip():
        lines = (done.stderr or done.stdout).decode(errors="replace").strip().splitlines()
        raise ToolError(lines[0] if lines else f"ruff exited {done.returncode}")
    return done.stdout
