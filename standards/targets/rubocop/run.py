"""Running Debian's RuboCop on repo files and reading its JSON report as `Violation`s.

RuboCop runs from the repo root with `--config` naming our file, so it never reads the
repo's own `.rubocop.yml` (nor the plugins that file would `require`), and paths in our
config are relative to the root. Exit 2 means RuboCop rejected the config or could not
run: that is a bug in what we generated, never a finding.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from standards.model import Violation
from standards.targets import ToolError, chunks

OWN_COP_ERROR = "An error occurred while Standards/"
WHOLE_FILE = frozenset({"Standards/FileAffix"})
"""Cops about a whole file (its name), baselined whatever line they name."""
"""How RuboCop reports a custom cop that crashed: our bug, never a clean file."""
CHUNK = 400
"""Files per RuboCop call at most, well under any command-line length limit."""
MIN_CHUNK = 40
"""Fewer files than this per process cost more in start-up than they save."""


def executable() -> str:
    found = shutil.which("rubocop")
    if found is None:
        raise ToolError("rubocop not found: install it (apt-get install rubocop)")
    return found


def run_rubocop(root: Path, config: Path, files: Sequence[str]) -> list[Violation]:
    """Every offense RuboCop reports in `files` (repo-relative) under `config`, from one
    process per CPU (RuboCop's own `--parallel` needs a cache written outside our folder)."""
    split = chunks(root, files, CHUNK, MIN_CHUNK)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        reports = list(pool.map(lambda chunk: _run(root, config, chunk), split))
    return sorted(v for report in reports for v in report)


def _run(root: Path, config: Path, files: Sequence[str]) -> list[Violation]:
    command = [executable(), "--config", str(config), "--format", "json", "--cache", "false"]
    command += ["--force-exclusion", "--", *files]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1) or not done.stdout.strip():
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise ToolError(" ".join(lines[:3]) or f"rubocop exited {done.returncode}")
    crashed = [line for line in done.stderr.splitlines() if line.startswith(OWN_COP_ERROR)]
    if crashed:
        raise ToolError(crashed[0])
    return _violations(json.loads(done.stdout))


def _violations(report: dict[str, object]) -> list[Violation]:
    found = []
    for result in report.get("files") or []:  # type: ignore[attr-defined]
        path = str(result["path"])
        for offense in result.get("offenses") or []:
            line = int((offense.get("location") or {}).get("start_line") or 1)
            found.append(
                Violation(path, line, str(offense["cop_name"]), str(offense["message"]), "rubocop")
            )
    return [v.whole_file() if v.rule in WHOLE_FILE else v for v in found]
