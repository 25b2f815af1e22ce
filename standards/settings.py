"""`[tool.standards]` in pyproject.toml, or `standards.toml`: what a team keeps in the repo.

Every key is validated with an error that names it, so a typo is a usage error (exit 2),
never a silent default. `standards.toml` wins over pyproject.toml, as ruff.toml does.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from standards.model import Settings

FILES = (("standards.toml", ()), ("pyproject.toml", ("tool", "standards")))


class SettingsError(Exception):
    """A setting is unknown or of the wrong kind; the message names it and its file."""


def load(root: Path, known: frozenset[str] = frozenset()) -> Settings:
    """The repo's settings, or the defaults; `known` are names `disable` may use."""
    for name, table in FILES:
        path = root / name
        if not path.is_file():
            continue
        try:
            document: Any = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise SettingsError(f"{name}: not valid TOML: {error}") from error
        for key in table:
            document = document.get(key) if isinstance(document, dict) else None
        if document is not None:
            return _settings(
                document, f"{name}" + (f" [{'.'.join(table)}]" if table else ""), known
            )
    return Settings()


def matches(path: str, patterns: tuple[str, ...]) -> bool:
    """Whether a repo path falls under any pattern: a bare name matches any folder or
    file of that name, a pattern with `/` matches from the repo root (or its folder)."""
    parts = path.split("/")
    for pattern in patterns:
        if "/" not in pattern.strip("/"):
            if any(fnmatchcase(part, pattern.strip("/")) for part in parts):
                return True
        elif fnmatchcase(path, pattern) or path.startswith(pattern.rstrip("/*") + "/"):
            return True
    return False


def _settings(table: object, source: str, known: frozenset[str]) -> Settings:
    if not isinstance(table, dict):
        raise SettingsError(f"{source}: must be a table")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in CHECKS:
            raise SettingsError(f"{source}: unknown setting {key!r}; known: {', '.join(CHECKS)}")
        field, check = CHECKS[key]
        values[field] = check(f"{source}: {key!r}", value)
    unknown = set(values.get("disable", ())) - known if known else set()
    if unknown:
        raise SettingsError(f"{source}: 'disable' names no analyzer or target: {sorted(unknown)}")
    return Settings(**values, source=source)


def _strings(where: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"{where} must be a list of strings")
    return tuple(value)


def _ratio(where: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.5 < value <= 1:
        raise SettingsError(f"{where} must be a number above 0.5 and at most 1")
    return float(value)


def _count(where: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingsError(f"{where} must be a whole number of at least 1")
    return value


def _folder(where: str, value: object) -> str:
    if not isinstance(value, str) or not value or Path(value).is_absolute() or ".." in value:
        raise SettingsError(f"{where} must be a folder inside the repo")
    return value.strip("/")


CHECKS: Mapping[str, tuple[str, Callable[[str, object], Any]]] = {
    "exclude": ("exclude", _strings),
    "extend-exclude": ("extend_exclude", _strings),
    "enforce-ratio": ("enforce_ratio", _ratio),
    "min-cases": ("min_cases", _count),
    "disable": ("disable", _strings),
    "advise-only": ("advise_only", _strings),
    "enforce": ("enforce", _strings),
    "out": ("out", _folder),
    "playbook-words": ("playbook_words", _count),
}
"""Each key a team may set: the field it fills and the check its value must pass."""
