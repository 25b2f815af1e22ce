"""Whether a lockfile changes with its manifest, and the manifest with its lockfile.

Why: a lockfile changed alone is often a stray `npm install`, and a manifest changed
alone leaves the lock stale; but lock-only refreshes and manifests that also hold tool
settings (pyproject.toml) are normal in some repos. So each direction is learned from
the commits that touched a pair of files present today, per ecosystem.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from posixpath import basename, dirname, join

from standards.analyzers.evidence import evidence, standard
from standards.model import Example, Settings, Standard
from standards.targets.danger.gate import gated
from standards.targets.danger.history import Commit

MANIFESTS = {
    "package.json": ("javascript", ("package-lock.json", "yarn.lock", "pnpm-lock.yaml")),
    "pyproject.toml": ("python", ("poetry.lock", "uv.lock")),
    "Gemfile": ("ruby", ("Gemfile.lock",)),
}
"""Each manifest: its ecosystem's language and the lockfiles its package managers write."""

LOCKFILES = {lock: manifest for manifest, (_, locks) in MANIFESTS.items() for lock in locks}

DIRECTIONS = {
    "lock-with-manifest": "a lockfile changes together with its manifest",
    "manifest-with-lock": "a manifest changes together with its lockfile",
}

Pair = tuple[str, str]


def standard_ids(language: str) -> frozenset[str]:
    return frozenset(f"dependencies.{language}.{direction}" for direction in DIRECTIONS)


def is_lockfile(path: str) -> bool:
    return basename(path) in LOCKFILES


def learn(root: Path, commits: Sequence[Commit], settings: Settings) -> list[Standard]:
    pairs = _pairs(root, commits)
    found = []
    for language in sorted({MANIFESTS[basename(m)][0] for m, _ in pairs}):
        own = tuple(p for p in pairs if MANIFESTS[basename(p[0])][0] == language)
        for direction in DIRECTIONS:
            s = _standard(language, direction, own, commits)
            if (kept := gated(s, settings)) is not None:
                found.append(kept)
    return found


def _pairs(root: Path, commits: Sequence[Commit]) -> tuple[Pair, ...]:
    """(manifest, lockfile) pairs that history touched and that both exist today."""
    locks = {p for c in commits for p in c.paths() if is_lockfile(p)}
    pairs = {(join(dirname(lock), LOCKFILES[basename(lock)]), lock) for lock in locks}
    return tuple(sorted(p for p in pairs if all((root / f).is_file() for f in p)))


def _standard(
    language: str, direction: str, pairs: tuple[Pair, ...], commits: Sequence[Commit]
) -> Standard:
    followed: list[Example] = []
    broken: list[Example] = []
    forward = direction == "lock-with-manifest"
    for c in commits:
        paths = c.paths()
        for manifest, lock in pairs:
            first, second = (lock, manifest) if forward else (manifest, lock)
            if first in paths:
                example = Example(c.sha[:12], 0, f"{first}: {c.subject}"[:120])
                (followed if second in paths else broken).append(example)
    return standard(
        f"dependencies.{language}.{direction}",
        language=language,
        rule=f"In this repo {DIRECTIONS[direction]}: change both in one commit.",
        why="A lockfile that disagrees with its manifest installs something nobody asked for.",
        parameters={"pairs": tuple(pairs), "direction": direction},
        ev=evidence(followed, broken),
        targets=("danger",),
    )
