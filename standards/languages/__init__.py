"""Language modules: one per language, each turning one file into `FileFacts`.

A language module parses a file on its own (so files parse in parallel and cache by
content), then `link` resolves what needs the whole repo, such as imports to repo files.
It also declares what is specific to it: its extensions and its path roles (test files,
glue, tool-owned folders), so analyzers never hard-code one language's names.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from standards.languages import javascript, prisma, python, ruby, typescript
from standards.languages.syntax import Comment
from standards.model import FileFacts, PathRoles


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


LANGUAGES: dict[str, Language] = {
    python.NAME: python,
    javascript.NAME: javascript,
    typescript.NAME: typescript,
    prisma.NAME: prisma,
    ruby.NAME: ruby,
}


def language_for(path: str) -> Language | None:
    """The language whose extensions match `path`, if we know one."""
    for language in LANGUAGES.values():
        if path.endswith(language.EXTENSIONS):
            return language
    return None
