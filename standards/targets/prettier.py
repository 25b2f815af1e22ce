"""Prettier: learned where JavaScript and TypeScript are already what it writes.

Why: a formatter ends layout discussions, but only a repo already formatted that way can
adopt it without a reformat-everything commit. The options come from what the code does
(print width from its line lengths, quotes, semicolons, trailing commas, indent); a few
Prettier defaults with no counterpart in our facts (arrow parentheses, bracket spacing)
are tried both ways, and the options most files already pass win. At 95% of authored
files the formatter is enforced: `.standards/prettier.config.mjs`, a hook through
`standards check` (a file's baseline entry is a hash of its whole content, so today's
unformatted files stay exempt until touched), and ESLint leaves layout to it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from itertools import product
from pathlib import Path

from standards import node
from standards.analyzers import roles
from standards.analyzers.evidence import evidence, level, standard
from standards.model import (
    Analysis,
    Change,
    Example,
    GeneratedFile,
    Level,
    Standard,
    Verification,
    Violation,
)
from standards.targets import CheckRun, Hook, ToolError, check_all, chunks, runs
from standards.templating import render

NAME = "prettier"
TOOLS: tuple[str, ...] = ("node",)
AFTER: tuple[str, ...] = ()
READS: tuple[str, ...] | None = ("javascript", "typescript")
FILE_NAME = "prettier.config.mjs"
LANGUAGES = ("javascript", "typescript")
TRIED = {"arrowParens": ("always", "avoid"), "bracketSpacing": (True, False)}
"""Prettier options our facts do not decide: each is tried, defaults first."""
WIDTHS = (80, 100, 120)
"""Print widths tried after the longest line's, where that one leaves files unformatted:
Prettier's default and the common others (nestjs-boilerplate's longest line is 119, its
Prettier breaks at 80)."""
CHUNK = 500
MIN_CHUNK = 100
"""Fewer files than this per process cost more in start-up (loading Prettier, warming
its JIT) than running them beside the others saves."""
UNPARSABLE = re.compile(r"^\[error\] [^\n]+?: (\w+Error): ", re.MULTILINE)
"""The line Prettier writes for each file it could not check, and why."""
SAMPLE = 200
"""Files the option search runs on: enough to tell options apart, a fraction of a big repo."""
BATCH = 10
"""The fewest files of the sample checked at a time while a candidate may still lose."""
CLI = "prettier/internal/legacy-cli.mjs"
"""Prettier's command, as its `bin` loads it: kept loaded while the options are searched."""
Run = Callable[[Sequence[str]], subprocess.CompletedProcess[str]]
"""Prettier's command run with arguments: once (`node.run`) or by a loaded process."""
Unformatted = Callable[[Sequence[str], Sequence[str]], set[str]]
"""The files among some paths Prettier would change with some flags."""


def formatter_id(language: str) -> str:
    return f"formatting.{language}.formatter"


def learn(analysis: Analysis) -> tuple[Standard, ...]:
    hidden = _ignored(analysis.root)
    files = {
        lang: [f.path for f in roles.authored(analysis.facts, lang) if not hidden(f.path)]
        for lang in LANGUAGES
    }
    files = {lang: paths for lang, paths in files.items() if paths}
    if not files:
        return ()
    out = analysis.root / analysis.settings.out
    main = max(files, key=lambda lang: (len(files[lang]), lang))
    base = _options(analysis.standards, main)
    paths = sorted(p for found in files.values() for p in found)
    try:
        with node.Warm(out, CLI, analysis.root, os.cpu_count() or 1) as warm:
            found = _search(base, paths, partial(_unformatted, analysis.root, warm.run))
    except (ToolError, node.NodeError):
        return ()
    if found is None:
        return ()
    best, failing = found
    ratio = analysis.settings.enforce_ratio
    return tuple(_standard(lang, files[lang], failing, best, ratio) for lang in sorted(files))


def _ignored(root: Path) -> Callable[[str], bool]:
    """What the repo's `.prettierignore` hides from Prettier, which reads it from where it
    runs: files it never checks are no evidence of formatting (human-essentials ignores
    `**`, and its 33 files all 'passed' a Prettier that read none of them)."""
    import pathspec  # only a repo with JavaScript needs it

    try:
        lines = (root / ".prettierignore").read_text("utf-8", "replace").splitlines()
    except OSError:
        return lambda path: False
    return pathspec.GitIgnoreSpec.from_lines(lines).match_file


def emit(analysis: Analysis, out: str) -> tuple[GeneratedFile, ...]:
    options = _enforced_options(analysis.standards)
    if options is None:
        return ()
    return (GeneratedFile(FILE_NAME, render("prettier/prettier.config.mjs.j2", options=options)),)


def hooks(analysis: Analysis) -> tuple[Hook, ...]:
    if _enforced_options(analysis.standards) is None:
        return ()
    types = ("javascript", "jsx", "ts", "tsx")
    return (Hook("standards-prettier", NAME, "prettier (files already formatted stay so)", types),)


def check(run: CheckRun) -> list[Violation]:
    config = run.out / FILE_NAME
    files = [p for lang in LANGUAGES for p in run.paths_of(lang)]
    if not config.exists() or not files:
        return []
    command = partial(node.run, run.out, NAME, cwd=run.root)
    unformatted = _unformatted(run.root, command, ["--config", str(config)], sorted(files))
    return [_violation(run.root, path) for path in sorted(unformatted)]


def verify(analysis: Analysis, out: Path) -> Verification | None:
    if _enforced_options(analysis.standards) is None:
        return None
    return check_all(NAME, check, analysis, out, 1)


def wire(root: Path, out: Path) -> tuple[Change, ...]:
    """A root `prettier.config.mjs` that re-exports ours, unless the repo has its own."""
    if not (out / FILE_NAME).exists():
        return ()
    source = "./" + Path(os.path.relpath(out / FILE_NAME, root)).as_posix()
    ours = f"export {{ default }} from {json.dumps(source)};\n"
    own = [n for n in os.listdir(root) if n.startswith((".prettierrc", "prettier.config."))]
    if not own:
        return (Change(FILE_NAME, None, ours),)
    if own == [FILE_NAME] and (root / FILE_NAME).read_text(errors="replace") == ours:
        return ()
    return (Change(own[0], None, "", f"left alone: the repo configures Prettier in {own[0]}"),)


def _options(standards: Sequence[Standard], language: str) -> dict[str, object]:
    """Prettier's options as the code's own habits set them."""
    found = {s.id.split(".", 2)[2]: s.parameters for s in standards if s.language == language}
    options: dict[str, object] = {}
    if "line-length" in found:
        options["printWidth"] = found["line-length"]["max"]
    if "indentation" in found:
        options["tabWidth"] = found["indentation"]["width"]
    if "quotes" in found:
        options["singleQuote"] = found["quotes"]["style"] == "single"
    if "semicolons" in found:
        options["semi"] = found["semicolons"]["style"] == "always"
    if "trailing-commas" in found:
        options["trailingComma"] = (
            "all" if found["trailing-commas"]["style"] == "always" else "none"
        )
    return options


def _search(
    base: Mapping[str, object], paths: Sequence[str], unformatted: Unformatted
) -> tuple[dict[str, object], set[str]] | None:
    """The tried options most files pass (defaults win ties), and the files they fail;
    None when most files are not what Prettier writes with any of them.

    Options are chosen on an even sample of the files, then checked on the other files
    once (Prettier judges each file alone, so the sample's answers stand). A candidate
    stops as soon as it fails as many files as the best one so far, or half the sample:
    it can then neither win nor change the answer, so the answer is the one checking
    every file would give. Files an earlier candidate failed are checked first: most
    fail again, and a losing candidate is told after few files.
    """
    sample = paths[:: max(1, len(paths) // SAMPLE)]
    half = -(-len(sample) // 2)
    best: tuple[dict[str, object], set[str]] | None = None
    failed: set[str] = set()
    for values in product(*TRIED.values()):
        options = {**base, **dict(zip(TRIED, values, strict=True))}
        bound = half if best is None else min(half, len(best[1]))
        order = sorted(sample, key=lambda p: p not in failed)
        failing, whole = _failing(unformatted, _flags(options), order, bound)
        failed |= failing
        if best is None or (whole and len(failing) < len(best[1])):
            best = (options, failing)
        if not failing:
            break
    assert best is not None
    for width in WIDTHS:  # the longest line is no print width where Prettier breaks at 80
        bound = min(half, len(best[1]))
        if not bound or "printWidth" not in base or width == base["printWidth"]:
            continue
        options = {**best[0], "printWidth": width}
        order = sorted(sample, key=lambda p: p not in failed)
        failing, whole = _failing(unformatted, _flags(options), order, bound)
        if whole and len(failing) < len(best[1]):
            best = (options, failing)
    if len(best[1]) * 2 >= len(sample):
        return None
    sampled = set(sample)
    rest = [p for p in paths if p not in sampled]
    failing = unformatted(_flags(best[0]), rest) if rest else set()
    return best[0], best[1] | failing


def _failing(
    unformatted: Unformatted, flags: Sequence[str], paths: Sequence[str], bound: int
) -> tuple[set[str], bool]:
    """The files among `paths` Prettier would change with `flags`, checked in order until
    `bound` of them fail; and whether every file was checked. Each batch holds as many
    files as must still fail to reach `bound`, so none is checked in vain."""
    failing: set[str] = set()
    done = 0
    while done < len(paths):
        if len(failing) >= bound:
            return failing, False
        size = max(bound - len(failing), BATCH)
        failing |= unformatted(flags, paths[done : done + size])
        done += size
    return failing, True


def _flags(options: Mapping[str, object]) -> list[str]:
    flags = ["--no-config"]
    for key, value in sorted(options.items()):
        name = "".join(f"-{c.lower()}" if c.isupper() else c for c in key)
        if isinstance(value, bool):
            flags.append(f"--{name}" if value else f"--no-{name}")
        else:
            flags.append(f"--{name}={value}")
    return flags


def _unformatted(root: Path, run: Run, flags: Sequence[str], paths: Sequence[str]) -> set[str]:
    """The files among `paths` Prettier would change (remembered per file while learning)."""
    listed = partial(_listed, root, run, flags)
    return {v.path for v in runs.per_file("node", [NAME, str(root), *flags], paths, listed)}


def _listed(root: Path, run: Run, flags: Sequence[str], paths: Sequence[str]) -> list[Violation]:
    """The files among `paths` Prettier would change, in a run per core. Prettier writes
    that list at its default log level: `--log-level=warn` silenced it, and every file
    passed."""

    def listed(chunk: Sequence[str]) -> list[str]:
        done = run(["--list-different", "--no-color", *flags, "--", *chunk])
        if done.returncode not in (0, 1) and not _unparsable_only(done.stderr):
            raise ToolError(" ".join(done.stderr.strip().splitlines()[:3]) or "prettier failed")
        return [line.strip() for line in done.stdout.splitlines() if line.strip()]

    split = chunks(root, paths, CHUNK, MIN_CHUNK)
    with ThreadPoolExecutor(len(split) or 1) as pool:
        found = sorted({path for found in pool.map(listed, split) for path in found})
    return [Violation(path, 1, NAME, "not formatted", NAME) for path in found]


def _unparsable_only(stderr: str) -> bool:
    """Prettier's errors are only files it cannot parse (a template saved as `.js`,
    Django's `{% autoescape off %}`): not formatting, and not the tool failing; the
    analysis reports them as problems."""
    kinds = UNPARSABLE.findall(stderr)
    return bool(kinds) and set(kinds) == {"SyntaxError"}


def _standard(
    language: str,
    paths: Sequence[str],
    failing: set[str],
    options: Mapping[str, object],
    ratio: float,
) -> Standard:
    found = standard(
        formatter_id(language),
        language=language,
        rule="Format with Prettier as the code already is ("
        + ", ".join(f"{k} {json.dumps(v)}" for k, v in sorted(options.items()))
        + ").",
        why="The files are already what Prettier writes with these options; keeping them so "
        "ends layout review comments.",
        parameters={"options": json.dumps(options, sort_keys=True)},
        ev=evidence(
            [Example(p, 1, "formatted") for p in paths if p not in failing],
            [Example(p, 1, "not formatted") for p in paths if p in failing],
        ),
        targets=(NAME, "playbook"),
    )
    return replace(found, level=level(found.evidence, ratio))


def _enforced_options(standards: Sequence[Standard]) -> dict[str, object] | None:
    for s in standards:
        if s.id in {formatter_id(lang) for lang in LANGUAGES} and s.level is Level.ENFORCE:
            return dict(json.loads(str(s.parameters["options"])))
    return None


def _violation(root: Path, path: str) -> Violation:
    digest = hashlib.sha1((root / path).read_bytes()).hexdigest()[:16]
    return Violation(path, 1, "prettier", "not formatted as Prettier writes it", NAME, digest)
