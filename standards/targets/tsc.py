"""tsc, where the repo is TypeScript with a tsconfig.json: `tsc --noEmit` at the strictness
the code passes today, errors baselined; advice where it does not pass.

Why: a repo that compiles clean under its own tsconfig loses that the day a change adds
the first error, and nothing but the compiler notices. The pinned TypeScript (from
`standards.node`) type-checks with the repo's own tsconfig.json, which tsc reads as data:
it runs no code and loads no plugins. Stricter flags the tsconfig leaves off (`--strict`,
`--noImplicitReturns`...) are tried one at a time; each that adds no error is learned.
Nothing is emitted or built: the flags live in the standard, and the hook runs
`standards check --tool tsc`, which checks the whole program and reports errors in the
changed files that the baseline does not hold.
"""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from standards import node
from standards.analyzers import roles
from standards.analyzers.evidence import level, standard
from standards.model import (
    Analysis,
    Change,
    FileFacts,
    GeneratedFile,
    Level,
    Standard,
    Verification,
    Violation,
)
from standards.targets import (
    CheckRun,
    Hook,
    ToolError,
    check_all,
    runs,
    strictest,
    type_evidence,
)

NAME = "tsc"
TOOLS: tuple[str, ...] = ("node",)
AFTER: tuple[str, ...] = ()
READS: tuple[str, ...] | None = ("javascript", "typescript")  # `allowJs` lets JS in
STANDARD_ID = "typing.typescript.tsc"
CONFIG = "tsconfig.json"
CANDIDATES = ("strict", "noImplicitReturns", "noFallthroughCasesInSwitch", "noImplicitOverride")
"""Compiler options tried in order, each on top of those already learned."""
OPTIONS = ("--noEmit", "--pretty", "false", "--incremental", "false")
"""No output and no .tsbuildinfo: checking writes nothing into the repo."""
UNRESOLVED = frozenset({"TS2307", "TS7016"})
"""Cannot find module, and no declaration file for one: dependencies not installed."""
ERROR = re.compile(
    r"^(?P<path>[^\n(]+)\((?P<line>\d+),\d+\): error (?P<code>TS\d+): (?P<message>.*)$"
)
Run = Callable[[Sequence[str]], subprocess.CompletedProcess[str]]
"""tsc's command run with arguments, by a loaded checker."""
PROBE_FILE = ".probe.tsc.mjs"
CHECKER = """
import ts from "typescript";

const parsed = new Map();

export function run(args) {
  const commandLine = ts.parseCommandLine(args);
  if (!compiles(commandLine)) return ts.executeCommandLine(ts.sys, () => {}, args);
  const report = ts.createDiagnosticReporter(ts.sys);
  const cwd = ts.sys.getCurrentDirectory();
  const absolute = (name) => ts.getNormalizedAbsolutePath(name, cwd);
  const given = ts.convertToOptionsWithAbsolutePaths(commandLine.options, absolute);
  const project = absolute(commandLine.options.project);
  const config = ts.parseConfigFileWithSystem(
    project, given, new Map(), commandLine.watchOptions, ts.sys, report
  );
  if (ts.isIncrementalCompilation(config.options)) {
    return ts.executeCommandLine(ts.sys, () => {}, args);
  }
  const host = ts.createCompilerHostWorker(config.options, undefined, ts.sys);
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const canonical = ts.createGetCanonicalFileName(host.useCaseSensitiveFileNames());
  ts.changeCompilerHostLikeToUseCache(host, (name) => ts.toPath(name, cwd, canonical));
  const shape = ts.sourceFileAffectingCompilerOptions.map((o) => config.options[o.name] ?? null);
  const read = host.getSourceFile;
  host.getSourceFile = (name, version, ...rest) => {
    const key = JSON.stringify([shape, version, name]);
    if (!parsed.has(key)) parsed.set(key, read(name, version, ...rest));
    return parsed.get(key);
  };
  const program = ts.createProgram({
    rootNames: config.fileNames,
    options: config.options,
    projectReferences: config.projectReferences,
    host,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(config),
  });
  const write = (text) => ts.sys.write(text + ts.sys.newLine);
  process.exitCode = ts.emitFilesAndReportErrorsAndGetExitStatus(program, report, write);
}

function compiles({ errors, options, fileNames }) {
  const plain = !errors.length && !fileNames.length && options.pretty === false;
  const file = options.project && ts.sys.fileExists(options.project);
  return plain && file && !ts.sys.directoryExists(options.project) && !options.showConfig;
}
"""
"""`tsc` as its command line compiles (`performCompilation` of TypeScript's
`executeCommandLine`), in a process kept loaded, where what the options tried do not
change (the parse of a file, its binding: TypeScript's source-file-affecting options)
is kept from one run to the next, as its language service keeps it between programs.
Why: each run of the strictness search parses the whole program again, the standard
library's 50,000 lines of declarations first; here only checking is repeated. Anything
else (a tsconfig.json that cannot be read, an incremental build) goes to the command
line itself."""


def learn(analysis: Analysis) -> tuple[Standard, ...]:
    """How strictly the code type-checks today, on the files tsconfig.json puts in the
    program; nothing without one, when it holds none of them (a solution-style config of
    project references), or when tsc cannot read it (the tool's message is not a finding
    about the code)."""
    authored = [f.path for f in roles.authored(analysis.facts, "typescript")]
    if not authored or not (analysis.root / CONFIG).is_file():
        return ()
    out = analysis.root / analysis.settings.out
    try:
        shown = _shown(analysis.root, out)
        program = {posixpath.normpath(str(f)) for f in shown.get("files", ())}
        if not (paths := [p for p in authored if p in program]):
            return ()
        options = shown.get("compilerOptions", {})
        tried = [c for c in CANDIDATES if options.get(c) is not True]
        flags, errors = runs.reading(
            "node",
            [NAME, json.dumps(shown, sort_keys=True), *tried],
            _program(analysis.facts, options),
            tuple,
            partial(_strictest, analysis.root, out, tried),
        )
    except (ToolError, node.NodeError):
        return ()
    return (_standard(paths, flags, errors, analysis.settings.enforce_ratio),)


def _program(facts: Sequence[FileFacts], options: Mapping[str, object]) -> list[str]:
    """The repo's files tsc reads: TypeScript, and JavaScript where `allowJs` (or `checkJs`)
    lets it in; the strictness search is remembered by their contents (`runs.reading`),
    so an edit of a JavaScript file beside the program does not search again."""
    js = options.get("allowJs") is True or options.get("checkJs") is True
    languages = ("typescript", "javascript") if js else ("typescript",)
    return [f.path for f in facts if f.language in languages]


def emit(analysis: Analysis, out: str) -> tuple[GeneratedFile, ...]:
    return ()


def hooks(analysis: Analysis) -> tuple[Hook, ...]:
    if _enforced(analysis.standards) is None:
        return ()
    return (
        Hook(
            "standards-tsc",
            NAME,
            "tsc --noEmit (baseline applied)",
            ("ts", "tsx"),
            require_serial=True,
        ),
    )


def check(run: CheckRun) -> list[Violation]:
    found = _enforced(run.standards)
    wanted = set(run.paths_of("typescript"))
    if found is None or not wanted:
        return []
    errors = run_tsc(run.root, run.out, options(found))
    return [v for v in errors if v.path in wanted]


def verify(analysis: Analysis, out: Path) -> Verification | None:
    return check_all(NAME, check, analysis, out, 1) if _enforced(analysis.standards) else None


def wire(root: Path, out: Path) -> tuple[Change, ...]:
    return ()


def options(s: Standard) -> tuple[str, ...]:
    """The compiler options the standard learned (`strict`, `noImplicitReturns`)."""
    learned = s.parameters.get("flags", ())
    return tuple(str(name) for name in learned) if isinstance(learned, tuple) else ()


def _strictest(
    root: Path, out: Path, tried: Sequence[str]
) -> tuple[tuple[str, ...], list[Violation]]:
    """`strictest`, every run of tsc by one loaded checker: the plain run and the run
    with every candidate take turns, as the files each parses serve the runs after it."""
    with checker(root, out) as run:
        return strictest(partial(run_tsc, root, out, run=run), tried)


@contextmanager
def checker(root: Path, out: Path) -> Iterator[Run]:
    """tsc's command, run by `CHECKER` loaded in one Node process from `root`."""
    script = out / PROBE_FILE
    out.mkdir(parents=True, exist_ok=True)
    script.write_text(CHECKER, encoding="utf-8")
    try:
        with node.Warm(out, str(script.absolute()), root, 1) as warm:
            yield warm.run
    finally:
        script.unlink(missing_ok=True)


def run_tsc(
    root: Path, out: Path, names: Sequence[str] = (), run: Run | None = None
) -> list[Violation]:
    """tsc's errors on the project of `root`'s tsconfig.json with the compiler options
    `names` turned on, paths relative to `root`, from the command line or `run`; raises
    ToolError when tsc rejects the config itself."""
    args = ["-p", CONFIG, *OPTIONS, *(f"--{name}" for name in names)]
    done = run(args) if run else node.run(out, "tsc", args, cwd=root)
    if done.returncode not in (0, 1, 2):
        raise ToolError(done.stderr.strip() or f"tsc exited with {done.returncode}")
    found = []
    for line in done.stdout.split("\n"):  # not splitlines(): a path may hold U+2028
        match = ERROR.match(line)
        if match is None:
            if line.startswith("error TS"):
                raise ToolError(f"tsc rejected {CONFIG}: {line}")
            continue
        if match["path"].endswith(".json"):
            raise ToolError(f"tsc rejected {match['path']}: {match['message']}")
        path = Path(match["path"]).as_posix()
        found.append(Violation(path, int(match["line"]), match["code"], match["message"], NAME))
    return sorted(found)


def _shown(root: Path, out: Path) -> dict[str, Any]:
    """tsconfig.json as tsc resolves it (`extends` followed): options and program files."""
    shown = node.run(out, "tsc", ["-p", CONFIG, "--showConfig"], cwd=root)
    try:
        found = json.loads(shown.stdout)
    except json.JSONDecodeError as error:
        raise ToolError(f"tsc could not show {CONFIG}: {shown.stdout[:200]}") from error
    if not isinstance(found, dict):
        raise ToolError(f"tsc could not show {CONFIG}")
    return found


def _standard(
    paths: Sequence[str], learned: tuple[str, ...], errors: Sequence[Violation], ratio: float
) -> Standard:
    command = " ".join(["tsc --noEmit -p", CONFIG, *(f"--{n}" for n in learned)])
    ev = type_evidence(paths, errors)
    found = standard(
        STANDARD_ID,
        language="typescript",
        rule=f"Keep {command} free of new type errors.",
        why=f"{ev.followed} of {ev.total} files type-check with it today ({len(errors)} "
        "errors in all); a new error is a bug the compiler already found." + _unresolved(errors),
        parameters={"flags": learned, "errors": len(errors)},
        ev=ev,
        targets=(NAME, "playbook"),
    )
    return replace(found, level=level(ev, ratio))


def _unresolved(errors: Sequence[Violation]) -> str:
    """What to do when modules tsc cannot find explain errors: they hide real ones."""
    missing = sum(v.rule in UNRESOLVED for v in errors)
    if not missing:
        return ""
    return f" {missing} of the errors are modules tsc cannot find: install the dependencies."


def _enforced(standards: Sequence[Standard]) -> Standard | None:
    found = [s for s in standards if s.id == STANDARD_ID and s.level is Level.ENFORCE]
    return found[0] if found else None
