"""The index a finding asks for, written the way the repo's own ORM and habits write one.

A Django repo that lists indexes in `Meta.indexes` gets a `models.Index`, one that marks
fields gets `db_index=True`; SQLAlchemy gets `index=True` and the Alembic op; Prisma an
`@@index`; TypeORM an `@Index()`; ActiveRecord an `add_index` in a new migration.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence

from standards.model import FileFacts, Table

DJANGO_NAME_LIMIT = 30
"""Django refuses index names longer than this."""
RUBY_SYMBOL = re.compile(r"[a-z_][a-z0-9_]*")


def django_style(facts: Sequence[FileFacts]) -> str:
    """ "meta" where the repo declares more plain indexes in `Meta` than on fields."""
    sources = Counter(
        i.source
        for f in facts
        if f.migration is None
        for i in f.indexes
        if not i.unique and i.source in ("meta", "field")
    )
    return "meta" if sources["meta"] > sources["field"] else "field"


def _quoted(value: str) -> str:
    """A string literal Python and JavaScript both read as `value`, whatever it holds."""
    return json.dumps(value)


def _ruby(value: str) -> str:
    """A Ruby symbol, or a string literal that interpolates nothing, naming `value`."""
    if RUBY_SYMBOL.fullmatch(value):
        return f":{value}"
    return json.dumps(value).replace("#", "\\#")


def remedy(table: Table | None, model: str, column: str, style: str) -> str:
    """One line a person can paste, or act on, to index `model.column`."""
    orm = table.orm if table is not None else ""
    name = table.table if table is not None and table.table else model.lower()
    if orm == "django" and style == "meta":
        index = _quoted(f"{model}_{column}_idx".lower()[:DJANGO_NAME_LIMIT])
        return (
            f"models.Index(fields=[{_quoted(column)}], name={index}) in {model}.Meta.indexes "
            "(makemigrations writes the AddIndex)"
        )
    if orm == "django":
        return f"db_index=True on {model}.{column} (makemigrations writes the AlterField)"
    if orm == "sqlalchemy":
        index, where, field = (_quoted(v) for v in (f"ix_{name}_{column}", name, column))
        return (
            f"index=True on {model}.{column}, and op.create_index({index}, {where}, [{field}]) "
            "in an Alembic revision"
        )
    if orm == "prisma":
        return f"@@index([{column}]) in model {model} (prisma migrate writes the migration)"
    if orm == "typeorm":
        return f"@Index() on {model}.{column}, and the migration that creates it"
    if orm == "activerecord":
        return f"a migration (db/migrate/) with add_index {_ruby(name)}, {_ruby(column)}"
    return f"an index on {name}({column})"
