"""`standards check`: the given (or changed) files against the generated standards.

It is what the pre-commit hooks call, so it is fast on a few files: it parses only
those, reads the repo's file list to resolve their imports, and reports only what the
baseline does not already hold.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from standards.check import rules
from standards.check.baseline import FILE_NAME, Baseline, fingerprinted
from standards.check.mypy_runner import run_mypy
from standards.check.ruff_runner import RuffError, run_ruff
from standards.discovery import discover, skip_reason
from standards.emitters.standards_json import FILE_NAME as STANDARDS_FILE
from standards.emitters.standards_json import load_standards
from standards.languages import python
from standards.model import FileFacts, Level, Standard, Violation

TOOLS = ("ruff", "standards", "mypy")


class CheckError(Exception):
    """The generated standards are missing or unusable; says what to run instead."""


@dataclass(frozen=True)
class CheckResult:
    violations: tuple[Violation, ...]
    baselined: int
    files: tuple[str, ...]


def run(root: Path, out: Path, files: Sequence[str] | None, tool: str) -> CheckResult:
    """New violations in `files` (default: changed against HEAD) for `tool` ("all" = both)."""
    root, out = root.resolve(), (root / out).resolve()
    parsed = _parsed(root, _python_files(root, files if files is not None else _changed(root)))
    found = fingerprinted(root, _violations(root, out, parsed, tool))
    new = Baseline.load(out / FILE_NAME).new(found)
    return CheckResult(new, len(found) - len(new), tuple(f.path for f in parsed))


def prune(root: Path, out: Path) -> int:
    """Drop baseline entries that no longer occur anywhere; how many were dropped."""
    root, out = root.resolve(), (root / out).resolve()
    parsed = _parsed(root, [f.path for f in discover(root).files if f.language == "python"])
    found = fingerprinted(root, _violations(root, out, parsed, "all"))
    before = Baseline.load(out / FILE_NAME)
    after = before.prune(found, [f.path for f in parsed])
    (out / FILE_NAME).write_text(after.dumps(), encoding="utf-8")
    return sum(before.counts.values()) - sum(after.counts.values())


def typed(standards: Sequence[Standard]) -> bool:
    """The repo annotates consistently enough that a type checker belongs in its hooks."""
    return any(s.id == "typing.python.annotations" and s.level is Level.ENFORCE for s in standards)


def check_facts(standards: Sequence[Standard], facts: Sequence[FileFacts]) -> list[Violation]:
    return [v for f in facts for v in rules.check(standards, f)]


def _violations(root: Path, out: Path, parsed: list[FileFacts], tool: str) -> list[Violation]:
    standards = _load(out)
    if not parsed:
        return []
    paths = [f.path for f in parsed]
    found: list[Violation] = []
    if tool in ("all", "standards"):
        found += check_facts(standards, _linked(root, parsed))
    if tool in ("all", "mypy") and typed(standards):
        found += run_mypy(root, paths)
    config = out / "ruff.toml"
    if tool in ("all", "ruff") and config.exists():
        try:
            found += run_ruff(root, paths, ["--config", str(config)])
        except RuffError as error:
            raise CheckError(f"ruff rejected {config}: {error}") from error
    return found


def _load(out: Path) -> tuple[Standard, ...]:
    source = out / STANDARDS_FILE
    if not source.exists():
        raise CheckError(f"{source} not found; run `standards analyze` first")
    return load_standards(source.read_text(encoding="utf-8"))


def _parsed(root: Path, paths: Sequence[str]) -> list[FileFacts]:
    """Facts of the files among `paths` that parse: parsed once for every tool."""
    parsed = [python.parse(p, (root / p).read_bytes()) for p in paths]
    return [f for f in parsed if not f.problems]


def _linked(root: Path, parsed: list[FileFacts]) -> list[FileFacts]:
    """`parsed` with imports resolved against every python file of the repo."""
    wanted = {f.path for f in parsed}
    others = {f.path for f in discover(root).files if f.language == "python"} - wanted
    stubs = [FileFacts(p, "python", 0) for p in sorted(others)]
    return [f for f in python.link(root, [*parsed, *stubs]) if f.path in wanted]


def _python_files(root: Path, files: Sequence[str]) -> list[str]:
    """The python files among `files` that analysis would read: in the repo, not skipped."""
    paths = set()
    for name in files:
        full = root / name
        if full.suffix not in (".py", ".pyi") or not full.is_file():
            continue
        path = (
            full.resolve().relative_to(root).as_posix()
            if full.resolve().is_relative_to(root)
            else ""
        )
        if path and skip_reason(root, path) is None:
            paths.add(path)
    return sorted(paths)


def _changed(root: Path) -> list[str]:
    """Files changed against HEAD, and new files git does not ignore."""
    commands = (
        ["git", "-c", "core.quotepath=off", "diff", "--name-only", "HEAD"],
        ["git", "-c", "core.quotepath=off", "ls-files", "--others", "--exclude-standard"],
    )
    names: list[str] = []
    for command in commands:
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
        names += done.stdout.splitlines() if done.returncode == 0 else []
    return names
