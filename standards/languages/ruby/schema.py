"""Schema facts of a Rails app: `db/schema.rb` and the migrations under `db/migrate/`.

`db/schema.rb` is the schema Rails dumps after every migration: its tables, columns and
indexes are the app's as they are. Without it, the migrations are replayed in filename
(timestamp) order, so an index a later migration removes is gone. `t.references`,
`add_reference` and their `belongs_to` spellings index their column unless told
`index: false`; a table has a primary key `id` unless `id: false`. Each operation that
adds a reference column is a `Table` with that foreign key at its line, so a check can
ask whether the same migration indexes it. A migration's `down` is its undo, not its
effect: it is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from posixpath import basename

import tree_sitter

from standards.languages.ruby.imports import string_value
from standards.languages.syntax import line, text
from standards.model import Index, Migration, Table

Node = tree_sitter.Node

ORM = "activerecord"
SCHEMA = "db/schema.rb"
MIGRATION = re.compile(r"(?:^|/)db/migrate/(\d+)_\w+\.rb$")
REFERENCES = frozenset(["references", "belongs_to", "add_reference", "add_belongs_to"])
NOT_COLUMNS = frozenset(["index", "remove_index", "timestamps", "remove", "rename"])
NOT_COLUMNS |= REFERENCES | frozenset(["remove_references", "remove_belongs_to", "change"])
TIMESTAMPS = ("created_at", "updated_at")
UNDO = frozenset(["down"])

Facts = tuple[list[Table], list[Index]]


def is_schema(path: str) -> bool:
    return path == SCHEMA or path.endswith(f"/{SCHEMA}")


def migration(path: str) -> Migration | None:
    """A file under `db/migrate/`, named by its timestamp, which orders it."""
    return Migration(basename(path).removesuffix(".rb")) if MIGRATION.search(path) else None


def schema(calls: list[Node], migrating: bool) -> Facts:
    """The tables and indexes the file's schema statements declare (or, for a
    migration, add and remove)."""
    tables: list[Table] = []
    indexes: list[Index] = []
    source = "migration" if migrating else "meta"
    for node in calls:
        if node.child_by_field_name("receiver") is not None or _undo(node):
            continue
        method = text(node.child_by_field_name("method"))
        args, options = _arguments(node)
        if method in ("create_table", "change_table") and args:
            _table(node, _name(args[0]), method == "create_table", options, source, tables, indexes)
        elif method in ("add_index", "remove_index") and args:
            indexes += _index(_name(args[0]), node, args[1:], options, source, method)
        elif method in REFERENCES and len(args) > 1:
            table = _name(args[0])
            tables += [Table(table, line(node), table, ORM, foreign_keys=_keys(args[1], options))]
            indexes += _reference_index(table, node, args[1], options, source)
        elif method == "add_column" and len(args) > 1:
            table, column = _name(args[0]), _name(args[1])
            keys = (column,) if column.endswith("_id") else ()
            flags = (column,) if _type(method, args[1:]) == "boolean" else ()
            tables.append(Table(table, line(node), table, ORM, (column,), flags, (), keys))
    return tables, indexes


def _table(
    node: Node,
    table: str,
    creates: bool,
    options: dict[str, Node],
    source: str,
    tables: list[Table],
    indexes: list[Index],
) -> None:
    """A `create_table` (or `change_table`) block: its columns, references and indexes."""
    columns: list[str] = []
    flags: list[str] = []
    keys: list[str] = []
    primary = _name(options["primary_key"]) if "primary_key" in options else "id"
    if creates and text(options.get("id")) != "false":
        columns.append(primary)
        indexes.append(Index(table, (primary,), line(node), True, "primary"))
    for call in _block_calls(node):
        method = text(call.child_by_field_name("method"))
        args, kwargs = _arguments(call)
        if method in ("index", "remove_index"):
            indexes += _index(table, call, args, kwargs, source, method)
        elif method in REFERENCES and args:
            found = _keys(args[0], kwargs)
            keys += found
            columns += found
            indexes += _reference_index(table, call, args[0], kwargs, source)
        elif method == "timestamps":
            columns += TIMESTAMPS
        elif method not in NOT_COLUMNS and args:
            column = _name(args[0])
            columns.append(column)
            flags += [column] if _type(method, args) == "boolean" else []
            keys += [column] if column.endswith("_id") else []
            if "index" in kwargs and text(kwargs["index"]) != "false":
                indexes.append(Index(table, (column,), line(call), _unique(kwargs), source))
    declared = Table(table, line(node), table, ORM, tuple(columns), tuple(flags), (), tuple(keys))
    tables.append(declared)


def _index(
    table: str, node: Node, args: list[Node], options: dict[str, Node], source: str, method: str
) -> list[Index]:
    """`add_index :t, [:a, :b], name:, unique:`; `remove_index :t, :a`, `column:` or `name:`."""
    columns = _names(args[0]) if args else _names(options.get("column"))
    name = _name(options["name"]) if "name" in options else None
    if not columns and name is None:
        return []
    removed = method == "remove_index"
    return [Index(table, columns, line(node), _unique(options), source, removed, name)]


def _reference_index(
    table: str, node: Node, reference: Node, options: dict[str, Node], source: str
) -> list[Index]:
    """The index a reference gets unless `index: false`: (x_type, x_id) when polymorphic."""
    if text(options.get("index")) == "false":
        return []
    keys = _keys(reference, options)
    return [Index(table, keys[::-1], line(node), _unique(options), source)]


def _keys(reference: Node, options: dict[str, Node]) -> tuple[str, ...]:
    name = _name(reference)
    polymorphic = text(options.get("polymorphic")) not in ("", "false", "nil")
    return (f"{name}_id", f"{name}_type") if polymorphic else (f"{name}_id",)


def _type(method: str, args: list[Node]) -> str:
    """A column's type: `t.boolean :x`, or `t.column :x, :boolean` and `add_column`'s."""
    if method not in ("column", "add_column"):
        return method
    return _name(args[1]) if len(args) > 1 else ""


def _unique(options: dict[str, Node]) -> bool:
    found = options.get("unique")
    index = options.get("index")
    if found is None and index is not None and index.type == "hash":
        found = _arguments(index)[1].get("unique")
    return text(found) == "true"


def _undo(node: Node) -> bool:
    """Whether `node` lies in a migration's `down` method, which undoes it."""
    parent = node.parent
    while parent is not None:
        if parent.type in ("method", "singleton_method"):
            return text(parent.child_by_field_name("name")) in UNDO
        parent = parent.parent
    return False


def _block_calls(node: Node) -> Iterator[Node]:
    """The calls on the block's variable (`t.string`) inside a table block."""
    block = node.child_by_field_name("block")
    stack = list(reversed(block.named_children)) if block is not None else []
    while stack:
        child = stack.pop()
        receiver = child.child_by_field_name("receiver") if child.type == "call" else None
        if receiver is not None and receiver.type == "identifier":
            yield child
            continue
        stack.extend(reversed(child.named_children))


def _arguments(node: Node) -> tuple[list[Node], dict[str, Node]]:
    """Positional arguments, and options by key (`index: false`, `:index => false`)."""
    arguments = node.child_by_field_name("arguments")
    if node.type == "hash":
        arguments = node
    args: list[Node] = []
    options: dict[str, Node] = {}
    for child in arguments.named_children if arguments is not None else []:
        if child.type == "pair":
            key, value = child.child_by_field_name("key"), child.child_by_field_name("value")
            if key is not None and value is not None:
                options[_name(key) or text(key)] = value
        elif child.type not in ("comment", "hash"):
            args.append(child)
        else:
            options.update(_arguments(child)[1] if child.type == "hash" else {})
    return args, options


def _name(node: Node | None) -> str:
    """The text of a symbol or string literal: `:orders`, `"orders"`, `orders:`."""
    if node is None:
        return ""
    if node.type in ("simple_symbol", "hash_key_symbol"):
        return text(node).removeprefix(":")
    return string_value(node) or ""


def _names(node: Node | None) -> tuple[str, ...]:
    """The names of a column list: `[:a, "b"]`, `%w[a b]`, `%i[a b]`, or one name."""
    if node is not None and node.type in ("string_array", "symbol_array"):
        return tuple(text(c) for c in node.named_children if c.type.startswith("bare_"))
    if node is not None and node.type == "array":
        return tuple(n for n in (_name(c) for c in node.named_children) if n)
    return (name,) if (name := _name(node)) else ()
