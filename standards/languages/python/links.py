"""Resolve Python imports to the repo files they name, so layering sees real edges.

An absolute import names a repo file only through a top-level package, a folder with an
`__init__.py` whose parent is no package, so `import json` never lands on `app/utils/json.py`.
A folder without `__init__.py` is a package too where the code imports through it (PEP
420's namespace packages: poetry's `src/poetry/`, imported as `poetry.config`), so its
`json/` is `poetry.json`, never the standard library's `json`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from posixpath import basename, dirname

from standards.model import Import

Resolver = Callable[[str, Import], str | None]


def resolver(paths: Sequence[str], imported: Iterable[Import]) -> Resolver:
    """A function from (importing file, import) to a repo path, built once per repo;
    `imported` are the repo's absolute imports."""
    files = set(paths)
    modules = _absolute_modules(files, namespaces(files, imported))

    def resolve(importer: str, item: Import) -> str | None:
        if item.relative:
            return _relative(files, importer, item)
        for name in _candidates(item):
            if name in modules:
                path, loose = modules[name]
                if not loose or dirname(path) == dirname(importer):
                    return path
        return None

    return resolve


def _candidates(item: Import) -> list[str]:
    """Most specific first: `from a.b import c` may import the module a.b.c."""
    first = item.module.split(",")[0]
    names = [f"{first}.{n}" for n in item.names if n != "*"]
    parts = first.split(".")
    return names + [".".join(parts[:end]) for end in range(len(parts), 0, -1)]


def namespaces(files: set[str], imported: Iterable[Import]) -> frozenset[str]:
    """Folders without `__init__.py` that imports go through: `poetry.config` names
    `src/poetry/config/`, so `src/poetry/` is a package whose root is `src/`."""
    children: dict[str, set[str]] = {}
    for path in files:
        parts = path.split("/")
        for depth in range(1, len(parts)):
            below = parts[depth].removesuffix(".py")
            children.setdefault("/".join(parts[:depth]), set()).add(below)
    through = {tuple(n.split(".")[:2]) for item in imported for n in _candidates(item)}
    return frozenset(
        folder
        for folder, names in children.items()
        if f"{folder}/__init__.py" not in files
        and any((basename(folder), name) in through for name in names)
    )


def roots(paths: Sequence[str], imported: Iterable[Import]) -> tuple[str, ...]:
    """The folders below the repo's root that hold top-level packages (`src/`), where
    imports start, as a type checker's search path names them."""
    files = set(paths)
    return tuple(sorted(_roots(files, namespaces(files, imported)) - {""}))


def _roots(files: set[str], namespaced: frozenset[str]) -> set[str]:
    packages = {dirname(p) for p in files if basename(p) == "__init__.py"} | namespaced
    return {dirname(p) for p in packages if dirname(p) not in packages}


def _absolute_modules(files: set[str], namespaced: frozenset[str]) -> dict[str, tuple[str, bool]]:
    """Dotted module name -> (path, loose), for modules under top-level packages (shortest
    wins). A loose module sits in a folder that is no package nor holds one (CTFd's
    `tests/constants/time.py`): only its neighbours import it by name, as scripts run
    from there do; `import time` elsewhere is the standard library's."""

    def package(folder: str) -> bool:
        return f"{folder}/__init__.py" in files or folder in namespaced

    searched = _roots(files, namespaced) | {""}
    modules: dict[str, tuple[str, bool]] = {}
    for path in sorted(files, key=lambda p: (p.count("/"), p)):
        if not path.endswith(".py"):
            continue
        parts = path[:-3].split("/")
        loose = parts[-1] != "__init__" and dirname(path) not in searched
        if parts[-1] == "__init__":
            parts = parts[:-1]
        for start in range(len(parts)):
            root = "/".join(parts[:start])
            top_level = not (root and package(root))
            if top_level and (start == len(parts) - 1 or package("/".join(parts[: start + 1]))):
                alone = loose and start == len(parts) - 1
                modules.setdefault(".".join(parts[start:]), (path, alone))
    return modules


def _relative(files: set[str], importer: str, item: Import) -> str | None:
    dots = len(item.module) - len(item.module.lstrip("."))
    base = dirname(importer)
    for _ in range(dots - 1):
        base = dirname(base)
    rest = item.module[dots:].replace(".", "/")
    package = f"{base}/{rest}" if rest and base else rest or base
    candidates = [f"{package}/{n}" for n in item.names if n != "*"] + [package]
    for candidate in candidates:
        for path in (f"{candidate}.py", f"{candidate}/__init__.py"):
            if path.lstrip("/") in files:
                return path.lstrip("/")
    return None
