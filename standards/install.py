"""`standards install`: wire the generated folder into the repo's own configs.

Every emitter and target says what it would change (`wire`); this module gathers the
changes, shows them as a diff, and writes them when asked. What a person wrote stays:
each change sets one key or owns one marked block, so installing twice changes nothing.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from standards.emitters import EMITTERS
from standards.model import Change
from standards.targets import TARGETS, target


class InstallError(Exception):
    """Nothing to install from: the output folder was never generated."""


def plan(root: Path, out: Path) -> tuple[Change, ...]:
    """Every change install would make, or notes where it cannot; unchanged files left out."""
    root, out = root.resolve(), out.resolve()
    if not (out / "standards.json").exists():
        raise InstallError(f"{out} has no standards.json; run `standards analyze` first")
    makers = [*EMITTERS.values(), *(target(name) for name in TARGETS)]
    changes = [c for maker in makers for c in maker.wire(root, out)]
    return tuple(sorted(c for c in changes if c.note or c.before != c.after))


def diff(changes: Sequence[Change]) -> str:
    """The changes as one unified diff, notes as comments."""
    parts = []
    for c in changes:
        if c.note:
            parts.append(f"# {c.path}: {c.note}\n")
            continue
        before = (c.before or "").splitlines(True)
        source = f"a/{c.path}" if c.before is not None else "/dev/null"
        lines = difflib.unified_diff(before, c.after.splitlines(True), source, f"b/{c.path}")
        parts.append("".join(lines))
    return "".join(parts)


def apply(root: Path, changes: Sequence[Change]) -> tuple[str, ...]:
    """Write the changes that have no note; the paths written."""
    written = []
    for c in changes:
        if not c.note:
            target = root / c.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(c.after, encoding="utf-8", newline="\n")
            written.append(c.path)
    return tuple(written)
