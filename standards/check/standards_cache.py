"""The generated standards as `standards check` reads them: parsed once, then pickled.

A commit hook reads `standards.json` on every run, and it can be megabytes (Django's
index schema makes 9 MB, 0.2 s of CPU to parse and freeze: as much as the rest of a
check). A pickle of the parsed standards loads several times faster. One entry per
`standards.json`, in the user's cache folder (never the output folder, which holds only
what analysis wrote), stamped with the file's size, modification time and inode and with
the code that reads it: a new analysis or an upgrade is read from the JSON again, once.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from standards import __version__, model, store
from standards.cache import Store, cache_dir
from standards.model import Standard

FOLDER = "standards"
"""Beside the facts under the cache root."""


def load(source: Path, cached: bool = True) -> tuple[Standard, ...]:
    """The standards of `source`, from the pickle when it was made from this very file;
    `cached` False reads the JSON and leaves the cache alone (`--no-cache`)."""
    if not cached:
        return _parsed(source)
    place, version = _stamp(source)
    entries = Store(cache_dir() / FOLDER, _code())
    kept = entries.load(place)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == version:
        return kept[1]  # type: ignore[no-any-return]
    standards = _parsed(source)
    entries.save(place, (version, standards))
    return standards


def _parsed(source: Path) -> tuple[Standard, ...]:
    return store.load_standards(source.read_text(encoding="utf-8"))


def _stamp(source: Path) -> tuple[str, str]:
    """Where the file is (the entry's key) and which version of it."""
    stat = source.stat()
    place = hashlib.blake2b(str(source.resolve()).encode(), digest_size=16).hexdigest()
    return place, f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"


def _code() -> str:
    """The code that reads the file and makes the pickle: the entries' generation."""
    code = hashlib.blake2b(__version__.encode(), digest_size=16)
    for module in (model, store):
        code.update(Path(module.__file__ or "").read_bytes())
    return code.hexdigest()
