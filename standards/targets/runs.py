"""Tool findings remembered file by file while a target learns, so learning again after an
edit runs the tools on the edited files only.

Why: one edited file changes the key of everything a target learned (`memo`), but a
linter judges each file alone: the findings on the other files, under the same options,
are what they were. While `memo.Learning` runs a target it opens `remembered`, and the
target's runner passes each tool run through `per_file`: findings are kept per options
by file, each with the file's content key, and only the files whose content changed
(or that were never run with these options) go to the tool; what the tool finds on them
is kept beside the entry while such files are few, so an edit rewrites a small entry
rather than every file's findings. A learner that only counts findings reads them by file
(`by_file`), as they are kept, never building a `Violation` for each. The key also names the
tool's build and the repo's layout (every path, and the files at its root): a rule may
look at which files exist (a missing `__init__.py`) and a tool at an ignore file
(`.prettierignore`), never at what another source file holds. Outside learning, runs go
straight to the tool.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

from standards.cache import LearnedCache, digest
from standards.model import Violation

T = TypeVar("T")
Found = tuple[int, str, str, str, str]
"""A finding without its path: line, rule, message, tool, fingerprint. Kept as a tuple:
a file of them loads ten times faster than one of `Violation`s (ESLint's probe finds
hundreds of thousands on a large repo)."""
Kept = dict[str, tuple[str, tuple[Found, ...]]]
"""Per path: its content key, and the findings on it."""
Findings = Mapping[str, tuple[Found, ...]]
"""Per path, the findings on it."""
NEWER = 1 / 16
"""Files with newer findings, as a share of those an entry holds, that are kept beside it
rather than written into it."""


@dataclass(frozen=True)
class Runs:
    """Where findings are kept, and what names them: a digest of the repo's layout, each
    file's content key, and the build of each tool the target runs."""

    cache: LearnedCache
    layout: str
    contents: Mapping[str, str]
    versions: Mapping[str, str]


_ACTIVE: ContextVar[Runs | None] = ContextVar("runs", default=None)


@contextmanager
def remembered(runs: Runs) -> Iterator[None]:
    """Tool runs through `per_file` are remembered in `runs` until the block ends."""
    token = _ACTIVE.set(runs)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def per_file(
    tool: str,
    options: Sequence[str],
    files: Sequence[str],
    run: Callable[[Sequence[str]], Iterable[Violation]],
) -> Iterable[Violation]:
    """What `run(files)` finds, `tool` run with `options`: remembered findings for the
    files whose content is unchanged, a run on the others."""
    if _active(tool) is None:
        return run(files)
    found = by_file(tool, options, files, run)
    return [Violation(p, *f) for p in files for f in found[p]]


def by_file(
    tool: str,
    options: Sequence[str],
    files: Sequence[str],
    run: Callable[[Sequence[str]], Iterable[Violation]],
) -> Findings:
    """`per_file`'s findings as they are kept, by path (every file of `files`, in order):
    a learner that only counts them never builds a `Violation` for each."""
    if (runs := _active(tool)) is None:
        return _grouped(files, run(files))
    key = digest(runs.layout, tool, runs.versions[tool], *options)
    older, newer = _kept(runs.cache, key), _kept(runs.cache, digest(key, "newer"))
    current = {p: r for p, r in newer.items() if r[0] == runs.contents.get(p)}
    kept = {**older, **current}
    fresh = [p for p in files if p not in kept or kept[p][0] != runs.contents.get(p)]
    found = _grouped(fresh, run(fresh) if fresh else ())
    now = {p: (runs.contents[p], found[p]) for p in fresh if p in runs.contents}
    if now:
        _keep(runs.cache, key, older, {**current, **now}, bool(newer))
    return {p: found[p] if p in found else kept[p][1] for p in files}


def _kept(cache: LearnedCache, key: str) -> Kept:
    loaded = cache.load(key)
    return loaded if isinstance(loaded, dict) else {}


def _keep(cache: LearnedCache, key: str, older: Kept, newer: Kept, beside: bool) -> None:
    """Findings newer than the entry under `key` are kept beside it while they are few
    (an edit rewrites a small entry, not every file's findings), else merged into it;
    `beside` says whether some are kept beside it now, to be emptied then."""
    if len(newer) <= len(older) * NEWER:
        cache.save(digest(key, "newer"), newer)
        return
    cache.save(key, {**older, **newer})
    if beside:
        cache.save(digest(key, "newer"), {})


def _active(tool: str) -> Runs | None:
    """Where runs of `tool` are remembered, if they are."""
    runs = _ACTIVE.get()
    return runs if runs is not None and tool in runs.versions else None


def _grouped(files: Sequence[str], found: Iterable[Violation]) -> dict[str, tuple[Found, ...]]:
    """The findings on each of `files` in the tool's order (those on other paths are no
    answer to the question asked)."""
    grouped: dict[str, list[Found]] = {p: [] for p in files}
    for v in found:
        if v.path in grouped:
            grouped[v.path].append(_found(v))
    return {p: tuple(f) for p, f in grouped.items()}


def _found(v: Violation) -> Found:
    return (v.line, v.rule, v.message, v.tool, v.fingerprint)


def whole(tool: str, options: Sequence[str], kind: type[T], run: Callable[[], T]) -> T:
    """What `run()` gives, `tool` run with `options`, remembered by the tool's build alone:
    for a tool that reads no file of the working tree (git's history is named by its
    commit, so an edit reads it from here)."""
    if (runs := _active(tool)) is None:
        return run()
    return _remembered(runs, digest(tool, runs.versions[tool], *options), kind, run)


def reading(
    tool: str, options: Sequence[str], files: Sequence[str], kind: type[T], run: Callable[[], T]
) -> T:
    """What `run()` gives, `tool` run with `options` on the whole of `files` together (a
    type checker's program), remembered by their contents and the repo's layout: an edit
    of a file outside them (JavaScript beside a TypeScript program) reads it from here."""
    if (runs := _active(tool)) is None:
        return run()
    read = [f"{p}={runs.contents.get(p, '')}" for p in sorted(files)]
    return _remembered(
        runs, digest(runs.layout, tool, runs.versions[tool], *options, *read), kind, run
    )


def _remembered(runs: Runs, key: str, kind: type[T], run: Callable[[], T]) -> T:
    if isinstance(kept := runs.cache.load(key), kind):
        return kept
    found = run()
    runs.cache.save(key, found)
    return found
