"""`standards check` as a plain function, and its usual arguments read without Typer.

Pre-commit runs `standards check` once per hook on every commit, so its start-up is paid
each time, and Typer with what it imports costs about as much as checking one file. The
entry point (`standards.__main__`) reads the forms hooks and people type here and checks
at once; anything else (`--help`, a mistake to report) goes to the Typer app in
`standards.cli`, which owns the command's help and usage errors and calls `run` too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    CODEQUALITY = "codequality"


@dataclass(frozen=True)
class CheckArgs:
    """What `standards check` was asked: no `files` means those changed against HEAD."""

    files: tuple[str, ...] = ()
    tool: str = "all"
    fmt: CheckFormat = CheckFormat.TEXT
    out: Path | None = None
    no_cache: bool = False
    advice: bool = False


FLAGS = {"--no-cache": "no_cache", "--advice": "advice"}
"""The options that take no value, by the name of the `CheckArgs` field they set."""
OPTIONS = {"--tool": "tool", "--format": "fmt", "--out": "out"}
"""The options that take a value, by the name of the `CheckArgs` field they set."""


def parse(argv: Sequence[str]) -> CheckArgs | None:
    """`check`'s arguments (those after `check`) read as Typer reads them, or None for
    anything Typer should see itself: help, an unknown option, a missing or bad value."""
    values: dict[str, str] = {}
    files: list[str] = []
    flags: dict[str, bool] = {}
    rest = iter(argv)
    for arg in rest:
        name, equals, value = arg.partition("=")
        if arg == "--":
            files += rest
        elif arg in FLAGS:
            flags[FLAGS[arg]] = True
        elif name in OPTIONS:
            values[OPTIONS[name]] = value if equals else next(rest, "")
        elif arg.startswith("-") and arg != "-":
            return None
        else:
            files.append(str(Path(arg)))
    if values.get("fmt", "text") not in tuple(CheckFormat) or "" in values.values():
        return None
    out = Path(values["out"]) if "out" in values else None
    if out is not None and out.is_file():
        return None
    fmt = CheckFormat(values.get("fmt", "text"))
    return CheckArgs(tuple(files), values.get("tool", "all"), fmt, out, **flags)


def run(args: CheckArgs) -> tuple[str, int]:
    """The report and the exit code (1 on new violations); raises `CheckError`
    when the generated standards are missing or unusable, or the tool is unknown."""
    from standards.check import changes

    changed = None if args.files else changes.start(Path.cwd())  # git works while we import
    from standards.cache import FactsCache
    from standards.check import CheckError, runner
    from standards.render import violations

    if args.tool not in ("all", *runner.TOOLS):
        raise CheckError(f"no tool {args.tool!r}; choose all, {', '.join(runner.TOOLS)}")
    cache = None if args.no_cache else FactsCache.default()
    result = runner.run(
        Path.cwd(), args.out, args.files or None, args.tool, cache, args.advice, changed
    )
    render = {
        CheckFormat.TEXT: violations.text,
        CheckFormat.JSON: violations.json_,
        CheckFormat.SARIF: violations.sarif,
        CheckFormat.CODEQUALITY: violations.codequality,
    }
    return render[args.fmt](result), 1 if result.violations else 0
