"""What each target learned from its tool, remembered: an unchanged repo re-learns nothing.

Why: learning runs the real tools over the whole repo (ruff a dozen times, ESLint,
Prettier, RuboCop, the type checkers), most of an analysis of an unchanged repo. A
target's standards are stored under a key of everything they could depend on: our code
(the cache's generation), the target, the versions of the tools it declares, the content
of every file discovery found (the facts cache's keys where it read them, else read
here) and of every file at the repo root (where the configs a tool reads live: ruff's,
flake8's, tsconfig.json, .prettierignore, lockfiles), the settings, the analyzers'
standards, and what the targets it reads (its `AFTER`) learned.
Git counts as a tool whose build is the commit checked out, for what history tells
(Danger's sizes of commits). A target that declares no tool learns nothing costly and
is never remembered; nor is an empty result, which cost nothing or came from a tool
that could not run.
"""

from __future__ import annotations

import contextvars
import hashlib
import importlib.metadata
import os
import shutil
import sys
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import replace
from pathlib import Path

from standards import node
from standards.cache import LearnedCache, digest
from standards.model import Analysis, Discovery, Settings, Standard
from standards.targets import Target, runs
from standards.targets.danger import history
from standards.targets.ruff.binary import ruff

READ_LIMIT = 16 * 1024 * 1024
"""Bytes of a root file read to key it; lockfiles are below, database dumps above."""


def _stat(path: str | None) -> str:
    """Where a program is and which build it is: an upgrade replaces the file."""
    if path is None:
        return "missing"
    try:
        found = os.stat(path)
    except OSError:
        return f"{path}: missing"
    return f"{os.path.realpath(path)}:{found.st_size}:{found.st_mtime_ns}"


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "missing"


def _ruff() -> str:
    command = ruff()
    return _stat(command[0]) if len(command) == 1 else _version("ruff")


def _node() -> str:
    """The pinned tools (their lockfile) and the Node that runs them."""
    pinned = b"".join(node.pinned(name) for name in node.PINNED)
    return f"{hashlib.sha256(pinned).hexdigest()}:{_stat(shutil.which('node'))}"


def _mypy() -> str:
    """mypy follows imports into the packages installed beside it: a folder of `sys.path`
    changes when one is added or removed."""
    return ":".join([_version("mypy"), *(_stat(p) for p in sys.path if os.path.isdir(p))])


VERSIONS: Mapping[str, Callable[[Path], str]] = {
    "ruff": lambda _: _ruff(),
    "node": lambda _: _node(),
    "rubocop": lambda _: _stat(shutil.which("rubocop")),
    "mypy": lambda _: _mypy(),
    "git": lambda root: history.revision(root, "HEAD") or "missing",
}
"""How to tell one build of each tool from another in the repo at a root, cheaply (no
tool is started, but git names its commit)."""


def _content(path: Path) -> str:
    """The file's digest; a huge one (data beside the code) is named by size and time."""
    try:
        found = path.stat()
        if found.st_size > READ_LIMIT:
            return f"{found.st_size}:{found.st_mtime_ns}"
        return hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest()
    except OSError:
        return "unreadable"


Learned = dict[str, tuple[Standard, ...]]
"""What each target learned, by its name."""


class Learning:
    """One run's learning: each target's standards, from `cache` where an earlier run
    learned them from the same inputs. `keyed` holds content keys already known by path
    (the facts cache's), so files read once are not read again to name their content.
    A target that learns anew has its tool runs remembered file by file (`runs`)."""

    def __init__(
        self, analysis: Analysis, cache: LearnedCache | None, keyed: Mapping[str, str]
    ) -> None:
        self.cache = cache
        found = analysis.discovery
        self.contents = contents(analysis.root, found, keyed) if cache is not None else {}
        self.languages = {f.path: f.language for f in found.files}
        configs = [f"{p}={c}" for p, c in self.contents.items() if p not in self.languages]
        self.layout = digest(*self.contents, *configs)
        skipped = [f"{s.path}={s.reason}" for s in found.skipped]
        self.given = (str(analysis.root), _settings(analysis.settings), self.layout, *skipped)
        self.shown: dict[int, tuple[Standard, str]] = {}

    def learn_all(
        self, targets: Sequence[Target], analysis: Analysis, done: Callable[[int], None]
    ) -> Learned:
        """Every target's standards. Why at once: each waits on its tools (processes), so
        a target starts as soon as those it reads (`AFTER`, earlier in hook order) have
        learned, in a thread of its own; `done` hears how many have finished."""
        learned: Learned = {}
        waiting = list(targets)
        names = {t.NAME for t in targets}
        running: dict[Future[tuple[Standard, ...]], str] = {}
        with ThreadPoolExecutor(len(targets) or 1) as pool:
            while waiting or running:
                for t in [t for t in waiting if names.isdisjoint(set(t.AFTER) - set(learned))]:
                    waiting.remove(t)
                    read = {n: learned.get(n, ()) for n in t.AFTER}
                    context = contextvars.copy_context()  # `runs.remembered` is per target
                    running[pool.submit(context.run, self.learn, t, analysis, read)] = t.NAME
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    learned[running.pop(future)] = future.result()
                done(len(learned))
        return learned

    def learn(self, target: Target, analysis: Analysis, read: Learned) -> tuple[Standard, ...]:
        """`target.learn` on `analysis` with what the targets it reads learned (`read`),
        remembered."""
        seen = sorted((*analysis.standards, *(s for n in read for s in read[n])), key=_id)
        analysis = replace(analysis, standards=tuple(seen))
        if self.cache is None:
            return target.learn(analysis)
        versions = {tool: VERSIONS[tool](analysis.root) for tool in target.TOOLS}
        key = self._key(target, analysis, versions) if versions else None
        learned = self.cache.get(key) if key else None
        if learned is None:
            with runs.remembered(runs.Runs(self.cache, self.layout, self.contents, versions)):
                learned = target.learn(analysis)
            if key and learned:
                self.cache.put(key, learned)
        return learned

    def _key(self, target: Target, analysis: Analysis, versions: Mapping[str, str]) -> str:
        """A key of what a target learns from: the contents and standards of the languages
        it reads (`READS`; of all for None), and of no language the repo's files have (a
        file at the root, where configs live; a standard about the whole repo)."""
        reads = target.READS
        named = set(self.languages.values())
        files = [
            f"{p}={c}"
            for p, c in self.contents.items()
            if reads is None or self.languages.get(p, "") in reads or p not in self.languages
        ]
        standards = [
            self._shown(s)
            for s in analysis.standards
            if reads is None or s.language in reads or s.language not in named
        ]
        tools = [f"{t}={v}" for t, v in versions.items()]
        return digest(*self.given, *files, *standards, target.NAME, *tools)

    def _shown(self, standard: Standard) -> str:
        """The standard as its text, written once for all the targets that read it."""
        if (kept := self.shown.get(id(standard))) is None or kept[0] is not standard:
            kept = self.shown[id(standard)] = (standard, repr(standard))
        return kept[1]


def _id(s: Standard) -> str:
    return s.id


def _settings(settings: Settings) -> str:
    """The settings as the key sees them: an output folder outside the repo is only where
    probe configs are written (nothing learned depends on where), and a temporary one is
    new on every run."""
    outside = settings.out == ".." or settings.out.startswith("../")
    return repr(replace(settings, out="") if outside else settings)


def contents(root: Path, discovery: Discovery, keyed: Mapping[str, str]) -> dict[str, str]:
    """The content key of every file discovery found, and of every file at the root
    (the configs tools read live there), by path."""
    found = {f.path for f in discovery.files}
    top = sorted(e.name for e in os.scandir(root) if e.name not in found and e.is_file())
    return {p: keyed.get(p) or _content(root / p) for p in [*sorted(found), *top]}
