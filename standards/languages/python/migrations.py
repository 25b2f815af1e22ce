"""Schema facts of Python migrations: Django operations and Alembic ops, and their order.

A migration adds and drops indexes over time; the analyzer replays them in the order the
files declare (Django's `dependencies`, Alembic's `down_revision`), so an index a later
migration removed does not count. Each operation that adds a column holding a reference
is a `Table` with that foreign key at the operation's line, so a check can ask whether
the same migration indexes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from posixpath import basename, dirname

import tree_sitter

from standards.languages import syntax
from standards.languages.python.schema import (
    COLUMNS,
    assignments,
    callee,
    declared,
    dictionary,
    field_indexes,
    foreign_key,
    is_true,
    items,
    kwargs,
    options_indexes,
    positional,
    related,
    string,
    strings,
)
from standards.model import Index, Migration, Table

Node = tree_sitter.Node

ALEMBIC_RECEIVERS = frozenset(["op", "batch_op"])
QUERY = f"""
((call function: (attribute object: (identifier) @receiver)) @operation
 (#any-of? @receiver "migrations" {" ".join(f'"{r}"' for r in sorted(ALEMBIC_RECEIVERS))}))
"""
"""Calls on `migrations` or an Alembic receiver, the only ones `operations` reads."""


def migration(path: str, root: Node, classes: list[Node]) -> Migration | None:
    """The file as a Django migration (`class Migration` with its dependencies) or an
    Alembic revision (`revision` and `down_revision`); None for any other file."""
    module = assignments(root)
    if "revision" in module and "down_revision" in module:
        revision = string(module["revision"]) or path
        after = strings(module["down_revision"])
        return Migration(revision, after)
    for node in classes:
        if syntax.text(node.child_by_field_name("name")) != "Migration" or node.parent != root:
            continue
        body = assignments(node.child_by_field_name("body"))
        pairs = [_pair(d) for d in items(body.get("dependencies"))]
        return Migration(_django_id(path), tuple(f"{a}.{b}" for a, b in pairs if a))
    return None


def _django_id(path: str) -> str:
    """`shop.0002_order_status` for `shop/migrations/0002_order_status.py`."""
    return f"{basename(dirname(dirname(path)))}.{basename(path).removesuffix('.py')}"


def _pair(node: Node) -> tuple[str, str]:
    found = strings(node)
    return (found[0], found[1]) if len(found) == 2 else ("", "")


def operations(calls: list[Node]) -> Iterator[Table | Index]:
    """What each migration operation does to tables and indexes, in source order."""
    for call in calls:
        function = call.child_by_field_name("function")
        receiver = syntax.text(function.child_by_field_name("object")) if function else ""
        if receiver == "migrations":
            yield from _django(call, callee(call))
        elif receiver in ALEMBIC_RECEIVERS:
            yield from _alembic(call, callee(call), receiver)


# --- Django -----------------------------------------------------------------------------


def _django(call: Node, op: str) -> Iterator[Table | Index]:
    args = kwargs(call)
    model = string(args.get("model_name") or args.get("name")) or ""
    line = syntax.line(call)
    if not model:
        return
    if op == "CreateModel":
        for pair in items(args.get("fields")):
            parts = items(pair)
            if len(parts) == 2 and (name := string(parts[0])) and parts[1].type == "call":
                yield from _field(model, name, parts[1], line, altered=False)
        yield from options_indexes(model, dictionary(args.get("options")), "migration")
    elif op in ("AddField", "AlterField") and (name := string(args.get("name"))):
        field = args.get("field")
        if field is not None and field.type == "call":
            yield from _field(model, name, field, line, altered=op == "AlterField")
    elif op == "RemoveField" and (name := string(args.get("name"))):
        yield Index(model, (name,), line, source="migration", removed=True)
    elif op in ("AddIndex", "AddConstraint"):
        yield from _django_index(model, args.get("index") or args.get("constraint"))
    elif op in ("RemoveIndex", "RemoveConstraint") and (name := string(args.get("name"))):
        yield Index(model, (), line, source="migration", removed=True, name=name)
    elif op in ("AlterUniqueTogether", "AlterIndexTogether"):
        yield from options_indexes(model, args, "migration")


def _field(model: str, name: str, call: Node, line: int, altered: bool) -> Iterator[Table | Index]:
    own = field_indexes(model, name, call)
    found = [Index(model, i.columns, line, i.unique, "migration") for i in own]
    if altered and not found:  # the field as altered has no index: any it had is dropped
        yield Index(model, (name,), line, source="migration", removed=True)
    yield from found
    if foreign_key(call):
        target = related(model, call)
        relations = ((name, target),) if target else ()
        yield Table(model, line, orm="django", relations=relations, foreign_keys=(name,))


def _django_index(model: str, call: Node | None) -> Iterator[Index]:
    if call is not None:
        yield from declared(model, call, "migration")


# --- Alembic ----------------------------------------------------------------------------


def _alembic(call: Node, op: str, receiver: str) -> Iterator[Table | Index]:
    """`op.create_index("ix", "orders", ["email"])`, or the same on a `batch_op` whose
    table the enclosing `with op.batch_alter_table("orders")` names."""
    table, rest = _alembic_table(call, op, receiver)
    if not table:
        return
    args = kwargs(call)
    line = syntax.line(call)
    first = next(iter(rest), None)
    name = string(args.get("index_name") or args.get("constraint_name") or first)
    if op in ("create_index", "create_unique_constraint"):
        columns = strings(args.get("columns") or (rest[1] if len(rest) > 1 else None))
        unique = op == "create_unique_constraint" or is_true(args.get("unique"))
        if columns:
            yield Index(table, columns, line, unique, "migration", name=name)
    elif op in ("drop_index", "drop_constraint") and name:
        yield Index(table, (), line, source="migration", removed=True, name=name)
    elif op == "drop_column" and (column := string(args.get("column_name") or first)):
        yield Index(table, (column,), line, source="migration", removed=True)
    elif op in ("add_column", "create_table"):
        yield from _columns(table, [*rest, *args.values()], line)


def _alembic_table(call: Node, op: str, receiver: str) -> tuple[str | None, list[Node]]:
    """The table an op works on, and its other positional arguments."""
    given = positional(call)
    named = kwargs(call).get("table_name")
    if receiver == "batch_op":
        return _batch_table(call), given
    if op in ("add_column", "create_table", "drop_column"):
        return string(named or next(iter(given), None)), given[1:]
    return string(named or (given[1] if len(given) > 1 else None)), given[:1] + given[2:]


def _columns(table: str, nodes: list[Node], line: int) -> Iterator[Table | Index]:
    """Columns and constraints of `op.add_column` or `op.create_table`."""
    keys = []
    for node in nodes:
        kind = callee(node) if node.type == "call" else ""
        name = string(next(iter(positional(node)), None)) if kind else None
        if kind in COLUMNS and name:
            found = list(field_indexes(table, name, node))
            yield from (Index(table, i.columns, line, i.unique, "migration") for i in found)
            if foreign_key(node) or name.endswith("_id"):
                keys.append(name)
        elif kind in ("UniqueConstraint", "PrimaryKeyConstraint"):
            columns = tuple(s for a in positional(node) if (s := string(a)))
            if columns:
                yield Index(table, columns, line, unique=True, source="migration")
        elif kind == "ForeignKeyConstraint":
            keys.extend(strings(next(iter(positional(node)), None)))
    if keys:
        yield Table(table, line, table, "sqlalchemy", foreign_keys=tuple(sorted(set(keys))))


def _batch_table(call: Node) -> str | None:
    node = call.parent
    while node is not None and node.type != "with_statement":
        node = node.parent
    for item in _with_calls(node):
        if callee(item) == "batch_alter_table":
            return string(next(iter(positional(item)), None) or kwargs(item).get("table_name"))
    return None


def _with_calls(node: Node | None) -> Iterator[Node]:
    stack = [c for c in node.children if c.type == "with_clause"] if node is not None else []
    while stack:
        current = stack.pop()
        if current.type == "call":
            yield current
        else:
            stack.extend(current.named_children)
