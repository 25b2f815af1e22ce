"""The repo's source paths a check resolves imports against, remembered per state of
git's index.

Listing them asks git for its index and judges thousands of paths (Django: 7,000 entries,
as long as parsing, linking and checking the changed file). The answer depends on the
index alone, the settings and the code that judges the paths (`indexed_sources` opens
no file), so it is kept in the user's cache under the index file's size, modification
time and inode: git writes a new file whenever the index changes, and the hooks of one
commit (a `standards check` each) list once between them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from standards import discovery, languages
from standards import settings as settings_module
from standards.check import standards_cache
from standards.discovery import indexed_sources
from standards.model import Settings

READERS = (discovery, languages, settings_module, sys.modules[__name__])
"""The code that judges the listed paths: a new version of any lists again."""


def sources(root: Path, settings: Settings, cached: bool = True) -> tuple[list[str], bool]:
    """`indexed_sources(root, settings)`, from the cache while git's index is unchanged;
    with `cached` False, or no index file to stamp, listed anew and the cache left alone."""
    index = _index(root)
    if index is None or not cached:
        return indexed_sources(root, settings)
    listed: tuple[list[str], bool] = standards_cache.remembered(
        index,
        lambda _: indexed_sources(root, settings),
        READERS,
        tuple,
        context=f"{root}\0{settings!r}",
    )
    return listed


def _index(root: Path) -> Path | None:
    """The index file git reads for `root`: `GIT_INDEX_FILE` when set (a hook of `git
    commit -a` gets a temporary one), else the one in the git folder of `root`; None
    when that is not certain (`root` is not the top of a checkout, `GIT_DIR` is set)."""
    if "GIT_DIR" in os.environ:
        return None
    if named := os.environ.get("GIT_INDEX_FILE"):
        index = root / named
    else:
        dot = root / ".git"
        folder = _linked_folder(dot) if dot.is_file() else dot
        if folder is None:
            return None
        index = folder / "index"
    return index if index.is_file() else None


def _linked_folder(dot: Path) -> Path | None:
    """The git folder a worktree's or submodule's `.git` file names (`gitdir: <path>`)."""
    try:
        text = dot.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return dot.parent / text.removeprefix("gitdir:").strip() if text.startswith("gitdir:") else None
