"""The `standards` command: argv -> one pipeline call -> a rendered report.

Usage errors (a missing path, a folder that is not one) exit 2 with one line; new
violations found by `standards check` exit 1.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from standards import __version__
from standards.check import CheckError, runner
from standards.check_cli import CheckArgs, CheckFormat
from standards.check_cli import run as run_check

main = typer.Typer(
    help="Learn the rules a codebase already follows and turn them into checks.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class AnalysisFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class DiffFormat(StrEnum):
    MARKDOWN = "markdown"
    JSON = "json"


Repo = Annotated[
    Path,
    typer.Argument(exists=True, file_okay=False, help="The repository (default: here)."),
]
Out = Annotated[
    Path | None,
    typer.Option(file_okay=False, help="Output folder (default: REPO/.standards)."),
]
NoCache = Annotated[
    bool,
    typer.Option("--no-cache", help="Parse and learn anew; neither read nor write the cache."),
]
GeneratedOut = Annotated[
    Path | None,
    typer.Option(file_okay=False, help="The generated standards folder (default: .standards)."),
]


def _version(show: bool) -> None:
    if show:
        typer.echo(f"standards {__version__}")
        raise typer.Exit


@main.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Learn the rules a codebase already follows and turn them into checks."""


@main.command()
def analyze(
    repo: Repo = Path("."),
    out: Out = None,
    fmt: Annotated[AnalysisFormat, typer.Option("--format")] = AnalysisFormat.TEXT,
    no_verify: Annotated[
        bool, typer.Option("--no-verify", help="Skip running the real tools on the repo.")
    ] = False,
    force: Annotated[bool, typer.Option(help="Overwrite output files we did not write.")] = False,
    jobs: Annotated[
        int | None, typer.Option(min=1, help="Parser processes (default: CPUs).")
    ] = None,
    no_cache: NoCache = False,
) -> None:
    """Mine REPO's standards and write configs, checks and a playbook for them."""
    from rich.console import Console

    from standards import pipeline
    from standards.cache import FactsCache, LearnedCache
    from standards.render import analysis as render_analysis
    from standards.render.progress import StageProgress
    from standards.settings import SettingsError

    try:
        with StageProgress(Console(stderr=True), enabled=fmt is AnalysisFormat.TEXT) as report:
            result = pipeline.run(
                repo,
                out,
                verify=not no_verify,
                force=force,
                progress=report,
                jobs=jobs,
                cache=None if no_cache else FactsCache.default(),
                learned=None if no_cache else LearnedCache.default(),
            )
    except (pipeline.OutputConflictError, SettingsError) as error:
        raise typer.BadParameter(str(error)) from error
    if fmt is AnalysisFormat.JSON:
        typer.echo(render_analysis.json_(result))
    else:
        render_analysis.text(result, Console())


@main.command()
def explain(
    standard_id: Annotated[str, typer.Argument(help="A standard's id, as analyze prints it.")],
    repo: Annotated[
        Path, typer.Option(exists=True, file_okay=False, help="Analyzed repo (default: here).")
    ] = Path("."),
    out: Out = None,
) -> None:
    """Print one standard with its evidence."""
    from rich.console import Console

    from standards.render import analysis as render_analysis
    from standards.settings import SettingsError, load
    from standards.store import load_standards

    try:
        source = (out or repo / load(repo).out) / "standards.json"
    except SettingsError as error:
        raise typer.BadParameter(str(error)) from error
    if not source.exists():
        raise typer.BadParameter(f"{source} not found; run `standards analyze` first")
    found = [s for s in load_standards(source.read_text(encoding="utf-8")) if s.id == standard_id]
    if not found:
        raise typer.BadParameter(f"no standard {standard_id!r} in {source}")
    render_analysis.explain(found[0], Console())


@main.command()
def check(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Files to check (default: changed vs HEAD).")
    ] = None,
    tool: Annotated[
        str, typer.Option(help=f"Which tool's checks to run: all, {', '.join(runner.TOOLS)}.")
    ] = "all",
    fmt: Annotated[CheckFormat, typer.Option("--format")] = CheckFormat.TEXT,
    out: GeneratedOut = None,
    no_cache: NoCache = False,
    advice: Annotated[
        bool, typer.Option("--advice", help="Also report advised standards (never failing).")
    ] = False,
) -> None:
    """Check FILES (default: changed against HEAD); exit 1 on new violations."""
    named = tuple(str(f) for f in files or ())
    try:
        report, code = run_check(CheckArgs(named, tool, fmt, out, no_cache, advice))
    except CheckError as error:
        raise typer.BadParameter(str(error)) from error
    typer.echo(report, nl=False)
    raise typer.Exit(code)


@main.command()
def diff(
    repo: Repo = Path("."),
    base: Annotated[str, typer.Option(help="The revision to compare with.")] = "HEAD",
    fmt: Annotated[DiffFormat, typer.Option("--format")] = DiffFormat.MARKDOWN,
) -> None:
    """What the working tree changes in the analysis against BASE: standards added,
    dropped, or moved, as Markdown for a review comment."""
    from standards import diff as differ
    from standards.render import diff as render_diff
    from standards.settings import SettingsError

    try:
        found = differ.run(repo, base)
    except (differ.DiffError, SettingsError) as error:
        raise typer.BadParameter(str(error)) from error
    render = render_diff.json_ if fmt is DiffFormat.JSON else render_diff.markdown
    typer.echo(render(found), nl=False)


@main.command()
def install(
    repo: Repo = Path("."),
    out: Out = None,
    yes: Annotated[bool, typer.Option("--yes", help="Apply without asking.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only print the diff.")] = False,
) -> None:
    """Wire the generated configs into REPO's own: ruff `extend`, pre-commit hooks, agents."""
    from standards import install as installer

    try:
        changes = installer.plan(repo, out or repo / ".standards")
    except installer.InstallError as error:
        raise typer.BadParameter(str(error)) from error
    if not changes:
        typer.echo("already installed: nothing to change")
        return
    typer.echo(installer.diff(changes), nl=False)
    if dry_run or not (yes or typer.confirm("Apply these changes?", default=False)):
        return
    for path in installer.apply(repo.resolve(), changes):
        typer.echo(f"wrote {path}")


@main.command()
def baseline(
    prune: Annotated[bool, typer.Option(help="Drop entries fixed since.")] = False,
    out: GeneratedOut = None,
) -> None:
    """Maintain the baseline of today's violations."""
    if not prune:
        raise typer.BadParameter("say what to do with the baseline: --prune")
    try:
        dropped = runner.prune(Path.cwd(), out)
    except CheckError as error:
        raise typer.BadParameter(str(error)) from error
    typer.echo(f"pruned {dropped} baseline entries")
