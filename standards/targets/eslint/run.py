"""Running the pinned ESLint on repo files and reading its JSON report as `Violation`s.

ESLint runs from the repo root, so the config's `files` globs and our rules' paths are
repo-relative, whichever config file it is given. Exit 2 means the config or a plugin
failed to load: that is the tool rejecting what we generated, never a finding.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from standards import node
from standards.model import Violation
from standards.targets import ToolError, chunks

WHOLE_FILE = frozenset({"max-lines", "standards/file-affix", "standards/module-case"})
"""Rules about a whole file (its length, its name), baselined whatever line they name."""
CHUNK = 500
"""Files per ESLint call, well under any command-line length limit."""
MIN_CHUNK = 40
"""Fewer files than this per process cost more in start-up (a second of loading the
plugins) than they save."""


Report = list[dict[str, Any]]


def run_eslint(root: Path, out: Path, config: Path, files: Sequence[str]) -> Report:
    """ESLint's JSON report for `files` (repo-relative) with the config at `config`, from
    a process per core (ESLint itself lints on one)."""
    split = chunks(root, files, CHUNK, MIN_CHUNK)
    with ThreadPoolExecutor(len(split) or 1) as pool:
        reports = list(pool.map(lambda chunk: _run(root, out, config, chunk), split))
    return [result for report in reports for result in report]


def _run(root: Path, out: Path, config: Path, files: Sequence[str]) -> Report:
    args = ["-c", str(config), "--format", "json", "--no-warn-ignored", "--no-inline-config"]
    try:
        done = node.run(out, "eslint", [*args, "--", *files], cwd=root)
    except node.NodeError as error:
        raise ToolError(str(error)) from error
    if done.returncode not in (0, 1) or not done.stdout.strip():
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise ToolError(" ".join(lines[:3]) or f"eslint exited {done.returncode} with no report")
    report: Report = json.loads(done.stdout or "[]")
    return report


def violations(root: Path, report: Report) -> list[Violation]:
    """One `Violation` per message; a file ESLint could not parse is one syntax error."""
    found = []
    for result in report:
        path = Path(str(result["filePath"])).resolve().relative_to(root.resolve()).as_posix()
        for message in result.get("messages") or []:
            rule = message.get("ruleId") or "syntax-error"
            line = int(message.get("line") or 1)
            found.append(Violation(path, line, rule, str(message["message"]), "eslint"))
    return sorted(v.whole_file() if v.rule in WHOLE_FILE else v for v in found)
