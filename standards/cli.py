"""The `standards` command: argv -> one pipeline call -> a rendered report.

Usage errors (a missing path, a folder that is not one) exit 2 with one line; new
violations found by `standards check` exit 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from standards import __version__, pipeline
from standards.check import runner
from standards.emitters.standards_json import load_standards
from standards.render import analysis as render_analysis
from standards.render import violations as render_violations

REPO = click.Path(exists=True, file_okay=False, path_type=Path)
OUT = click.Path(file_okay=False, path_type=Path)


@click.group()
@click.version_option(__version__, prog_name="standards")
def main() -> None:
    """Learn the rules a codebase already follows and turn them into checks."""


@main.command()
@click.argument("repo", type=REPO, default=".")
@click.option("--out", type=OUT, help="Output folder (default: REPO/.standards).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--no-verify", is_flag=True, help="Skip running the real tools on the repo.")
@click.option("--force", is_flag=True, help="Overwrite output files we did not write.")
@click.option("--jobs", type=click.IntRange(min=1), help="Parser processes (default: CPUs).")
def analyze(
    repo: Path, out: Path | None, fmt: str, no_verify: bool, force: bool, jobs: int | None
) -> None:
    """Mine REPO's standards and write configs, checks and a playbook for them."""
    console = Console(stderr=True)
    try:
        with _StageProgress(console, enabled=fmt == "text") as report:
            result = pipeline.run(
                repo, out, verify=not no_verify, force=force, progress=report, jobs=jobs
            )
    except pipeline.OutputConflictError as error:
        raise click.UsageError(str(error)) from error
    if fmt == "json":
        click.echo(render_analysis.json_(result))
    else:
        render_analysis.text(result, Console())


@main.command()
@click.argument("standard_id")
@click.option("--repo", type=REPO, default=".", help="Analyzed repo (default: here).")
@click.option("--out", type=OUT, help="Output folder (default: REPO/.standards).")
def explain(standard_id: str, repo: Path, out: Path | None) -> None:
    """Print one standard with its evidence."""
    source = (out or repo / ".standards") / "standards.json"
    if not source.exists():
        raise click.UsageError(f"{source} not found; run `standards analyze` first")
    found = [s for s in load_standards(source.read_text(encoding="utf-8")) if s.id == standard_id]
    if not found:
        raise click.UsageError(f"no standard {standard_id!r} in {source}")
    render_analysis.explain(found[0], Console())


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--tool", type=click.Choice(["all", *runner.TOOLS]), default="all")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text")
@click.option("--out", type=OUT, default=Path(".standards"), help="Generated standards folder.")
def check(files: tuple[Path, ...], tool: str, fmt: str, out: Path) -> None:
    """Check FILES (default: changed against HEAD); exit 1 on new violations."""
    root = Path.cwd()
    try:
        result = runner.run(root, out, [str(f) for f in files] or None, tool)
    except runner.CheckError as error:
        raise click.UsageError(str(error)) from error
    render = {
        "text": render_violations.text,
        "json": render_violations.json_,
        "sarif": render_violations.sarif,
    }
    click.echo(render[fmt](result), nl=False)
    sys.exit(1 if result.violations else 0)


@main.command()
@click.option("--prune", is_flag=True, required=True, help="Drop entries fixed since.")
@click.option("--out", type=OUT, default=Path(".standards"), help="Generated standards folder.")
def baseline(prune: bool, out: Path) -> None:
    """Maintain the baseline of today's violations."""
    try:
        dropped = runner.prune(Path.cwd(), out)
    except runner.CheckError as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"pruned {dropped} baseline entries")


class _StageProgress:
    """A rich progress bar, one task per pipeline stage, drawn on stderr."""

    def __init__(self, console: Console, *, enabled: bool) -> None:
        self._bar = Progress(
            TextColumn("{task.description:<12}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            disable=not enabled,
            transient=True,
        )
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> pipeline.Progress:
        self._bar.start()
        return self._update

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()

    def _update(self, stage: str, done: int, total: int) -> None:
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(stage, total=total)
        self._bar.update(self._tasks[stage], completed=done, total=total)
