"""Linking: each file's imports given the repo file they resolve to, in every language.

Why here: most imports of a library resolve to nothing (the standard library, packages
from elsewhere), and a file whose imports all keep their target is the same file; keeping
those objects saves rebuilding (`dataclasses.replace`) most of a large repo's facts on
every analysis.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from standards.model import FileFacts, Import

Resolve = Callable[[str, Import], str | None]
"""(importing file, import) -> the repo file it names, if any."""


def resolved(facts: FileFacts, resolve: Resolve) -> FileFacts:
    """The file with every import's `target` set by `resolve`."""
    changed = False
    imports = []
    for item in facts.imports:
        target = resolve(facts.path, item)
        if target != item.target:
            item = replace(item, target=target)
            changed = True
        imports.append(item)
    return replace(facts, imports=tuple(imports)) if changed else facts
