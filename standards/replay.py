"""A run on inputs seen before, replayed: the repo is not parsed, analyzed or learned
from again, and no file is rendered again.

Why: analyzing an unchanged repo again is the common case (a hook, a CI job, an agent
asking twice), and everything a run without verification makes is a function of its
inputs: our code (the cache's generation), the repo's place, the settings with the
output folder (generated files name it), the content of every file discovery found and
of every file at the root (the tools' configs), what discovery skipped, and the builds
of the tools the targets learn from (git's commit among them). Verification is never
replayed: it is the tools' own proof that they accept what was written.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from standards.cache import digest
from standards.model import Discovery, Settings
from standards.targets import active_targets, memo


def key(root: Path, found: Discovery, settings: Settings, keyed: Mapping[str, str]) -> str:
    """The digest of a run's inputs; `keyed` holds the content keys already computed."""
    tools = sorted({tool for target in active_targets(settings) for tool in target.TOOLS})
    versions = [f"{tool}={memo.VERSIONS[tool](root)}" for tool in tools]
    contents = [f"{p}={c}" for p, c in memo.contents(root, found, keyed).items()]
    skipped = [f"{s.path}={s.reason}" for s in found.skipped]
    return digest("run", str(root), repr(settings), *versions, *contents, *skipped)
