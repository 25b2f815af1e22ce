"""Schema facts of JavaScript and TypeScript migrations, which write their SQL as strings.

TypeORM (and Knex raw) migrations run `CREATE INDEX` and `DROP INDEX` through
`queryRunner.query(...)`; their file names start with a timestamp, so path order is
migration order. Foreign keys they add (`ADD CONSTRAINT ... FOREIGN KEY ("col")`) are
recorded so the analyzer can ask whether the same migration indexes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from posixpath import basename

from standards.model import Index, Migration, Table

FOLDERS = ("migrations", "migration")
QUOTE = r"(?:\\?[\"'`])?"
"""An optional quote, escaped in compiled output (`\\"order\\"`)."""
NAME = rf"{QUOTE}(?:\w+{QUOTE}\.{QUOTE})?(\w+){QUOTE}"
"""An identifier, quoted or not, perhaps after its schema (`"public"."order"`)."""
CREATE = re.compile(
    rf"CREATE\s+(UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?{NAME}"
    rf"\s+ON\s+{NAME}\s*(?:USING\s+\w+\s*)?\(([^)]*)\)",
    re.IGNORECASE,
)
DROP = re.compile(rf"DROP\s+INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+EXISTS\s+)?{NAME}", re.IGNORECASE)
UNIQUE = re.compile(
    rf"ALTER\s+TABLE\s+{NAME}\s+ADD\s+CONSTRAINT\s+{NAME}\s+UNIQUE\s*\(([^)]*)\)",
    re.IGNORECASE,
)
FOREIGN = re.compile(
    rf"ALTER\s+TABLE\s+{NAME}\s+ADD\s+CONSTRAINT\s+{NAME}\s+FOREIGN\s+KEY\s*\(([^)]*)\)",
    re.IGNORECASE,
)


def is_migration(path: str) -> bool:
    return any(folder in FOLDERS for folder in path.split("/")[:-1])


def migration(path: str) -> Migration | None:
    """Timestamped files in a migrations folder; their order is their names'."""
    return Migration(basename(path).split(".", 1)[0]) if is_migration(path) else None


def schema(path: str, source: str) -> Iterator[Table | Index]:
    """Indexes created and dropped, and foreign keys added, by a migration's SQL."""
    if not is_migration(path):
        return
    for match in CREATE.finditer(source):
        unique, name, table, columns = match.groups()
        found = tuple(c for c in (_column(part) for part in columns.split(",")) if c)
        if found:
            at = _line(source, match.start())
            yield Index(table, found, at, bool(unique), "migration", name=name)
    for match in UNIQUE.finditer(source):
        table, name, columns = match.groups()
        found = tuple(c for c in (_column(part) for part in columns.split(",")) if c)
        if found:
            at = _line(source, match.start())
            yield Index(table, found, at, True, "migration", name=name)
    for match in DROP.finditer(source):
        at = _line(source, match.start())
        yield Index("", (), at, source="migration", removed=True, name=match.group(1))
    for match in FOREIGN.finditer(source):
        table, _, columns = match.groups()
        keys = tuple(c for c in (_column(part) for part in columns.split(",")) if c)
        yield Table(table, _line(source, match.start()), table, "typeorm", foreign_keys=keys)


def _column(part: str) -> str:
    """`"status"` or `status DESC` -> `status`; an expression -> ""."""
    words = part.split()
    first = words[0].strip("\"'`\\") if words else ""
    return first if first.isidentifier() else ""


def _line(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1
