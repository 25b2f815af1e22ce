"""TypeORM entities: their tables, relations and indexes, from decorators.

Read from TypeScript (`@Index() @Column() status`) and from the JavaScript TypeScript
compiles it to (`__decorate([(0, typeorm_1.Index)(), ...], Order.prototype, "status")`),
since packages often ship only the latter. `@PrimaryColumn`, `@Column({ unique: true })`,
`@Index`, `@Unique` index; `@ManyToOne` and `@OneToOne` are relations whose reference
column (`@JoinColumn({ name })`, else `<field>Id`) TypeORM indexes only for a one-to-one
(a unique constraint).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import tree_sitter

from standards.languages.javascript.imports import specifier
from standards.languages.syntax import line, text
from standards.model import Index, Table

Node = tree_sitter.Node

RELATIONS = frozenset(["ManyToOne", "OneToOne"])
LINKS = frozenset(["OneToMany", "ManyToMany"])
PRIMARY = frozenset(["PrimaryColumn", "PrimaryGeneratedColumn", "ObjectIdColumn"])


@dataclass
class Decorated:
    """One class's decorators: its own, and each property's, as (name, arguments, line)."""

    name: str
    line: int
    own: list[tuple[str, list[Node], int]] = field(default_factory=list)
    properties: dict[str, list[tuple[str, list[Node], int]]] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)


def entities(classes: list[Node], calls: list[Node]) -> Iterator[Table | Index]:
    """Tables and indexes of the TypeORM entities a file declares."""
    found: dict[str, Decorated] = {}
    for node in classes:
        _declared(node, found)
    for node in calls:
        _compiled(node, found)
    for decorated in found.values():
        yield from _entity(decorated)


def _declared(node: Node, found: dict[str, Decorated]) -> None:
    name = text(node.child_by_field_name("name"))
    body = node.child_by_field_name("body")
    if not name or body is None:
        return
    owner = (
        node.parent if node.parent is not None and node.parent.type == "export_statement" else node
    )
    own = [_decorator(d) for d in [*owner.children, *node.children] if d.type == "decorator"]
    entry = Decorated(name, line(node), [d for d in own if d])
    for member in body.named_children:
        if member.type != "public_field_definition":
            continue
        prop = text(member.child_by_field_name("name"))
        decorators = [_decorator(d) for d in member.children if d.type == "decorator"]
        entry.properties[prop] = [d for d in decorators if d]
        if text(member.child_by_field_name("type")).lstrip(": ") == "boolean":
            entry.flags.add(prop)
    if entry.own or any(entry.properties.values()):
        found[name] = entry


def _decorator(node: Node) -> tuple[str, list[Node], int] | None:
    call = node.named_children[0] if node.named_children else None
    if call is None or call.type != "call_expression":
        return None
    return _named_call(call)


def _named_call(call: Node) -> tuple[str, list[Node], int] | None:
    """`Index(...)`, `typeorm.Index(...)` or compiled `(0, typeorm_1.Index)(...)`."""
    function = text(call.child_by_field_name("function")).rstrip(")")
    name = function.rsplit(".", 1)[-1].rsplit(" ", 1)[-1]
    arguments = call.child_by_field_name("arguments")
    args = [a for a in (arguments.named_children if arguments else []) if a.type != "comment"]
    return (name, args, line(call)) if name.isidentifier() else None


def _compiled(node: Node, found: dict[str, Decorated]) -> None:
    """`__decorate([...], Order.prototype, "status", void 0)` or `__decorate([...], Order)`."""
    if text(node.child_by_field_name("function")) != "__decorate":
        return
    arguments = node.child_by_field_name("arguments")
    args = [a for a in (arguments.named_children if arguments else []) if a.type != "comment"]
    if len(args) < 2 or args[0].type != "array":
        return
    decorators = [
        d for c in args[0].named_children if c.type == "call_expression" and (d := _named_call(c))
    ]
    target = text(args[1])
    name = target.removesuffix(".prototype")
    entry = found.setdefault(name, Decorated(name, line(node)))
    if target.endswith(".prototype") and len(args) > 2 and args[2].type == "string":
        entry.properties.setdefault(specifier(args[2]), []).extend(decorators)
    elif args[1].type == "identifier":
        entry.own.extend(decorators)


def _entity(entry: Decorated) -> Iterator[Table | Index]:
    own = {name: (args, at) for name, args, at in entry.own}
    columns, relations, keys = [], [], []
    primary = False
    for prop, decorators in sorted(entry.properties.items()):
        names = {name for name, _, _ in decorators}
        for name, args, at in decorators:
            yield from _property_index(entry.name, prop, name, args, at)
            primary = primary or name in PRIMARY
            if name in RELATIONS | LINKS and (target := _target(args)):
                relations.append((prop, target))
            if name == "JoinColumn":
                column = _option(args, "name") or f"{prop}Id"
                keys.append(column)
                if "OneToOne" in names:  # a one-to-one reference is a unique constraint
                    yield Index(entry.name, (column,), at, unique=True, source="foreign-key")
        if any(n.endswith("Column") and n != "JoinColumn" for n in names):
            columns.append(prop)
        if any(_is_boolean(name, args) for name, args, _ in decorators):
            entry.flags.add(prop)
        if names & RELATIONS and "JoinColumn" not in names:
            keys.append(f"{prop}Id")
    if "Entity" not in own:
        if not columns:
            return
    elif not primary:  # every entity has a primary key; a base class declares it, as `id`
        yield Index(entry.name, ("id",), entry.line, unique=True, source="primary")
    for name, args, at in entry.own:
        yield from _class_index(entry.name, name, args, at)
    table = _entity_name(own["Entity"][0]) if "Entity" in own else None
    yield Table(
        model=entry.name,
        line=entry.line,
        table=table,
        orm="typeorm",
        columns=tuple(sorted(set(columns))),
        flags=tuple(sorted(entry.flags & set(columns))),
        relations=tuple(sorted(relations)),
        foreign_keys=tuple(sorted(set(keys))),
    )


def _property_index(model: str, prop: str, name: str, args: list[Node], at: int) -> Iterator[Index]:
    if name in PRIMARY:
        yield Index(model, (prop,), at, unique=True, source="primary")
    elif name == "Index":
        yield Index(
            model, (prop,), at, unique=_option(args, "unique") == "true", name=_string(args)
        )
    elif name.endswith("Column") and _option(args, "unique") == "true":
        yield Index(model, (prop,), at, unique=True)


def _class_index(model: str, name: str, args: list[Node], at: int) -> Iterator[Index]:
    """`@Index(["a", "b"])`, `@Index("name", ["a"], { unique: true })`, `@Unique([...])`."""
    if name not in ("Index", "Unique"):
        return
    columns = next(
        (
            tuple(specifier(c) for c in a.named_children if c.type == "string")
            for a in args
            if a.type == "array"
        ),
        (),
    )
    if columns:
        unique = name == "Unique" or _option(args, "unique") == "true"
        yield Index(model, columns, at, unique, "meta", name=_string(args))


def _is_boolean(name: str, args: list[Node]) -> bool:
    """`@Column("boolean")`, `@Column({ type: "boolean" })`, or compiled TypeScript's
    `__metadata("design:type", Boolean)`."""
    if name == "__metadata":
        return len(args) > 1 and text(args[1]) == "Boolean"
    kind = _string(args) or _option(args, "type") or ""
    return name.endswith("Column") and kind.strip("\"'") in ("boolean", "bool")


def _target(args: list[Node]) -> str | None:
    """The entity of `() => Customer`, or compiled `function () { return x.Customer; }`."""
    first = args[0] if args else None
    if first is None:
        return None
    if first.type == "string":
        return specifier(first) or None
    body = text(first.child_by_field_name("body")).strip("{} ;\n").removeprefix("return ").strip()
    last = body.rsplit(".", 1)[-1]
    return last if last.isidentifier() and last[:1].isupper() else None


def _option(args: list[Node], key: str) -> str | None:
    """The literal value of `key` in an options object among the arguments."""
    for arg in args:
        if arg.type != "object":
            continue
        for pair in arg.named_children:
            if pair.type == "pair" and text(pair.child_by_field_name("key")).strip("\"'") == key:
                value = pair.child_by_field_name("value")
                return (
                    specifier(value)
                    if value is not None and value.type == "string"
                    else text(value)
                )
    return None


def _string(args: list[Node]) -> str | None:
    return specifier(args[0]) if args and args[0].type == "string" else None


def _entity_name(args: list[Node]) -> str | None:
    return _string(args) or _option(args, "name")
