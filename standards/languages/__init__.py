"""Language modules: one per language, each turning one file into `FileFacts`.

A language module parses a file on its own (so files parse in parallel and cache by
content), then `link` resolves what needs the whole repo, such as imports to repo files.
It also declares what is specific to it: its extensions and its path roles (test files,
glue, tool-owned folders), so analyzers never hard-code one language's names.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from standards.model import FileFacts, PathRoles

if TYPE_CHECKING:
    from standards.languages.syntax import Comment


class Language(Protocol):
    NAME: str
    EXTENSIONS: tuple[str, ...]
    FILE_TYPES: tuple[str, ...]
    """pre-commit's file type tags for the language's files, for the hooks' `types_or`."""
    ROLES: PathRoles
    LINTER: str
    """The target that enforces the language's style and sizes (ruff, eslint, rubocop)."""
    CHECKER: str
    """The target that runs our own checks on its files: "standards-check" (`standards
    check`), or the linter's plugin where we generate one (eslint)."""

    def parse(self, path: str, source: bytes) -> FileFacts: ...

    def comments(self, path: str, source: bytes) -> tuple[Comment, ...]:
        """The file's comments, where inline suppressions of our checks are written."""
        ...

    def link(self, root: Path, facts: Sequence[FileFacts]) -> tuple[FileFacts, ...]:
        """This language's files among the repo's `facts`, with what the repo resolves."""
        ...


@dataclass(frozen=True)
class Registered:
    """Where a language module lives and its files' extensions: enough to tell a file's
    language without importing its grammar and extractors (a check of a Python file
    never loads the Ruby parser)."""

    module: str
    extensions: tuple[str, ...]


REGISTERED: dict[str, Registered] = {
    "python": Registered("standards.languages.python", (".py", ".pyi")),
    "javascript": Registered("standards.languages.javascript", (".js", ".mjs", ".cjs", ".jsx")),
    "typescript": Registered("standards.languages.typescript", (".ts", ".mts", ".cts", ".tsx")),
    "prisma": Registered("standards.languages.prisma", (".prisma",)),
    "ruby": Registered("standards.languages.ruby", (".rb", ".rake")),
}


class _Modules(Mapping[str, Language]):
    """The registered languages by name, each module imported when first asked for."""

    def __getitem__(self, name: str) -> Language:
        return cast(Language, importlib.import_module(REGISTERED[name].module))

    def __contains__(self, name: object) -> bool:
        return name in REGISTERED

    def __iter__(self) -> Iterator[str]:
        return iter(REGISTERED)

    def __len__(self) -> int:
        return len(REGISTERED)


LANGUAGES: Mapping[str, Language] = _Modules()


def name_for(path: str) -> str | None:
    """The name of the language whose extensions match `path`, if we know one."""
    for name, registered in REGISTERED.items():
        if path.endswith(registered.extensions):
            return name
    return None


def language_for(path: str) -> Language | None:
    """The language whose extensions match `path`, if we know one."""
    name = name_for(path)
    return LANGUAGES[name] if name is not None else None


def parsed(language: Language, path: str, source: bytes) -> FileFacts:
    """The file's facts; a file its parser fails on becomes a reported problem, so one bad
    file never sinks an analysis or a commit hook (a Python 2 backtick once did both)."""
    try:
        return language.parse(path, source)
    except Exception as error:  # noqa: BLE001 - whatever a parser raises is the file's problem
        problem = f"could not be parsed: {type(error).__name__}: {error}"
        return FileFacts(path, language.NAME, 0, problems=(problem,))
