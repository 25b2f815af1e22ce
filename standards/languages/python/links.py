"""Resolve Python imports to the repo files they name, so layering sees real edges.

An absolute import names a repo file only through a top-level package, a folder with an
`__init__.py` whose parent has none, so `import json` never lands on `app/utils/json.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from posixpath import dirname

from standards.model import Import

Resolver = Callable[[str, Import], str | None]


def resolver(paths: Sequence[str]) -> Resolver:
    """A function from (importing file, import) to a repo path, built once per repo."""
    files = set(paths)
    modules = _absolute_modules(files)

    def resolve(importer: str, item: Import) -> str | None:
        if item.relative:
            return _relative(files, importer, item)
        for name in _candidates(item):
            if name in modules:
                return modules[name]
        return None

    return resolve


def _candidates(item: Import) -> list[str]:
    """Most specific first: `from a.b import c` may import the module a.b.c."""
    first = item.module.split(",")[0]
    names = [f"{first}.{n}" for n in item.names if n != "*"]
    parts = first.split(".")
    return names + [".".join(parts[:end]) for end in range(len(parts), 0, -1)]


def _absolute_modules(files: set[str]) -> dict[str, str]:
    """Dotted module name -> path, for modules under top-level packages (shortest wins)."""
    modules: dict[str, str] = {}
    for path in sorted(files, key=lambda p: (p.count("/"), p)):
        if not path.endswith(".py"):
            continue
        parts = path[:-3].split("/")
        if parts[-1] == "__init__":
            parts = parts[:-1]
        for start in range(len(parts)):
            root = "/".join(parts[:start])
            package = "/".join(parts[: start + 1])
            top_level = f"{root}/__init__.py" not in files if root else True
            is_package = f"{package}/__init__.py" in files or start == len(parts) - 1
            if top_level and is_package:
                modules.setdefault(".".join(parts[start:]), path)
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
