"""Schema facts of Python models: Django and SQLAlchemy classes, their fields and options.

Which columns carry an index is what the index analyzer weighs queries against. A model
says it in its fields (`db_index=True`, `unique=True`, a `ForeignKey`, `Column(index=True)`)
and in its options (`Meta.indexes`, `unique_together`, `UniqueConstraint`,
`__table_args__`). Only literals are read; nothing of the repo is run.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import tree_sitter

from standards.languages import syntax
from standards.model import Index, Table

Node = tree_sitter.Node

REFERENCES = frozenset(["ForeignKey", "OneToOneField", "ParentalKey"])
"""Django fields that hold a reference: indexed unless `db_index=False`."""
MANY = frozenset(["ManyToManyField", "ParentalManyToManyField"])
INDEXED_BY_DEFAULT = frozenset(["SlugField"])
COLUMNS = frozenset(["Column", "mapped_column"])
"""SQLAlchemy's column constructors."""
NOT_MODEL_FIELDS = frozenset(["forms", "serializers", "filters", "django_filters"])
"""Modules whose `CharField`s belong to forms and serializers, not to tables."""


def models(classes: list[Node]) -> Iterator[Table | Index]:
    """The table each Django or SQLAlchemy model class declares, and its indexes."""
    for node in classes:
        yield from _model(node)


def _model(node: Node) -> Iterator[Table | Index]:
    name = syntax.text(node.child_by_field_name("name"))
    body = assignments(node.child_by_field_name("body"))
    meta = _meta(node)
    fields = {k: v for k, v in body.items() if v.type == "call" and _is_field(v)}
    tablename = string(body.get("__tablename__"))
    if not fields and tablename is None and meta is None:
        return
    line = syntax.line(node)
    relations: list[tuple[str, str]] = []
    keys: list[str] = []
    for field_name, call in fields.items():
        yield from field_indexes(name, field_name, call)
        relation = related(name, call)
        if relation is not None:
            relations.append((field_name, relation))
        if foreign_key(call):
            keys.append(field_name)
    alchemy = tablename is not None or any(callee(c) in COLUMNS for c in fields.values())
    if not alchemy:  # Django's implicit primary key: `id` unless a field is one, and `pk`
        if not any(is_true(kwargs(c).get("primary_key")) for c in fields.values()):
            yield Index(name, ("id",), line, unique=True, source="primary")
        yield Index(name, ("pk",), line, unique=True, source="primary")
    options = meta or {}
    yield from options_indexes(name, options, "meta")
    yield from _table_args(name, body.get("__table_args__"))
    yield Table(
        model=name,
        line=line,
        table=tablename or string(options.get("db_table")),
        orm="sqlalchemy" if alchemy else "django",
        columns=tuple(sorted(k for k, c in fields.items() if callee(c) != "relationship")),
        flags=tuple(sorted(k for k, c in fields.items() if _is_boolean(c))),
        relations=tuple(sorted(relations)),
        foreign_keys=tuple(sorted(keys)),
        managers=tuple(sorted({m for v in body.values() if (m := _manager(v))})),
    )


def _is_boolean(call: Node) -> bool:
    """`models.BooleanField()`, `Column(Boolean)`, `mapped_column(sa.Boolean())`."""
    if callee(call).endswith("BooleanField"):
        return True
    kinds = (syntax.text(a).split("(", 1)[0].rsplit(".", 1)[-1] for a in positional(call))
    return callee(call) in COLUMNS and "Boolean" in kinds


def _manager(value: Node) -> str | None:
    """The class of a Django manager: `OrderManager()` or `OrderQuerySet.as_manager()`."""
    if value.type != "call":
        return None
    function = syntax.text(value.child_by_field_name("function"))
    owner, _, method = function.rpartition(".")
    named = owner if method == "as_manager" else function
    last = named.rsplit(".", 1)[-1]
    return last if last.endswith(("Manager", "QuerySet")) and last[:1].isupper() else None


def _is_field(call: Node) -> bool:
    function = syntax.text(call.child_by_field_name("function"))
    owner, _, callee = function.rpartition(".")
    if owner.rsplit(".", 1)[-1] in NOT_MODEL_FIELDS:
        return False
    return callee.endswith("Field") or callee in REFERENCES | COLUMNS or callee == "relationship"


def _meta(node: Node) -> dict[str, Node] | None:
    body = node.child_by_field_name("body")
    for child in body.named_children if body else []:
        if (
            child.type == "class_definition"
            and syntax.text(child.child_by_field_name("name")) == "Meta"
        ):
            return assignments(child.child_by_field_name("body"))
    return None


def field_indexes(model: str, name: str, call: Node) -> Iterator[Index]:
    """The index a field or column gets from its own arguments and its kind."""
    args = kwargs(call)
    kind = callee(call)
    line = syntax.line(call)
    if is_true(args.get("primary_key")):
        yield Index(model, (name,), line, unique=True, source="primary")
    elif is_true(args.get("unique")) or kind == "OneToOneField":
        yield Index(model, (name,), line, unique=True)
    elif is_true(args.get("db_index")) or is_true(args.get("index")):
        yield Index(model, (name,), line)
    elif kind in MANY:  # the through table indexes both of its references
        yield Index(model, (name,), line, source="foreign-key")
    elif (kind in REFERENCES or kind in INDEXED_BY_DEFAULT) and not is_false(args.get("db_index")):
        yield Index(model, (name,), line, source="foreign-key" if kind in REFERENCES else "field")


def related(model: str, call: Node) -> str | None:
    """The model a relation field points at (`ForeignKey("shop.Customer")`, `relationship`)."""
    kind = callee(call)
    if kind not in REFERENCES | MANY and kind != "relationship":
        return None
    target = kwargs(call).get("to") or next(iter(positional(call)), None)
    if target is None:
        return None
    named = string(target) if target.type == "string" else syntax.text(target)
    if not named:
        return None
    last = named.rsplit(".", 1)[-1]
    return model if last == "self" else last


def foreign_key(call: Node) -> bool:
    """A column that holds a reference: a Django `ForeignKey` or a `Column(ForeignKey(...))`."""
    if callee(call) in REFERENCES:
        return True
    return callee(call) in COLUMNS and any(
        a.type == "call" and callee(a) == "ForeignKey" for a in positional(call)
    )


def options_indexes(model: str, options: Mapping[str, Node], source: str) -> Iterator[Index]:
    """Django `Meta` (or a migration's `options`): indexes, constraints, *_together."""
    for call in [*items(options.get("indexes")), *items(options.get("constraints"))]:
        yield from declared(model, call, source)
    for key, unique in (("unique_together", True), ("index_together", False)):
        value = options.get(key)
        groups = items(value)
        if groups and all(g.type == "string" for g in groups):
            groups = [value] if value is not None else []
        for group in groups:
            if columns := strings(group):
                yield Index(model, columns, syntax.line(group), unique=unique, source=source)


def declared(model: str, call: Node, source: str) -> Iterator[Index]:
    """`models.Index(fields=[...], name=...)` or `UniqueConstraint(fields=[...])`; an
    index on expressions names no columns and is left out."""
    kind = callee(call) if call.type == "call" else ""
    if not kind.endswith("Index") and kind != "UniqueConstraint":
        return
    unique = kind == "UniqueConstraint"
    args = kwargs(call)
    columns = tuple(c.lstrip("-") for c in strings(args.get("fields")))
    if columns:
        name = string(args.get("name"))
        yield Index(model, columns, syntax.line(call), unique=unique, source=source, name=name)


def _table_args(model: str, value: Node | None) -> Iterator[Index]:
    """SQLAlchemy's `__table_args__`: `Index("ix", "a", "b")`, `UniqueConstraint("a")`."""
    for call in items(value):
        kind = callee(call) if call.type == "call" else ""
        if kind not in ("Index", "UniqueConstraint"):
            continue
        given = [_column_name(a) for a in positional(call)]
        name = string(kwargs(call).get("name"))
        if kind == "Index" and given:
            name, given = given[0], given[1:]
        unique = kind == "UniqueConstraint" or is_true(kwargs(call).get("unique"))
        columns = tuple(c for c in given if c)
        if columns:
            yield Index(model, columns, syntax.line(call), unique, "meta", name=name)


def _column_name(node: Node) -> str:
    """A column given as `"email"` or as `Model.email`."""
    if node.type == "string":
        return string(node) or ""
    return syntax.text(node).rsplit(".", 1)[-1] if node.type in ("attribute", "identifier") else ""


# --- reading literals -------------------------------------------------------------------


def assignments(block: Node | None) -> dict[str, Node]:
    """`name = value` statements directly in a block or module, by name."""
    found = {}
    for statement in block.named_children if block else []:
        if statement.type != "expression_statement":
            continue
        assignment = statement.named_child(0)
        if assignment is None or assignment.type != "assignment":
            continue
        left = assignment.child_by_field_name("left")
        right = assignment.child_by_field_name("right")
        if left is not None and left.type == "identifier" and right is not None:
            found[syntax.text(left)] = right
    return found


def callee(call: Node) -> str:
    return syntax.text(call.child_by_field_name("function")).rsplit(".", 1)[-1]


def kwargs(call: Node) -> dict[str, Node]:
    arguments = call.child_by_field_name("arguments")
    return {
        syntax.text(a.child_by_field_name("name")): value
        for a in (arguments.named_children if arguments else [])
        if a.type == "keyword_argument" and (value := a.child_by_field_name("value")) is not None
    }


def positional(call: Node) -> list[Node]:
    arguments = call.child_by_field_name("arguments")
    return [
        a
        for a in (arguments.named_children if arguments else [])
        if a.type not in ("keyword_argument", "comment", "list_splat", "dictionary_splat")
    ]


def items(node: Node | None) -> list[Node]:
    """The elements of a list, tuple or set literal; a dict's values for `options`."""
    if node is None or node.type not in ("list", "tuple", "set", "parenthesized_expression"):
        return []
    return [c for c in node.named_children if c.type != "comment"]


def string(node: Node | None) -> str | None:
    """A plain string literal's content (`op.f("ix")` unwrapped); None for anything else."""
    if node is not None and node.type == "call" and callee(node) == "f":
        node = next(iter(positional(node)), None)
    if node is None or node.type != "string":
        return None
    if any(c.type == "interpolation" for c in node.children):
        return None
    return "".join(syntax.text(c) for c in node.children if c.type == "string_content")


def strings(node: Node | None) -> tuple[str, ...]:
    """The string literals of a list or tuple (or one string alone)."""
    if node is not None and node.type == "string":
        return (s,) if (s := string(node)) else ()
    return tuple(s for c in items(node) if (s := string(c)))


def dictionary(node: Node | None) -> dict[str, Node]:
    """A dict literal with string keys, as a mapping to its value nodes."""
    found = {}
    for pair in node.named_children if node is not None and node.type == "dictionary" else []:
        if pair.type == "pair" and (key := string(pair.child_by_field_name("key"))):
            value = pair.child_by_field_name("value")
            if value is not None:
                found[key] = value
    return found


def is_true(node: Node | None) -> bool:
    return node is not None and node.type == "true"


def is_false(node: Node | None) -> bool:
    return node is not None and node.type == "false"
