"""Running the pinned ESLint on repo files and reading its JSON report as `Violation`s.

ESLint runs from the repo root, so the config's `files` globs and our rules' paths are
repo-relative, whichever config file it is given. Exit 2 means the config or a plugin
failed to load: that is the tool rejecting what we generated, never a finding.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from standards import node
from standards.model import Violation
from standards.targets import ToolError

CHUNK = 500
"""Files per ESLint call, well under any command-line length limit."""


Report = list[dict[str, Any]]


def run_eslint(root: Path, out: Path, config: Path, files: Sequence[str]) -> Report:
    """ESLint's JSON report for `files` (repo-relative) with the config at `config`."""
    results: Report = []
    for start in range(0, len(files), CHUNK):
        args = ["-c", str(config), "--format", "json", "--no-warn-ignored", "--no-inline-config"]
        try:
            done = node.run(out, "eslint", [*args, "--", *files[start : start + CHUNK]], cwd=root)
        except node.NodeError as error:
            raise ToolError(str(error)) from error
        if done.returncode not in (0, 1):
            lines = (done.stderr or done.stdout).strip().splitlines()
            raise ToolError(" ".join(lines[:3]) or f"eslint exited {done.returncode}")
        results += json.loads(done.stdout or "[]")
    return results


def violations(root: Path, report: Report) -> list[Violation]:
    """One `Violation` per message; a file ESLint could not parse is one syntax error."""
    found = []
    for result in report:
        path = Path(str(result["filePath"])).resolve().relative_to(root.resolve()).as_posix()
        for message in result.get("messages") or []:
            rule = message.get("ruleId") or "syntax-error"
            line = int(message.get("line") or 1)
            found.append(Violation(path, line, rule, str(message["message"]), "eslint"))
    return sorted(found)
