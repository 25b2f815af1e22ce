"""The files `standards check` reads on every run (the generated standards and baseline,
git's index): what it makes of them made once, then pickled.

A commit hook reads them on every run, and they can be megabytes (Django's index schema
makes a 9 MB `standards.json`, 0.2 s of CPU to parse and freeze: as much as the rest of
a check; its baseline is 1.5 MB). A pickle of what was parsed loads several times
faster. One entry per file, in the user's cache folder (never the output folder, which
holds only what analysis wrote), stamped with the file's size, modification time and
inode and with the code that reads it: a new analysis or an upgrade is read from the
file again, once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TypeVar, cast

from standards import __version__, model, store
from standards.cache import Store, cache_dir
from standards.model import Standard

FOLDER = "standards"
"""Beside the facts under the cache root."""

T = TypeVar("T")


def load(source: Path, cached: bool = True) -> tuple[Standard, ...]:
    """The standards of `source`, from the pickle when it was made from this very file;
    `cached` False reads the JSON and leaves the cache alone (`--no-cache`)."""
    return remembered(source, _parsed, (model, store), tuple, cached)


def remembered(
    source: Path,
    parse: Callable[[Path], T],
    readers: Sequence[ModuleType],
    kind: type,
    cached: bool = True,
    context: str = "",
) -> T:
    """What `parse` makes of `source`, from the pickle when it was made from this very
    file by this very code (`readers`, the modules that parse it) in the same `context`
    (what else the answer depends on); an entry that is not a `kind` is a miss.
    `cached` False parses and leaves the cache alone."""
    if not cached:
        return parse(source)
    place, stamp = _stamp(source)
    version = f"{stamp}\0{context}"
    entries = Store(cache_dir() / FOLDER, _code(readers))
    kept = entries.load(place)
    found = kept[1] if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == version else None
    if isinstance(found, kind):
        return cast(T, found)
    parsed = parse(source)
    entries.save(place, (version, parsed))
    return parsed


def _parsed(source: Path) -> tuple[Standard, ...]:
    return store.load_standards(source.read_text(encoding="utf-8"))


def _stamp(source: Path) -> tuple[str, str]:
    """Where the file is (the entry's key) and which version of it."""
    stat = source.stat()
    place = hashlib.blake2b(str(source.resolve()).encode(), digest_size=16).hexdigest()
    return place, f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"


def _code(readers: Sequence[ModuleType]) -> str:
    """The code that reads the file and makes the pickle: the entries' generation."""
    code = hashlib.blake2b(__version__.encode(), digest_size=16)
    for module in readers:
        code.update(Path(module.__file__ or "").read_bytes())
    return code.hexdigest()
