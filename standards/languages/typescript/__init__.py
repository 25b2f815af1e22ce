"""TypeScript (and TSX): read with the JavaScript extraction and TypeScript's grammars,
so interfaces, type aliases, enums, decorators and annotations are facts too."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from standards.languages import javascript, syntax
from standards.languages.javascript import query
from standards.model import FileFacts

NAME = "typescript"
EXTENSIONS: tuple[str, ...] = (".ts", ".mts", ".cts", ".tsx")
FILE_TYPES: tuple[str, ...] = ("ts", "tsx")
LINTER = "eslint"
CHECKER = "eslint"
ROLES = javascript.roles(EXTENSIONS)


def parse(path: str, source: bytes) -> FileFacts:
    grammar = "tsx" if path.endswith(".tsx") else "typescript"
    return javascript.extract(NAME, grammar, path, source)


def comments(path: str, source: bytes) -> tuple[syntax.Comment, ...]:
    grammar = "tsx" if path.endswith(".tsx") else "typescript"
    return syntax.comments(query.grammar(grammar)[0], source)


def link(root: Path, facts: Sequence[FileFacts]) -> tuple[FileFacts, ...]:
    return javascript.link_language(NAME, root, facts)
