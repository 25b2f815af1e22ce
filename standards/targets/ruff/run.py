"""Running real ruff on repo files and reading its findings as `Violation`s.

Shared by the probes that learn which rules and settings the repo passes and by the
checks that verification and `standards check` run: one way to call ruff, `--no-cache`
so nothing is written into the repo. Findings come as JSON lines, read one at a time:
`--select ALL` on a large repo reports hundreds of thousands of them.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from standards.model import FileFacts, Param, Violation
from standards.targets import ToolError, runs
from standards.targets.ruff.binary import ruff
from standards.templating import toml_value

CHUNK = 2000
"""Files per ruff call, well under any command-line length limit."""

DECODER = json.JSONDecoder()
"""Each line is one JSON object: decoded without `json.loads`' checks around it, which
cost as much as the decoding on the hundreds of thousands of lines of `--select ALL`."""
SYNTAX = "syntax-error"
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
) -> Iterable[Violation]:
    """Findings of `select` (or of `ruff format --check`) with `settings` (dotted keys)
    alone, ignoring the repo's own configs: what the probes learn from."""
    options = ["--isolated"]
    for key, value in sorted(settings.items()):
        options += ["--config", f"{key} = {toml_value(value)}"]
    if command == "format":
        found = _findings(root, files, ["format", "--check", *options], root, "ruff-format")
        return [v for v in found if v.rule != SYNTAX]
    options += ["--select", ",".join(select)]
    return _findings(root, files, ["check", "--exit-zero", *options], root, "ruff")


def _findings(
    root: Path, files: Sequence[str], command: Sequence[str], where: Path, tool: str
) -> Iterable[Violation]:
    """Ruff's findings on `files`, remembered per file while a target learns."""
    options = [str(root), str(where), *command]
    return runs.per_file("ruff", options, files, partial(_run, root, command, where, tool))


def _run(
    root: Path, command: Sequence[str], where: Path, tool: str, files: Sequence[str]
) -> Iterator[Violation]:
    base = [*ruff(), *command, "--no-cache"]
    base += ["--output-format", "json-lines", "--"]
    named = [f if where == root else str(root / f) for f in files]
    prefix = str(root.resolve()) + os.sep
    for start in range(0, len(named), CHUNK):
        done = subprocess.run(
            [*base, *named[start : start + CHUNK]],
            cwd=where,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode not in (0, 1) and not done.stdout.strip():
            lines = (done.stderr or done.stdout).strip().splitlines()
            raise ToolError(lines[0] if lines else f"ruff exited {done.returncode}")
        # split on newlines only: a path may hold U+2028, which splitlines() splits on
        for line in filter(None, done.stdout.split("\n")):
            yield _violation(prefix, DECODER.raw_decode(line)[0], tool)


def _violation(prefix: str, item: dict[str, Any], tool: str) -> Violation:
    """One finding; `prefix` is the resolved repo root, which ruff's file names start with."""
    location = item.get("location") or {}
    filename = str(item["filename"]).removeprefix(prefix)
    code = str(item.get("code") or SYNTAX)
    return Violation(
        path=filename.replace(os.sep, "/"),
        line=int(location.get("row", 1)),
        rule=SYNTAX if code == "invalid-syntax" else code,
        message=str(item.get("message", "")),
        tool=tool,
    )
