"""Prisma schema files: the models, relations and indexes JavaScript and TypeScript query.

A `schema.prisma` declares what a Prisma client's queries touch (`prisma.user.findMany`),
so the index analyzer of those languages reads its facts: `@id`, `@unique`, `@@index`,
`@@unique`, `@@id`, relation fields and the scalar fields that hold their references. The
format is line-oriented and small, so a reader of its lines suffices; no code is linted
here, so no linter or checker owns these files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from standards.languages import syntax
from standards.model import FileFacts, Index, PathRoles, Table

NAME = "prisma"
EXTENSIONS: tuple[str, ...] = (".prisma",)
FILE_TYPES: tuple[str, ...] = ()
LINTER = ""
CHECKER = ""
ROLES = PathRoles()

ENUM = re.compile(r"^\s*(?:enum|type)\s+(\w+)\s*\{")
"""Enums and composite types: capitalised field types that are not relations."""
BLOCK = re.compile(r"^\s*model\s+(\w+)\s*\{\s*$")
FIELD = re.compile(r"^\s*(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$")
ATTRIBUTE = re.compile(r"^\s*@@(index|unique|id|map)\s*\((.*)\)\s*$")
LIST = re.compile(r"\[([^\]]*)\]")
RELATION_FIELDS = re.compile(r"@relation\([^)]*fields:\s*\[([^\]]*)\]")
MAP = re.compile(r"^\s*(?:name:\s*)?\"([^\"]+)\"")
SCALARS = frozenset(
    ["String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes"]
)


def parse(path: str, source: bytes) -> FileFacts:
    if problem := syntax.undecodable(source):
        return FileFacts(path, NAME, source.count(b"\n") + 1, problems=(problem,))
    lines = source.decode("utf-8").splitlines()
    tables: list[Table] = []
    indexes: list[Index] = []
    enums = frozenset(m.group(1) for line in lines if (m := ENUM.match(line)))
    for start, name, body in _models(lines):
        table, found = _model(name, start, body, enums)
        tables.append(table)
        indexes.extend(found)
    return FileFacts(path, NAME, len(lines), tables=tuple(tables), indexes=tuple(sorted(indexes)))


def link(root: Path, facts: Sequence[FileFacts]) -> tuple[FileFacts, ...]:
    return tuple(f for f in facts if f.language == NAME)


def comments(path: str, source: bytes) -> tuple[syntax.Comment, ...]:
    """None to read: no check runs on a schema file, so no comment suppresses one."""
    return ()


def _models(lines: list[str]) -> Iterator[tuple[int, str, list[tuple[int, str]]]]:
    """(line, model name, its body's numbered lines without comments) per `model` block."""
    current: tuple[int, str, list[tuple[int, str]]] | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.split("//", 1)[0].rstrip()
        if current is None:
            if match := BLOCK.match(line):
                current = (number, match.group(1), [])
        elif line.strip() == "}":
            yield current
            current = None
        elif line.strip():
            current[2].append((number, line))


def _model(
    name: str, start: int, body: list[tuple[int, str]], enums: frozenset[str]
) -> tuple[Table, list[Index]]:
    indexes: list[Index] = []
    columns: list[str] = []
    relations: list[tuple[str, str]] = []
    keys: list[str] = []
    flags: list[str] = []
    table = None
    for number, line in body:
        if attribute := ATTRIBUTE.match(line):
            kind, arguments = attribute.groups()
            if kind == "map":
                table = m.group(1) if (m := MAP.match(arguments)) else None
            elif fields := _names(arguments):
                source = "primary" if kind == "id" else "meta"
                indexes.append(Index(name, fields, number, kind != "index", source))
        elif field := FIELD.match(line):
            column, kind, _, _, rest = field.groups()
            if kind not in SCALARS and kind not in enums and kind[:1].isupper():
                relations.append((column, kind))
                keys.extend(_names(m.group(0)) if (m := RELATION_FIELDS.search(rest)) else ())
                continue
            columns.append(column)
            if kind == "Boolean":
                flags.append(column)
            if "@id" in rest.split():
                indexes.append(Index(name, (column,), number, True, "primary"))
            elif "@unique" in rest:
                indexes.append(Index(name, (column,), number, True, "field"))
    declared = Table(
        model=name,
        line=start,
        table=table,
        orm="prisma",
        columns=tuple(sorted(columns)),
        flags=tuple(sorted(flags)),
        relations=tuple(sorted(relations)),
        foreign_keys=tuple(sorted(keys)),
    )
    return declared, indexes


def _names(arguments: str) -> tuple[str, ...]:
    """`[a, b(sort: Desc)]` or `fields: [a, b]` -> ("a", "b")."""
    found = LIST.search(arguments)
    if found is None:
        return ()
    cleaned = re.sub(r"\([^)]*\)", "", found.group(1))
    return tuple(part.strip() for part in cleaned.split(",") if part.strip())
