"""Zeitwerk's naming rules, to resolve a constant to the file that defines it.

Every folder directly under an `app/` folder (and its `concerns/`) is a root, and so is
`lib/`; below a root, `admin/users_controller.rb` defines `Admin::UsersController`. The
same rules hold in engines and plugins, whose own `app/` folders are roots too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from posixpath import dirname, normpath

from standards.model import Import

Resolve = Callable[[str, Import], str | None]
"""(importing file, import) -> the repo file it names, if any."""
ACRONYM = re.compile(r"([A-Z\d]+)([A-Z][a-z])")
WORD = re.compile(r"([a-z\d])([A-Z])")


def underscore(constant: str) -> str:
    """`Admin::HTMLParser` -> `admin/html_parser`, as ActiveSupport spells it."""
    parts = [WORD.sub(r"\1_\2", ACRONYM.sub(r"\1_\2", part)) for part in constant.split("::")]
    return "/".join(part.lower() for part in parts if part)


def autoloaded(path: str) -> str | None:
    """The constant path (`admin/users_controller`) a file defines, if it is under a root."""
    if not path.endswith(".rb"):
        return None
    parts = path[:-3].split("/")
    for index, part in enumerate(parts[:-2]):
        if part == "app":
            skip = 3 if parts[index + 2] == "concerns" and len(parts) > index + 3 else 2
            return "/".join(parts[index + skip :])
    if parts[0] == "lib" and len(parts) > 1:
        return "/".join(parts[1:])
    return None


def resolver(paths: Iterable[str]) -> Resolve:
    """A function from (importing file, import) to the repo file it names, if any."""
    files = set(paths)
    by_constant: dict[str, str] = {}
    for path in sorted(files, key=lambda p: (p.count("/"), p)):
        if (key := autoloaded(path)) is not None:
            by_constant.setdefault(key, path)

    def resolve(importer: str, item: Import) -> str | None:
        if item.names:
            return next(
                (by_constant[k] for n in item.names if (k := underscore(n)) in by_constant), None
            )
        name = item.module if item.module.endswith(".rb") else item.module + ".rb"
        if item.relative:
            found = normpath(f"{dirname(importer)}/{name}")
            return found if found in files else None
        return next((p for p in (f"lib/{name}", name) if p in files), None)

    return resolve
