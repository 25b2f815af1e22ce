"""mypy, where the repo is already typed or its team configures mypy: a hook at today's
strictness, errors baselined.

Stricter options are tried one at a time on top of mypy's defaults
(`--check-untyped-defs`, `--disallow-untyped-defs`, `--disallow-incomplete-defs`); each
that adds no error is learned, in `typing.python.mypy`, and the hook runs with it, so
the code keeps the strictness it already has.

mypy runs with no configuration file: a repo's mypy config may load plugins, which would
run code the analysis promised never to run. Its cache lives in our user cache, one folder
per repo and set of options (never in the repo, and runs with different options beside
each other never share one), so learning the strictness, verifying and the hook re-check
only what changed. The same options serve verification and the hook, so the baseline
they share matches.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from standards.analyzers import roles
from standards.analyzers.evidence import level, standard
from standards.cache import cache_dir
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
    check_all,
    configs,
    enforced,
    strictest,
    type_evidence,
)

NAME = "mypy"
TOOLS: tuple[str, ...] = ("mypy",)
AFTER: tuple[str, ...] = ()
READS: tuple[str, ...] | None = ("python",)
TYPED_ID = "typing.python.annotations"
STANDARD_ID = "typing.python.mypy"
CANDIDATES = ("check-untyped-defs", "disallow-untyped-defs", "disallow-incomplete-defs")
"""Options tried in order, each on top of those already learned."""
CONFIGS = ("mypy.ini", ".mypy.ini")
"""mypy's own config files; `[tool.mypy]` in pyproject.toml and `[mypy]` in setup.cfg too."""

OPTIONS = (
    f"--config-file={os.devnull}",
    "--ignore-missing-imports",
    "--follow-imports=silent",
    "--no-error-summary",
    "--show-error-codes",
    "--no-color-output",
    "--hide-error-context",
    "--no-pretty",
    "--explicit-package-bases",
)
KEPT_CACHES = 16
ERROR = re.compile(
    r"^(?P<path>[^:\n]+):(?P<line>\d+): error: (?P<message>.*?)(?:  \[(?P<code>[\w-]+)\])?$"
)


def typed(standards: Sequence[Standard]) -> bool:
    """A type checker belongs in the hooks: the repo annotates consistently, or its team
    configures mypy (the learned standard says where), and mypy can read its code."""
    learned = [s for s in standards if s.id == STANDARD_ID]
    if any(s.parameters.get("unreadable") for s in learned):
        return False
    return enforced(standards, TYPED_ID) is not None or any(
        s.parameters.get("configured") for s in learned
    )


def configured(root: Path) -> str:
    """The file where the team configures mypy, or "": a team that runs mypy wants it in
    its hooks, whatever share of its code is annotated. Read as data, never run."""
    for name in CONFIGS:
        if (root / name).is_file():
            return name
    tool = (configs.toml(root / "pyproject.toml") or {}).get("tool")
    if isinstance(tool, dict) and "mypy" in tool:
        return "pyproject.toml"
    setup = configs.ini(root / "setup.cfg")
    return "setup.cfg" if setup is not None and setup.has_section("mypy") else ""


def learn(analysis: Analysis) -> tuple[Standard, ...]:
    """The strictest candidate options the typed code passes without a new error."""
    from standards.languages.python import links  # `check` reads the bases learned here

    where = configured(analysis.root)
    if not (where or typed(analysis.standards)):
        return ()
    paths = [f.path for f in roles.authored(analysis.facts, "python")]
    python = [f for f in analysis.facts if f.language == "python"]
    imported = (i for f in python for i in f.imports if not i.relative)
    bases = links.roots([f.path for f in python], imported)
    learned, errors = strictest(
        lambda names: run_mypy(analysis.root, paths, [f"--{n}" for n in names], bases),
        CANDIDATES,
    )
    unreadable = _unreadable(analysis.facts, errors)
    if unreadable:
        annotations = [s for s in analysis.standards if s.id == TYPED_ID]
        unchecked = (replace(s, targets=("playbook",)) for s in annotations)
        return (_unread(paths, errors, unreadable, where), *unchecked)
    return (_standard(paths, (learned, bases), errors, analysis.settings.enforce_ratio, where),)


def _unreadable(facts: Sequence[FileFacts], errors: Sequence[Violation]) -> tuple[str, ...]:
    """Files mypy calls invalid that parse (`except A, B:` of Python 3.14 where mypy runs
    on 3.11): mypy reads code with the Python it runs on, and stops at the first file it
    cannot read, so it checks nothing and flags valid code."""
    parsed = {f.path for f in facts if not f.problems}
    return tuple(sorted({e.path for e in errors if e.rule == "syntax" and e.path in parsed}))


def _unread(
    paths: Sequence[str], errors: Sequence[Violation], unreadable: tuple[str, ...], where: str
) -> Standard:
    """Advice to type-check where mypy can read the code, and no hook here (nor does the
    annotations standard say mypy checks it)."""
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    found = standard(
        STANDARD_ID,
        language="python",
        rule=f"Run mypy on a Python as new as the code's syntax: on Python {running} it "
        f"cannot read {len(unreadable)} files, so no hook runs it.",
        why=f"mypy parses with the Python it runs on; {unreadable[0]} uses newer syntax, "
        "and mypy stops at the first file it cannot read, so it would check nothing and "
        "flag valid code.",
        parameters={"unreadable": unreadable, "configured": where},
        ev=type_evidence(paths, errors),
        targets=("playbook",),
    )
    return replace(found, level=Level.ADVISE)


def emit(analysis: Analysis, out: str) -> tuple[GeneratedFile, ...]:
    return ()


def hooks(analysis: Analysis) -> tuple[Hook, ...]:
    if not typed(analysis.standards):
        return ()
    return (
        Hook("standards-mypy", NAME, "mypy (baseline applied)", ("python",), require_serial=True),
    )


def check(run: CheckRun) -> list[Violation]:
    if not typed(run.standards):
        return []
    found = [s for s in run.standards if s.id == STANDARD_ID]
    extra = [f"--{name}" for name in _flags(found[0])] if found else []
    bases = found[0].parameters.get("bases", ()) if found else ()
    named = tuple(str(b) for b in bases) if isinstance(bases, tuple) else ()
    return run_mypy(run.root, run.paths_of("python"), extra, named)


def verify(analysis: Analysis, out: Path) -> Verification | None:
    return check_all(NAME, check, analysis, out, 1) if typed(analysis.standards) else None


def _cache(root: Path, extra: Sequence[str]) -> str:
    """This repo's and options' cache folder, marked as just used; the least recently used
    beyond `KEPT_CACHES` go (each holds typeshed's stubs, about 20 MB)."""
    key = hashlib.sha256("\0".join([str(root.resolve()), *extra]).encode()).hexdigest()[:16]
    folders = cache_dir() / "mypy"
    (folders / key).mkdir(parents=True, exist_ok=True)
    os.utime(folders / key)
    used = sorted(folders.iterdir(), key=lambda f: f.stat().st_mtime, reverse=True)
    for stale in used[KEPT_CACHES:]:
        shutil.rmtree(stale, ignore_errors=True)
    return f"--cache-dir={folders / key}"


def run_mypy(
    root: Path, files: Sequence[str], extra: Sequence[str] = (), bases: Sequence[str] = ()
) -> list[Violation]:
    """mypy's errors on `files` (relative to `root`), with `extra` options. A module is
    named from the folder its imports start at (the root, or one of `bases`), never by
    crawling up `__init__.py` files: poetry's `src/poetry/` has none, and crawling named
    its `config/config.py` `config.config`, so `import json` found poetry's `json/`."""
    if not files:
        return []
    search = {**os.environ, "MYPYPATH": os.pathsep.join(bases)}
    options = [*OPTIONS, _cache(root, [*extra, *bases]), *extra]
    done = subprocess.run(
        [sys.executable, "-m", "mypy", *options, "--", *files],
        cwd=root,
        env=search,
        capture_output=True,
        text=True,
        check=False,
    )
    found = []
    for line in done.stdout.split("\n"):  # not splitlines(): a path may hold U+2028
        match = ERROR.match(line)
        if match:
            found.append(
                Violation(
                    path=Path(match["path"]).as_posix(),
                    line=int(match["line"]),
                    rule=match["code"] or "mypy",
                    message=match["message"],
                    tool="mypy",
                )
            )
    return sorted(found)


def wire(root: Path, out: Path) -> tuple[Change, ...]:
    return ()


def _flags(s: Standard) -> tuple[str, ...]:
    learned = s.parameters.get("flags", ())
    return tuple(str(name) for name in learned) if isinstance(learned, tuple) else ()


def _standard(
    paths: Sequence[str],
    options: tuple[tuple[str, ...], tuple[str, ...]],
    errors: Sequence[Violation],
    ratio: float,
    where: str,
) -> Standard:
    """The hook's standard: the `learned` flags, and the `bases` imports start at."""
    learned, bases = options
    command = " ".join(["mypy", *(f"--{name}" for name in learned)])
    ev = type_evidence(paths, errors)
    team = f" The team configures mypy in {where}." if where else ""
    found = standard(
        STANDARD_ID,
        language="python",
        rule=f"Keep {command} free of new type errors.",
        why=f"{ev.followed} of {ev.total} files type-check with it today ({len(errors)} "
        "errors in all, baselined); the options are the strictest the code already passes." + team,
        parameters={"flags": learned, "errors": len(errors), "configured": where, "bases": bases},
        ev=ev,
        targets=(NAME, "playbook"),
    )
    return replace(found, level=level(ev, ratio))
