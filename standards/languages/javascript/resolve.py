"""Resolve JavaScript and TypeScript import specifiers to the repo files they name.

As Node and the TypeScript compiler do, from config files only (never by running
anything): relative paths with extension and `index` resolution (a `.js` specifier may
name a `.ts` file), tsconfig/jsconfig `baseUrl` and `paths` (JSONC, following
`extends`), package.json `imports` (`#internal/*`) and workspace packages by name.
Specifiers of npm packages stay unresolved.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from standards.model import Import

EXTENSIONS = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".d.ts")
SWAPS = {".js": (".ts", ".tsx"), ".jsx": (".tsx",), ".mjs": (".mts",), ".cjs": (".cts",)}
"""TypeScript ESM imports name the emitted `.js`; the source is the `.ts` beside it."""

Resolver = Callable[[str, Import], str | None]


def resolver(root: Path, paths: Iterable[str]) -> Resolver:
    files = frozenset(paths)
    configs = _Configs(root, files)

    def resolve(importer: str, item: Import) -> str | None:
        spec = item.module
        if not spec:
            return None
        if spec.startswith("."):
            return _file(files, posixpath.join(posixpath.dirname(importer), spec))
        return configs.resolve(importer, spec)

    return resolve


def manifests(root: Path) -> Callable[[str], dict[str, Any] | None]:
    """The package.json nearest above a file (its package's manifest), each read once;
    None where no folder up to the root has one."""
    read: dict[str, dict[str, Any] | None] = {}

    def nearest(path: str) -> dict[str, Any] | None:
        for folder in _ancestors(posixpath.dirname(path)):
            name = posixpath.join(folder, "package.json") if folder else "package.json"
            if name not in read:
                read[name] = _read_json(root / name)
            if read[name] is not None:
                return read[name]
        return None

    return nearest


def _file(files: frozenset[str], base: str) -> str | None:
    """The repo file a path names: itself, with an extension, swapped, or its index."""
    base = posixpath.normpath(base)
    if base.startswith("../") or base == "..":
        return None
    stem, ext = posixpath.splitext(base)
    candidates = [base] if ext else []
    candidates += [stem + swap for swap in SWAPS.get(ext, ())]
    candidates += [base + e for e in EXTENSIONS] + [f"{base}/index{e}" for e in EXTENSIONS]
    return next((c for c in candidates if c in files), None)


class _Configs:
    """tsconfig `paths`, package.json `imports` and workspace names, nearest file first."""

    def __init__(self, root: Path, files: frozenset[str]) -> None:
        self.root = root
        self.files = files
        self.loaded: dict[str, dict[str, Any] | None] = {}
        folders = {posixpath.dirname(p) for p in files}
        self.folders = sorted({a for f in folders for a in _ancestors(f)})
        self.workspaces = self._workspaces()

    def resolve(self, importer: str, spec: str) -> str | None:
        folder = posixpath.dirname(importer)
        if spec.startswith("#"):
            return self._imports(folder, spec)
        for base, patterns in self._paths(folder):
            for found in _mapped(spec, patterns):
                if hit := _file(self.files, posixpath.join(base, found)):
                    return hit
        return self._workspace(spec)

    def _paths(self, folder: str) -> list[tuple[str, dict[str, list[str]]]]:
        for at in _ancestors(folder):
            for name in ("tsconfig.json", "jsconfig.json"):
                options = self._compiler_options(posixpath.join(at, name) if at else name)
                if options is not None:
                    return _mappings(at, options)
        return []

    def _imports(self, folder: str, spec: str) -> str | None:
        for at in _ancestors(folder):
            manifest = self.json(posixpath.join(at, "package.json") if at else "package.json")
            if manifest is not None and isinstance(manifest.get("imports"), dict):
                targets = {k: [_target(v)] for k, v in manifest["imports"].items()}
                for found in _mapped(spec, targets):
                    if hit := _file(self.files, posixpath.join(at, found)):
                        return hit
                return None
        return None

    def _workspaces(self) -> dict[str, tuple[str, str]]:
        """Package name -> (folder, entry) for every package.json among the repo's folders."""
        found: dict[str, tuple[str, str]] = {}
        for folder in self.folders:
            manifest = self.json(
                posixpath.join(folder, "package.json") if folder else "package.json"
            )
            if manifest is not None and isinstance(manifest.get("name"), str):
                exports = manifest.get("exports")
                entry = _target(exports.get(".", "") if isinstance(exports, dict) else exports)
                found[manifest["name"]] = (folder, entry or str(manifest.get("main") or "index"))
        return found

    def _workspace(self, spec: str) -> str | None:
        parts = spec.split("/")
        name = "/".join(parts[:2]) if spec.startswith("@") else parts[0]
        if name not in self.workspaces:
            return None
        folder, entry = self.workspaces[name]
        rest = spec[len(name) :].lstrip("/")
        return _file(self.files, posixpath.join(folder, rest or entry))

    def _compiler_options(self, path: str, depth: int = 0) -> dict[str, Any] | None:
        """compilerOptions of a tsconfig, with a relative `extends` merged under them."""
        config = self.json(path)
        if config is None or depth > 5:
            return None
        options = config.get("compilerOptions") or {}
        parent = config.get("extends")
        if isinstance(parent, str) and parent.startswith("."):
            base = posixpath.normpath(posixpath.join(posixpath.dirname(path), parent))
            inherited = self._compiler_options(
                base if base.endswith(".json") else base + ".json", depth + 1
            )
            if inherited and "baseUrl" in inherited:
                here, there = posixpath.dirname(path) or ".", posixpath.dirname(base) or "."
                inherited["baseUrl"] = posixpath.join(
                    posixpath.relpath(there, here), inherited["baseUrl"]
                )
            options = {**(inherited or {}), **options}
        return options if isinstance(options, dict) else {}

    def json(self, path: str) -> dict[str, Any] | None:
        """A JSON or JSONC file of the repo as a dict, or None when absent or unreadable."""
        if path not in self.loaded:
            self.loaded[path] = _read_json(self.root / path)
        return self.loaded[path]


def _ancestors(folder: str) -> list[str]:
    """`folder` and every folder above it, up to the repo root ("")."""
    found = []
    while True:
        found.append(folder)
        if not folder:
            return found
        folder = posixpath.dirname(folder)


def _mapped(spec: str, patterns: dict[str, list[str]]) -> list[str]:
    """What `spec` maps to under `paths`-style patterns, the longest prefix first."""
    matches = []
    for pattern, targets in patterns.items():
        prefix, star, suffix = pattern.partition("*")
        if star and spec.startswith(prefix) and spec.endswith(suffix):
            middle = spec[len(prefix) : len(spec) - len(suffix)]
            matches.append((len(prefix), [t.replace("*", middle) for t in targets]))
        elif not star and spec == pattern:
            matches.append((len(pattern) + 1, list(targets)))
    return [t for _, targets in sorted(matches, key=lambda m: -m[0]) for t in targets]


def _target(value: object) -> str:
    """The file a package.json `exports`/`imports` entry points at (conditions resolved)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("types", "import", "require", "node", "default"):
            if key in value:
                return _target(value[key])
    return ""


def _mappings(folder: str, options: dict[str, Any]) -> list[tuple[str, dict[str, list[str]]]]:
    """(base folder, patterns) that bare specifiers resolve through under a tsconfig."""
    base = posixpath.normpath(posixpath.join(folder, str(options.get("baseUrl", "."))))
    paths = options.get("paths")
    if isinstance(paths, dict):
        return [(base, {k: v for k, v in paths.items() if isinstance(v, list)})]
    return [(base, {"*": ["*"]})] if "baseUrl" in options else []


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        raw = path.read_text(encoding="utf-8")
        value = json.loads(_strip_jsonc(raw))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return value if isinstance(value, dict) else None


def _strip_jsonc(raw: str) -> str:
    """JSON from JSONC: comments outside strings and trailing commas removed."""
    token = re.compile(r'"(?:\\.|[^"\\])*"|//[^\n]*|/\*.*?\*/', re.S)
    without = token.sub(lambda m: m.group() if m.group().startswith('"') else "", raw)
    return re.sub(r",(\s*[}\]])", r"\1", without)
