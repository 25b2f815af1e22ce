"""`pre-commit-config.yaml`: one config that runs every target's hook on each commit.

All hooks are `repo: local` with `language: system`: each runs `standards check --tool
<target>`, so the baseline applies to every tool. Targets say which hooks they need
(mypy only where the repo is already typed). Run it with
`pre-commit run -c .standards/pre-commit-config.yaml --all-files` from the repo root, or
let `standards install` add the same hooks to the repo's own `.pre-commit-config.yaml`.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from standards.model import Analysis, Change, GeneratedFile
from standards.targets import Hook, active_targets
from standards.templating import render
from standards.wiring import WiringError, yaml_list_item

FILE_NAME = "pre-commit-config.yaml"
REPO_CONFIG = ".pre-commit-config.yaml"


def emit(analysis: Analysis, out: str) -> tuple[GeneratedFile, ...]:
    targets = active_targets(analysis.settings)
    hooks = [hook for target in targets for hook in target.hooks(analysis)]
    if not hooks:
        return ()
    text = render("pre-commit/pre-commit-config.yaml.j2", out=out, local=_local(hooks, out))
    return (GeneratedFile(FILE_NAME, text),)


def wire(root: Path, out: Path) -> tuple[Change, ...]:
    """The generated hooks, as one `repo: local` entry of the repo's own pre-commit config."""
    generated = out / FILE_NAME
    if not generated.exists():
        return ()
    text = generated.read_text(encoding="utf-8").split("\nrepos:\n", 1)[1]
    local = "".join(line.removeprefix("  ") for line in text.splitlines(True))
    path = root / REPO_CONFIG
    before = path.read_text(encoding="utf-8") if path.exists() else None
    try:
        after = yaml_list_item(before or "", "repos", local)
    except WiringError as error:
        return (Change(REPO_CONFIG, before, before or "", f"left alone: {error}"),)
    return (Change(REPO_CONFIG, before, after),)


def _local(hooks: list[Hook], out: str) -> str:
    """Hooks run from the repo root, naming the output folder relative to it."""

    def entry(tool: str) -> str:
        return shlex.join(["standards", "check", "--tool", tool, "--out", out])

    return render("pre-commit/local-repo.yaml.j2", out=out, entry=entry, hooks=hooks)
