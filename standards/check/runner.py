"""`standards check`: the given (or changed) files against the generated standards.

It is what the pre-commit hooks call, so it is fast on a few files: it parses only
those (once, for every tool), reads the repo's file list to resolve their imports, runs
each target's check, and reports only what the baseline does not already hold.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from standards.cache import FactsCache
from standards.check import CheckError, changes, indexed, standards_cache, suppressions
from standards.check.baseline import FILE_NAME, Baseline, fingerprinted
from standards.check.suppressions import Suppressed
from standards.discovery import discover, indexed_sources, skip_reason
from standards.languages import LANGUAGES, Language, language_for, name_for, parsed
from standards.model import FileFacts, Level, Settings, Standard, StyleStats, Violation
from standards.settings import SettingsError, matches
from standards.settings import load as load_settings
from standards.store import FILE_NAME as STANDARDS_FILE
from standards.targets import TARGETS, CheckRun, ToolError, checks_any, target

TOOLS = tuple(TARGETS)

Load = Callable[[], tuple[FileFacts, ...]]
"""The checked files' facts, parsed and linked once for every target that reads them."""
Listing = Callable[[], tuple[list[str], bool]]
"""The repo's source paths and whether it skips build folders (`indexed_sources`),
listed once on first use: one file outside any build folder needs neither."""
STUB_STYLE = StyleStats()
"""What every other file's stand-in for linking shares: it only names the file (a
default made per stand-in costs a third of making thousands of them)."""


@dataclass(frozen=True)
class CheckResult:
    """New violations fail; `advised` are new ones in paths the team holds to advice;
    `suppressed` are held back by a comment in the code, with its reason. `standards` are
    the ones checked against, which reports describe the rules with."""

    violations: tuple[Violation, ...]
    baselined: int
    files: tuple[str, ...]
    advised: tuple[Violation, ...] = ()
    standards: tuple[Standard, ...] = ()
    suppressed: tuple[Suppressed, ...] = ()


def run(
    root: Path,
    out: Path | None,
    files: Sequence[str] | None,
    tool: str,
    cache: FactsCache | None = None,
    advice: bool = False,
    changed: changes.Pending | None = None,
) -> CheckResult:
    """New violations in `files` (default: changed against HEAD, as `changed` answers when
    git was asked already) for `tool` ("all" = every one); facts of files `cache` holds
    are not parsed again. With `advice`, advised standards are checked too, their
    violations held as advice that never fails (Danger warns with them on a change's
    added lines)."""
    root = root.resolve()
    settings = _settings(root)
    out = (root / (out or settings.out)).resolve()
    listing = functools.cache(lambda: indexed.sources(root, settings, cache is not None))
    named = files if files is not None else (changed or changes.start(root))()
    paths = _source_files(root, named, settings, listing)
    loaded = _load(out, cached=cache is not None)
    advised = {s.id for s in loaded if s.level is Level.ADVISE} if advice else set()
    standards = tuple(replace(s, level=Level.ENFORCE) if s.id in advised else s for s in loaded)
    violations = _violations(root, out, standards, paths, tool, settings, listing, cache)
    found = fingerprinted(root, violations)
    ran = [name for name in TARGETS if name not in settings.disable and tool in ("all", name)]
    outcome = suppressions.apply(found, suppressions.read(root, paths), standards, ran)
    found = (*outcome.kept, *fingerprinted(root, outcome.problems))
    baseline = Baseline.load_paths(out / FILE_NAME, {v.path for v in found}, cache is not None)
    new = baseline.new(found)
    held = [v for v in new if v.rule in advised or matches(v.path, settings.advise_only)]
    failing = tuple(v for v in new if v not in held)
    baselined = len(found) - len(new)
    return CheckResult(failing, baselined, tuple(paths), tuple(held), loaded, outcome.suppressed)


def prune(root: Path, out: Path | None) -> int:
    """Drop baseline entries that no longer occur anywhere; how many were dropped."""
    root = root.resolve()
    settings = _settings(root)
    out = (root / (out or settings.out)).resolve()
    paths = [f.path for f in discover(root, settings).files if f.language in LANGUAGES]
    listing = functools.cache(lambda: indexed_sources(root, settings))
    violations = _violations(root, out, _load(out), paths, "all", settings, listing)
    found = fingerprinted(root, violations)
    before = Baseline.load(out / FILE_NAME)
    after = before.prune(found, paths)
    (out / FILE_NAME).write_text(after.dumps(), encoding="utf-8")
    return sum(before.counts.values()) - sum(after.counts.values())


def _settings(root: Path) -> Settings:
    try:
        return load_settings(root)
    except SettingsError as error:
        raise CheckError(str(error)) from error


def _violations(
    root: Path,
    out: Path,
    standards: tuple[Standard, ...],
    paths: list[str],
    tool: str,
    settings: Settings,
    listing: Listing,
    cache: FactsCache | None = None,
) -> list[Violation]:
    """Every chosen target's findings; tools that run on paths start while we parse.
    Only the targets that check the files' languages are imported, those running a tool
    first; the files are parsed and linked meanwhile when one of them reads them."""
    if not paths:
        return []
    facts: Load = functools.cache(lambda: _facts(root, paths, listing, cache))
    languages = {name for p in paths if (name := name_for(p))}
    chosen = [
        name
        for name in TARGETS
        if name not in settings.disable and tool in ("all", name) and checks_any(name, languages)
    ]
    load = [facts]  # then the parse in the background, from the first target reading it
    run_ = CheckRun(root, out, standards, tuple(paths), lambda: load[-1]())
    with ThreadPoolExecutor(max_workers=len(chosen) + 1) as pool:
        started = {}
        for name in sorted(chosen, key=lambda name: TARGETS[name].facts):
            if TARGETS[name].facts and len(load) == 1:
                load.append(pool.submit(facts).result)
            started[name] = pool.submit(target(name).check, run_)
    found: list[Violation] = []
    for name, future in ((name, started[name]) for name in chosen):
        try:
            found += future.result()
        except ToolError as error:
            raise CheckError(f"{name}: {error}") from error
    return found


def _load(out: Path, cached: bool = False) -> tuple[Standard, ...]:
    source = out / STANDARDS_FILE
    if not source.exists():
        raise CheckError(f"{source} not found; run `standards analyze` first")
    return standards_cache.load(source, cached)


def _facts(
    root: Path, paths: Sequence[str], listing: Listing, cache: FactsCache | None
) -> tuple[FileFacts, ...]:
    """The files among `paths` that parse, linked: parsed once for every target."""
    parsed = []
    for path in paths:
        if (language := language_for(path)) is not None:
            parsed.append(_parsed(language, path, (root / path).read_bytes(), cache))
    return tuple(_linked(root, [f for f in parsed if not f.problems], listing()[0]))


def _parsed(language: Language, path: str, source: bytes, cache: FactsCache | None) -> FileFacts:
    """One file's facts, from the cache when it has them (a hook reruns on the same files)."""
    if cache is None:
        return parsed(language, path, source)
    key = cache.key(language.NAME, path, source)
    if (facts := cache.get(key)) is None:
        facts = parsed(language, path, source)
        cache.put(key, facts)
    return facts


def _linked(root: Path, parsed: list[FileFacts], sources: list[str]) -> list[FileFacts]:
    """`parsed` with imports resolved against every source file of the repo, by the
    languages of `parsed` alone (each links only its own files)."""
    wanted = {f.path for f in parsed}
    others = sorted(set(sources) - wanted)
    stubs = [FileFacts(p, name, 0, style=STUB_STYLE) for p in others if (name := name_for(p))]
    everything = [*parsed, *stubs]
    languages = sorted({f.language for f in parsed})
    linked = [f for name in languages for f in LANGUAGES[name].link(root, everything)]
    return sorted((f for f in linked if f.path in wanted), key=lambda f: f.path)


def _source_files(
    root: Path, files: Sequence[str], settings: Settings, listing: Listing
) -> list[str]:
    """The source files among `files` that analysis would read: in the repo, not skipped."""
    paths = set()
    for name in files:
        full = root / name
        if name_for(full.name) is None or not full.is_file():
            continue
        resolved = full.resolve()
        path = resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else ""
        if path and skip_reason(root, path, settings, lambda: listing()[1]) is None:
            paths.add(path)
    return sorted(paths)
