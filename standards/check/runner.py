"""`standards check`: the given (or changed) files against the generated standards.

It is what the pre-commit hooks call, so it is fast on a few files: it parses only
those (once, for every tool), reads the repo's file list to resolve their imports, runs
each target's check, and reports only what the baseline does not already hold.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from standards.check.baseline import FILE_NAME, Baseline, fingerprinted
from standards.discovery import discover, skip_reason, source_paths
from standards.languages import LANGUAGES, language_for
from standards.model import FileFacts, Standard, Violation
from standards.store import FILE_NAME as STANDARDS_FILE
from standards.store import load_standards
from standards.targets import TARGETS, CheckRun, ToolError

TOOLS = tuple(TARGETS)


class CheckError(Exception):
    """The generated standards are missing or unusable; says what to run instead."""


@dataclass(frozen=True)
class CheckResult:
    violations: tuple[Violation, ...]
    baselined: int
    files: tuple[str, ...]


def run(root: Path, out: Path, files: Sequence[str] | None, tool: str) -> CheckResult:
    """New violations in `files` (default: changed against HEAD) for `tool` ("all" = every one)."""
    root, out = root.resolve(), (root / out).resolve()
    paths = _source_files(root, files if files is not None else _changed(root))
    found = fingerprinted(root, _violations(root, out, paths, tool))
    new = Baseline.load(out / FILE_NAME).new(found)
    return CheckResult(new, len(found) - len(new), tuple(paths))


def prune(root: Path, out: Path) -> int:
    """Drop baseline entries that no longer occur anywhere; how many were dropped."""
    root, out = root.resolve(), (root / out).resolve()
    paths = [f.path for f in discover(root).files if f.language in LANGUAGES]
    found = fingerprinted(root, _violations(root, out, paths, "all"))
    before = Baseline.load(out / FILE_NAME)
    after = before.prune(found, paths)
    (out / FILE_NAME).write_text(after.dumps(), encoding="utf-8")
    return sum(before.counts.values()) - sum(after.counts.values())


def _violations(root: Path, out: Path, paths: list[str], tool: str) -> list[Violation]:
    """Every chosen target's findings; tools that run on paths start while we parse."""
    standards = _load(out)
    if not paths:
        return []
    run_ = CheckRun(root, out, standards, tuple(paths), cache(lambda: _facts(root, paths)))
    chosen = [(name, t) for name, t in TARGETS.items() if tool in ("all", name)]
    with ThreadPoolExecutor(max_workers=len(chosen) or 1) as pool:
        futures = [(name, pool.submit(target.check, run_)) for name, target in chosen]
    found: list[Violation] = []
    for name, future in futures:
        try:
            found += future.result()
        except ToolError as error:
            raise CheckError(f"{name}: {error}") from error
    return found


def _load(out: Path) -> tuple[Standard, ...]:
    source = out / STANDARDS_FILE
    if not source.exists():
        raise CheckError(f"{source} not found; run `standards analyze` first")
    return load_standards(source.read_text(encoding="utf-8"))


def _facts(root: Path, paths: Sequence[str]) -> tuple[FileFacts, ...]:
    """The files among `paths` that parse, linked: parsed once for every target."""
    parsed = []
    for path in paths:
        language = language_for(path)
        if language is not None:
            parsed.append(language.parse(path, (root / path).read_bytes()))
    return tuple(_linked(root, [f for f in parsed if not f.problems]))


def _linked(root: Path, parsed: list[FileFacts]) -> list[FileFacts]:
    """`parsed` with imports resolved against every source file of the repo."""
    wanted = {f.path for f in parsed}
    others = sorted(set(source_paths(root)) - wanted)
    stubs = [FileFacts(p, language.NAME, 0) for p in others if (language := language_for(p))]
    everything = [*parsed, *stubs]
    linked = [f for language in LANGUAGES.values() for f in language.link(root, everything)]
    return sorted((f for f in linked if f.path in wanted), key=lambda f: f.path)


def _source_files(root: Path, files: Sequence[str]) -> list[str]:
    """The source files among `files` that analysis would read: in the repo, not skipped."""
    paths = set()
    for name in files:
        full = root / name
        if language_for(full.name) is None or not full.is_file():
            continue
        resolved = full.resolve()
        path = resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else ""
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
