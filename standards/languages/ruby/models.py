"""ActiveRecord models: the table each class reads and the references it declares.

A class reads the table its name pluralizes to (`LineItem` -> `line_items`) unless it
sets `self.table_name`; a class that inherits another model (single-table inheritance)
reads its parent's, which linking gives it. `belongs_to :customer` is the column
`customer_id`, so `where(customer: c)` filters on it. Columns themselves come from the
schema (see `schema`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

import tree_sitter

from standards.languages.ruby import inflect, orm
from standards.languages.ruby.definitions import scope_name
from standards.languages.ruby.imports import string_value
from standards.languages.ruby.schema import ORM, is_schema
from standards.languages.syntax import line, text
from standards.model import Call, FileFacts, Index, Table

Node = tree_sitter.Node

BASES = frozenset(["ApplicationRecord", "ActiveRecord::Base", "::ActiveRecord::Base"])
"""What a model inherits from directly."""
ABSTRACT = frozenset(["abstract_class", "primary_abstract_class"])
SEGMENT = re.compile(r"[a-z_]\w*")
"""A method name in a receiver chain: `issues` in `@project.issues.visible`."""


def primary_keys(tables: list[Table]) -> list[Index]:
    """The primary key `id` Rails gives every table, which the schema may not show."""
    return [Index(t.model, ("id",), t.line, True, "primary") for t in tables if t.table]


def models(path: str, scopes: list[Node]) -> Iterator[Table]:
    """The models a file under `app/models/` (or any file, for `ActiveRecord::Base`)
    declares."""
    in_models = path.startswith("app/models/") or "/app/models/" in path
    for node in scopes:
        parent = node.child_by_field_name("superclass")
        base = text(parent.named_children[0]) if parent and parent.named_children else ""
        if node.type != "class" or not base or not (base in BASES or in_models):
            continue
        statements = _statements(node)
        if any(_abstract(s) for s in statements):
            continue
        name = scope_name(node)
        table = _table_name(statements) or (inflect.table_name(name) if base in BASES else None)
        keys = tuple(sorted(_belongs_to(statements)))
        columns = tuple(sorted(f"{field}_id" for field, _ in keys))
        yield Table(name, line(node), table, ORM, columns, relations=keys)


def _statements(node: Node) -> list[Node]:
    body = node.child_by_field_name("body")
    return list(body.named_children) if body is not None else []


def _abstract(statement: Node) -> bool:
    """`self.abstract_class = true` or `primary_abstract_class`."""
    if statement.type == "identifier":
        return text(statement) in ABSTRACT
    left = statement.child_by_field_name("left") if statement.type == "assignment" else None
    return left is not None and text(left.child_by_field_name("method")) in ABSTRACT


def _table_name(statements: list[Node]) -> str | None:
    """`self.table_name = "legacy_orders"` (or `:legacy_orders`); of `"#{prefix}users#{...}"`, the
    literal part."""
    for statement in statements:
        left = statement.child_by_field_name("left") if statement.type == "assignment" else None
        right = statement.child_by_field_name("right")
        if left is not None and right is not None and text(left) == "self.table_name":
            if right.type == "simple_symbol":
                return text(right)[1:]
            parts = [text(c) for c in right.named_children if c.type == "string_content"]
            return "".join(parts) if right.type == "string" and parts else None
    return None


def _belongs_to(statements: list[Node]) -> Iterator[tuple[str, str]]:
    """(association, class) of each `belongs_to`, the class from `class_name:` or its name."""
    for statement in statements:
        method = text(statement.child_by_field_name("method")) if statement.type == "call" else ""
        arguments = statement.child_by_field_name("arguments")
        if method != "belongs_to" or arguments is None or not arguments.named_children:
            continue
        first = arguments.named_children[0]
        if first.type != "simple_symbol":
            continue
        name = text(first)[1:]
        target = inflect.camelize(name)
        for pair in arguments.named_children[1:]:
            if pair.type == "pair" and text(pair.child_by_field_name("key")).rstrip(":") in (
                "class_name",
                ":class_name",
            ):
                target = string_value(pair.child_by_field_name("value")) or target
        yield name, target.split("::")[-1]


def declared(facts: Sequence[FileFacts]) -> list[Table]:
    """The ActiveRecord models the repo's own classes declare."""
    return [
        t
        for f in facts
        if f.migration is None and not is_schema(f.path)
        for t in f.tables
        if t.orm == ORM
    ]


def link(facts: Sequence[FileFacts]) -> tuple[FileFacts, ...]:
    """Schema facts named for the model classes that read their tables, the columns
    migrations add given to their models when there is no `db/schema.rb`, queries
    through an association (`@project.issues.where`) given the model it returns, and
    calls of methods arrays and other classes share (`first`, `select`, `create`) on a
    constant no model of the repo is (`BCrypt::Password.create`) left out."""
    models = declared(facts)
    named = {inflect.table_name(t.model): t.model for t in models}  # association names
    classes = named | {t.table: t.model for t in models if t.table}
    parents = {d.name: d.bases[0].split("::")[-1] for f in facts for d in f.definitions if d.bases}
    tables = _inherited({t.model: t.table for t in models}, parents)
    roots = {m: classes.get(t, m) for m, t in tables.items()}  # who declares associations
    dumped = any(is_schema(f.path) for f in facts)
    added: dict[str, list[Table]] = {}
    for f in facts:
        for t in f.tables if f.migration is not None and not dumped else ():
            added.setdefault(t.table or t.model, []).append(t)
    known = {t.model for t in models}
    return tuple(_linked(f, classes, tables, roots, added, known) for f in facts)


def _inherited(tables: dict[str, str | None], parents: dict[str, str]) -> dict[str, str]:
    """Each model's table, a subclass's (single-table inheritance) its ancestor's."""
    found: dict[str, str] = {}
    for model, table in tables.items():
        ancestor, seen = model, {model}
        while table is None and (ancestor := parents.get(ancestor, "")) in tables:
            if ancestor in seen:  # a class that names itself (`class Foo < Foo` in a module)
                break
            table = tables[ancestor]
            seen.add(ancestor)
        if table is not None:
            found[model] = table
    return found


def _linked(
    f: FileFacts,
    classes: dict[str, str],
    tables: dict[str, str],
    roots: dict[str, str],
    added: dict[str, list[Table]],
    known: set[str],
) -> FileFacts:
    if f.migration is not None or is_schema(f.path):
        named = tuple(replace(t, model=classes.get(t.model, t.model)) for t in f.tables)
        indexes = tuple(replace(i, model=classes.get(i.model, i.model)) for i in f.indexes)
        return replace(f, tables=named, indexes=indexes)
    models = tuple(
        _with_columns(replace(t, table=tables.get(t.model)), added.get(tables.get(t.model, ""), []))
        if t.orm == ORM
        else t
        for t in f.tables
    )
    owners = sorted(
        (d.line, d.end_line, roots.get(d.name, d.name)) for d in f.definitions if d.kind == "class"
    )
    calls = tuple(_through(c, classes, owners) for c in f.calls if _on_model(c, known))
    return replace(f, tables=models, calls=calls) if (models, calls) != (f.tables, f.calls) else f


def _on_model(call: Call, known: set[str]) -> bool:
    """A query method only ActiveRecord has counts wherever it is called; one that other
    classes share (and a dynamic finder) only on a model the repo declares."""
    shared = call.model is not None and call.name not in orm.DISTINCT
    return call.kind != "orm-query" or not shared or call.model in known


def _with_columns(table: Table, migrations: list[Table]) -> Table:
    if not migrations:
        return table
    columns = {c for t in migrations for c in t.columns} | set(table.columns)
    flags = {c for t in migrations for c in t.flags}
    return replace(table, columns=tuple(sorted(columns)), flags=tuple(sorted(flags)))


def _through(call: Call, classes: dict[str, str], owners: list[tuple[int, int, str]]) -> Call:
    """A query on an association (`@project.issues.where`, `issues.where` in `Project`):
    the model the association returns, the last method of the chain named for a table,
    and the owner's reference column it filters on (`project_id`)."""
    if call.kind != "orm-query" or call.model is not None:
        return call
    names = [s.split("(")[0] for s in call.receiver.split(".")]
    found = [k for k, n in enumerate(names) if SEGMENT.fullmatch(n) and n in classes]
    if not found:
        return call
    at = found[-1]
    owner = names[at - 1].lstrip("@") if at else ""
    if owner in ("", "self"):
        inside = [name for start, end, name in owners if start <= call.line <= end]
        owner = inflect.underscore(inside[-1]) if inside else ""
    key = (f"{owner}_id",) if SEGMENT.fullmatch(owner) else ()
    columns = tuple(dict.fromkeys(call.columns + key))
    return replace(call, model=classes[names[at]], columns=columns)
