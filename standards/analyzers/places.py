"""Where things live: a set of paths said as one pattern, and the definition around a line.

Why: a recipe or a fact about the repo names places, and a place a reader can use is a
pattern (`<app>/views.py`, `app/routes/<name>.py`), not a list of thirty files. The
pattern is the one that covers most of the paths, so it is what most of the code does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from posixpath import basename, dirname

from standards.model import Definition, DefinitionKind

CALLABLES = (DefinitionKind.FUNCTION, DefinitionKind.METHOD)


def pattern(paths: Sequence[str]) -> tuple[str, int]:
    """The pattern most of `paths` fit, and how many fit it.

    Four shapes compete: one file name in many folders (`<app>/views.py`), many files
    in one folder (`app/routes/<name>.py`), many files in folders of one name
    (`<app>/models/<name>.py`) and files named for one role in many folders
    (`src/<package>/<name>.controller.ts`); the shape covering more paths wins, ties to
    the more specific one. Where none covers half the paths, many files in the
    subfolders of one folder (`app/routes/<package>/<name>.py`) may. A single path is
    its own pattern.
    """
    if not paths:
        return "", 0
    name, named = _most(basename(p) for p in paths)
    folder, filed = _most(dirname(p) for p in paths)
    kind, kinned = _most(basename(dirname(p)) for p in paths if "/" in p)
    common, roled = _most(r for p in paths if (r := role(p)))
    parent, parented = _most(dirname(dirname(p)) for p in paths if p.count("/") > 1)
    if named == filed == 1:
        return sorted(paths)[0], 1
    if max(named, filed, kinned, roled) * 2 <= len(paths) < parented * 2:
        chosen = [p for p in paths if dirname(dirname(p)) == parent]
        folders = sorted({dirname(p) for p in chosen})
        return _join(folders_pattern(folders), "<name>" + _extension(chosen)), parented
    if roled > max(named, filed, kinned):
        folders = sorted({dirname(p) for p in paths if role(p) == common})
        return _join(folders_pattern(folders), f"<name>{common}"), roled
    if named >= max(filed, kinned):
        folders = sorted({dirname(p) for p in paths if basename(p) == name})
        return _join(folders_pattern(folders), name), named
    if filed < kinned:
        chosen = [p for p in paths if "/" in p and basename(dirname(p)) == kind]
        folder, filed = folders_pattern(sorted({dirname(p) for p in chosen})), kinned
    else:
        chosen = [p for p in paths if dirname(p) == folder]
    return _join(folder, "<name>" + _extension(chosen)), filed


def _extension(paths: Iterable[str]) -> str:
    """The extension the paths share (`.py`), or ""."""
    extensions = {p.rsplit(".", 1)[-1] for p in paths}
    return "." + extensions.pop() if len(extensions) == 1 else ""


def role(path: str) -> str:
    """The role a file's name ends in, with its extension: `.controller.ts` of
    `article.controller.ts`; "" for a name without one."""
    name, _, rest = basename(path).partition(".")
    words = rest.split(".")
    return (
        f".{rest}" if name and len(words) == 2 and len(words[0]) > 1 and words[0].isalpha() else ""
    )


def _most(values: Iterable[str]) -> tuple[str, int]:
    """The most common value (the first by name on a tie) and its count."""
    counts = Counter(values)
    return min(counts.items(), key=lambda item: (-item[1], item[0]), default=("", 0))


def folders_pattern(folders: Sequence[str]) -> str:
    """Folders said as one: the part they share, `<package>` where they differ."""
    if len(folders) == 1:
        return folders[0]
    split = [f.split("/") if f else [] for f in folders]
    head = _common([*split])
    tail = _common([list(reversed(s)) for s in split])
    depth = min(len(s) for s in split)
    if len(head) + len(tail) >= depth:
        tail = tail[: max(0, depth - len(head) - 1)]
    middle = "<package>" if all(len(s) == len(head) + len(tail) + 1 for s in split) else "..."
    return "/".join([*head, middle, *reversed(tail)])


def fits(path: str, where: str) -> bool:
    """Whether `path` is one of the places a pattern names."""
    parts = re.split(r"(<package>|<name>|\.\.\.)", where)
    wild = {"<package>": "[^/]+", "<name>": "[^/]+", "...": ".+"}
    return re.fullmatch("".join(wild.get(p) or re.escape(p) for p in parts), path) is not None


def _common(lists: list[list[str]]) -> list[str]:
    shared: list[str] = []
    for parts in zip(*lists, strict=False):
        if len(set(parts)) != 1:
            break
        shared.append(parts[0])
    return shared


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def enclosing(definitions: Sequence[Definition], line: int) -> Definition | None:
    """The innermost function or method whose lines hold `line`."""
    around = [d for d in definitions if d.kind in CALLABLES and d.line <= line <= d.end_line]
    return min(around, key=lambda d: d.length, default=None)


def is_error_class(d: Definition) -> bool:
    return d.name.endswith(("Error", "Exception")) or any(
        b.endswith(("Error", "Exception")) for b in d.bases
    )


def top_class(d: Definition) -> bool:
    """A top-level class that is not an error: what roles and families are told from."""
    return d.kind is DefinitionKind.CLASS and d.parent is None and not is_error_class(d)


def camel(name: str) -> str:
    """A folder or module name as a class name starts: `pager_duty` -> `PagerDuty`."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", name))


def slug(text: str) -> str:
    """A path or name as an id part: lowercase words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
