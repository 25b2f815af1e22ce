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
import os
import pickle
import tempfile
from pathlib import Path

from standards import __version__, model, store
from standards.cache import cache_dir
from standards.model import Standard

FOLDER = "standards"
"""Beside the facts under the cache root."""


def load(source: Path, cached: bool = True) -> tuple[Standard, ...]:
    """The standards of `source`, from the pickle when it was made from this very file;
    `cached` False reads the JSON and leaves the cache alone (`--no-cache`)."""
    if not cached:
        return _parsed(source)
    stamp = _stamp(source)
    entry = cache_dir() / FOLDER / hashlib.blake2b(stamp[0].encode(), digest_size=16).hexdigest()
    try:
        kept_stamp, standards = pickle.loads(entry.read_bytes())
    except Exception:  # noqa: BLE001 - a missing or damaged entry is a miss, never a failure
        kept_stamp, standards = None, ()
    if kept_stamp == stamp:
        return standards  # type: ignore[no-any-return]
    standards = _parsed(source)
    _write(entry, (stamp, standards))
    return standards


def _parsed(source: Path) -> tuple[Standard, ...]:
    return store.load_standards(source.read_text(encoding="utf-8"))


def _stamp(source: Path) -> tuple[str, ...]:
    """Where the file is, which version of it, and which code made the pickle."""
    stat = source.stat()
    code = hashlib.blake2b(__version__.encode(), digest_size=16)
    for module in (model, store):
        code.update(Path(module.__file__ or "").read_bytes())
    version = f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"
    return (str(source.resolve()), version, code.hexdigest())


def _write(entry: Path, value: object) -> None:
    """Atomically, as the facts cache does; a cache that cannot be written costs speed."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(scratch, entry)
    except (OSError, pickle.PicklingError):
        return
