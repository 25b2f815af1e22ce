"""`pre-commit-config.yaml`: one config that runs every target's hook on each commit.

All hooks are `repo: local` with `language: system`: each runs `standards check --tool
<target>`, so the baseline applies to every tool. Targets say which hooks they need
(mypy only where the repo is already typed). Run it with
`pre-commit run -c .standards/pre-commit-config.yaml --all-files` from the repo root.
"""

from __future__ import annotations

import shlex

from standards.model import Analysis, GeneratedFile
from standards.targets import TARGETS
from standards.templating import render

FILE_NAME = "pre-commit-config.yaml"
OUT = ".standards"
"""Hooks run from the repo root, where `standards analyze` writes by default."""


def emit(analysis: Analysis) -> tuple[GeneratedFile, ...]:
    hooks = [hook for target in TARGETS.values() for hook in target.hooks(analysis)]
    if not hooks:
        return ()
    text = render(
        "pre-commit/pre-commit-config.yaml.j2",
        out=OUT,
        entry=lambda tool: shlex.join(["standards", "check", "--tool", tool, "--out", OUT]),
        hooks=hooks,
    )
    return (GeneratedFile(FILE_NAME, text),)
