"""`pre-commit-config.yaml`: one config that runs every generated check on each commit.

All hooks are `repo: local` with `language: system`: they run the tools installed with
standards (ruff through `standards check`, so the baseline applies), and mypy only where
the repo is already typed. Run it with
`pre-commit run -c .standards/pre-commit-config.yaml --all-files` from the repo root.
"""

from __future__ import annotations

import shlex

from standards.emitters.templating import render
from standards.model import Analysis, GeneratedFile, Level

FILE_NAME = "pre-commit-config.yaml"
OUT = ".standards"
"""Hooks run from the repo root, where `standards analyze` writes by default."""


def emit(analysis: Analysis) -> tuple[GeneratedFile, ...]:
    if not any(f.language == "python" for f in analysis.facts):
        return ()
    typed = any(
        s.id == "typing.python.annotations" and s.level is Level.ENFORCE for s in analysis.standards
    )
    text = render(
        "pre-commit/pre-commit-config.yaml.j2",
        out=OUT,
        entry=lambda tool: shlex.join(["standards", "check", "--tool", tool, "--out", OUT]),
        ruff=any(s.id == "lint.python.ruff-rules" for s in analysis.standards),
        typed=typed,
    )
    return (GeneratedFile(FILE_NAME, text),)
