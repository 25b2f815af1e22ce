"""The repo's own linter and formatter configs, read as evidence in ruff's terms.

Why: a team that wrote `[tool.black]` or `[flake8] max-line-length = 100` made a choice.
The generated config keeps each such choice the code passes and says where it differs,
so it never contradicts the team silently. Files are parsed (tomllib, configparser),
never executed; what cannot be parsed is left out. Settings come in ruff's precedence:
ruff's own config first, then black, isort, flake8 and pylint.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from standards.model import Param
from standards.targets import configs
from standards.targets.ruff import config_map

RUFF_FILES = (".ruff.toml", "ruff.toml")
INI_FILES = ("setup.cfg", "tox.ini", ".flake8", ".isort.cfg")
INI_SECTIONS = {
    "flake8": ("flake8", config_map.flake8),
    "isort": ("isort", config_map.isort),
    "tool:isort": ("isort", config_map.isort),
    "settings": ("isort", config_map.isort),
}
"""INI sections we read, the tool they configure, and its translation; `[settings]` is
isort's section in `.isort.cfg` only."""


@dataclass(frozen=True, order=True)
class Setting:
    """One configured value in ruff's terms (`lint.select` holds codes as written) and
    where it is written."""

    key: str
    value: Param
    path: str
    line: int
    section: str

    @property
    def source(self) -> str:
        return f"{self.path} [{self.section}]"


def read(root: Path) -> tuple[Setting, ...]:
    """Every setting the repo's configs make that ruff can express, ruff's own first."""
    return (*_ruff(root), *_pyproject_tools(root), *_ini(root))


def first(settings: tuple[Setting, ...], key: str) -> Setting | None:
    """The setting that wins for `key`: the first source in precedence order."""
    return next((s for s in settings if s.key == key), None)


def _ruff(root: Path) -> Iterator[Setting]:
    for name in RUFF_FILES:
        table = configs.toml(root / name)
        if table is not None:
            yield from _settings(root, name, "", config_map.ruff(table))
            return
    table = (configs.toml(root / "pyproject.toml") or {}).get("tool", {}).get("ruff")
    if isinstance(table, dict):
        yield from _settings(root, "pyproject.toml", "tool.ruff", config_map.ruff(table))


def _pyproject_tools(root: Path) -> Iterator[Setting]:
    tools = (configs.toml(root / "pyproject.toml") or {}).get("tool", {})
    for tool, translate in (
        ("black", config_map.black),
        ("isort", config_map.isort),
        ("pylint", config_map.pylint),
    ):
        if isinstance(tools.get(tool), dict):
            yield from _settings(root, "pyproject.toml", f"tool.{tool}", translate(tools[tool]))


def _ini(root: Path) -> Iterator[Setting]:
    for name in INI_FILES:
        parser = configs.ini(root / name)
        if parser is None:
            continue
        for section in parser.sections():
            if section in INI_SECTIONS and (section != "settings" or name == ".isort.cfg"):
                translate = INI_SECTIONS[section][1]
                yield from _settings(root, name, section, translate(dict(parser[section])))


def _settings(root: Path, name: str, section: str, found: config_map.Found) -> Iterator[Setting]:
    text = (root / name).read_text(encoding="utf-8", errors="replace")
    for key, value, written in found:
        yield Setting(key, value, name, _line(text, section, written), section or "ruff")


def _line(text: str, section: str, key: str) -> int:
    """The line of `key` in `section` (1 when the file writes it some other way)."""
    lines = text.splitlines()
    header = re.compile(rf"^\s*\[{re.escape(section)}\]\s*$") if section else None
    start = next((i for i, line in enumerate(lines) if header and header.match(line)), -1)
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[=:]")
    found = (i for i in range(start + 1, len(lines)) if pattern.match(lines[i]))
    return next(found, max(start, 0)) + 1


def values(settings: tuple[Setting, ...]) -> Mapping[str, Param]:
    """The winning value of every configured key."""
    result: dict[str, Param] = {}
    for s in settings:
        result.setdefault(s.key, s.value)
    return result
