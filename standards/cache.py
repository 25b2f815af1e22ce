"""Content-addressed caches: per-file facts, so re-analyzing an unchanged repo skips
parsing, and what targets learned from their tools, so it skips the tool runs too.

A facts entry is keyed by everything its facts depend on: the code that extracts them (our
version and a digest of the language and model modules, so an edited checkout never
reads facts an older extractor wrote), the language, the path and the file's bytes.
Entries are written to a temporary file and renamed into place, so two runs sharing the
cache never read half an entry; an entry that cannot be read is a miss. Entries are
pickles (as fast to load as anything pure Python builds), read only from the user's own
cache folder, beside the Node tools (`$STANDARDS_CACHE` overrides it); the cache is
pruned oldest first once it outgrows `LIMIT_BYTES`. Learned entries are keyed and
stored the same way (`standards.targets.memo` says by what).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

from standards import __version__
from standards.model import FileFacts, Outcome, Standard

LIMIT_BYTES = 512 * 1024 * 1024
"""Room for the facts of a few million lines; past it the oldest entries go."""

TIDY_EVERY = 3600
"""Seconds between the prunes runs make: a prune stats every entry (tens of thousands
for a few large repos), more than the rest of analyzing an edited repo again."""

FORMAT = b"facts-1"
"""Bumped when the entry layout changes, so old entries are never misread."""

EXTRACTORS = ("languages", "model.py")
"""What facts are made by: a change to any of these files makes a new generation of keys."""

GRAMMARS = (
    "tree_sitter",
    "tree_sitter_python",
    "tree_sitter_javascript",
    "tree_sitter_typescript",
    "tree_sitter_ruby",
)
"""The tree-sitter packages the languages parse with: an upgraded one parses anew."""


def digest(*parts: str) -> str:
    """The key of `parts` in order, each ended by a NUL so no two lists of parts meet."""
    found = hashlib.blake2b(digest_size=20)
    for part in parts:
        found.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return found.hexdigest()


def cache_dir() -> Path:
    """The root of everything cached: $STANDARDS_CACHE, else the platform's user cache."""
    if configured := os.environ.get("STANDARDS_CACHE"):
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("standards"))


class Store:
    """Pickled values by key under `folder/<generation>/`; the generation names the code
    that made them, so values an older checkout wrote are never read."""

    def __init__(self, folder: Path, generation: str) -> None:
        self.folder = folder
        self.home = folder / generation

    def load(self, key: str) -> object | None:
        """The stored value, or None when absent or damaged."""
        try:
            with open(os.path.join(self.home, key[:2], key), "rb") as handle:
                found: object = pickle.loads(handle.read())
        except Exception:  # noqa: BLE001 - a damaged entry is a miss, never a failure
            return None
        return found

    def save(self, key: str, value: object) -> None:
        """Store atomically; a cache that cannot be written only costs speed."""
        folder = self.home / key[:2]
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            folder.mkdir(parents=True, exist_ok=True)
            handle, scratch = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(scratch, folder / key)
        except (OSError, pickle.PicklingError):
            return

    def tidy(self) -> None:
        """Prune, unless a run did within `TIDY_EVERY` seconds: the cache outgrows its
        limit by at most what runs write in that time."""
        stamp = self.folder / ".pruned"
        try:
            if time.time() - stamp.stat().st_mtime < TIDY_EVERY:
                return
        except OSError:
            pass
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            stamp.touch()
        except OSError:
            return
        self.prune()

    def prune(self, limit: int = LIMIT_BYTES) -> int:
        """Delete the oldest entries (and stray temporary files) until the cache fits
        in `limit` bytes; how many were deleted. Safe while other runs read and write."""
        entries = sorted(_entries(self.folder))
        total = sum(size for _, size, _ in entries)
        deleted = 0
        for _, size, path in entries:
            if total <= limit:
                break
            try:
                os.unlink(path)
            except OSError:
                continue
            total -= size
            deleted += 1
        return deleted


class FactsCache(Store):
    """Facts by content key; `keyed` remembers the key of every path this process asked
    for, so later stages name a file's content without reading it again."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, generation())
        self.keyed: dict[str, str] = {}

    def __getstate__(self) -> dict[str, object]:
        """Workers get the folders only: the keys they compute stay theirs."""
        return {**self.__dict__, "keyed": {}}

    @classmethod
    def default(cls) -> FactsCache:
        return cls(cache_dir() / "facts")

    def key(self, language: str, path: str, source: bytes) -> str:
        digest = hashlib.blake2b(source, digest_size=20, key=language.encode()[:64])
        digest.update(b"\0" + path.encode("utf-8", "surrogateescape"))
        self.keyed[path] = found = digest.hexdigest()
        return found

    def get(self, key: str) -> FileFacts | None:
        """The cached facts, or None when absent, damaged or written by other code."""
        facts = self.load(key)
        return facts if isinstance(facts, FileFacts) else None

    def put(self, key: str, facts: FileFacts) -> None:
        self.save(key, facts)


class LearnedCache(Store):
    """What targets learned from their tools, by a key of everything it depends on
    (`standards.targets.memo`), and the outcome of whole runs (`standards.replay`); its
    generation names all of our code, since learning reads the analysis, the targets and
    the templates alike."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, code_generation())

    @classmethod
    def default(cls) -> LearnedCache:
        return cls(cache_dir() / "learned")

    def get(self, key: str) -> tuple[Standard, ...] | None:
        found = self.load(key)
        if isinstance(found, tuple) and all(isinstance(s, Standard) for s in found):
            return found
        return None

    def put(self, key: str, learned: tuple[Standard, ...]) -> None:
        self.save(key, learned)

    def outcome(self, key: str) -> Outcome | None:
        """A whole run's outcome (`standards.replay` keys it), or None."""
        found = self.load(key)
        return found if isinstance(found, Outcome) else None


def _entries(folder: Path) -> list[tuple[float, int, str]]:
    """(modified, size, path) of every file under `folder`; vanished ones are left out.
    Paths stay strings: a large cache holds a hundred thousand entries."""
    found = []
    for parent, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(parent, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            found.append((stat.st_mtime, stat.st_size, path))
    return found


@cache
def generation() -> str:
    """A digest of our version, the entry format, the source of the fact extractors and
    the tree-sitter bindings and grammars loaded (an upgraded grammar parses anew)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.blake2b(FORMAT + __version__.encode(), digest_size=8)
    for name in EXTRACTORS:
        where = package / name
        files = sorted(where.rglob("*")) if where.is_dir() else [where]
        for file in (f for f in files if f.is_file() and "__pycache__" not in f.parts):
            digest.update(file.relative_to(package).as_posix().encode() + b"\0")
            digest.update(file.read_bytes())
    for binding in _grammars():
        stat = os.stat(binding)
        digest.update(f"{binding}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _grammars() -> list[str]:
    """Files of the tree-sitter bindings and grammars, found without importing them: the
    languages load theirs on first use, and a key must not depend on which ran first."""
    files = []
    for name in GRAMMARS:
        spec = importlib.util.find_spec(name)
        for folder in (spec.submodule_search_locations or ()) if spec else ():
            files += sorted(entry.path for entry in os.scandir(folder) if entry.is_file())
    return files


@cache
def code_generation() -> str:
    """A digest of our version, Python's, and every file of the package (templates and
    the Node tools' lockfile included, through the links a checkout has)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.blake2b(FORMAT + __version__.encode() + sys.version.encode(), digest_size=8)
    files = []
    for folder, dirs, names in os.walk(package, followlinks=True):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        files += [Path(folder) / name for name in names]
    for file in sorted(files):
        digest.update(file.relative_to(package).as_posix().encode() + b"\0")
        digest.update(file.read_bytes())
    return digest.hexdigest()
