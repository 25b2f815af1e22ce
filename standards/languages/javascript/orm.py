"""ORM queries in JavaScript and TypeScript, with the model and columns they touch.

The call's shape says which ORM it is: `prisma.user.findMany({ where })` (a client, a
model, a Prisma method); `User.findAll({ where })` and `User.find({ email })` (Sequelize
and Mongoose, on a PascalCase model); `repo.findOneBy({ email })` and
`createQueryBuilder("u").where("u.email = :email")` (TypeORM); `knex("users").where(...)`.
A call is only taken for a query when the shape is plain, to keep false findings rare.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

import tree_sitter

from standards.languages.javascript.imports import specifier
from standards.languages.syntax import line, text
from standards.model import Call, DefinitionKind, FileFacts

Node = tree_sitter.Node

PRISMA = frozenset(
    [
        "findMany",
        "findFirst",
        "findFirstOrThrow",
        "findUnique",
        "findUniqueOrThrow",
        "count",
        "aggregate",
        "groupBy",
        "update",
        "updateMany",
        "delete",
        "deleteMany",
        "upsert",
        "create",
        "createMany",
    ]
)
PRISMA_CLIENTS = frozenset(["prisma", "db", "tx", "client", "prismaClient"])
MODEL_METHODS = frozenset(
    [
        "findAll",
        "findOne",
        "findByPk",
        "findAndCountAll",
        "findOrCreate",
        "count",
        "create",
        "bulkCreate",
        "upsert",
        "destroy",
        "update",
        "find",
        "findById",
        "countDocuments",
        "exists",
        "insertMany",
        "updateOne",
        "updateMany",
        "deleteOne",
        "deleteMany",
        "findOneAndUpdate",
        "findOneAndDelete",
        "aggregate",
    ]
)
"""Sequelize and Mongoose methods called on a model class."""
REPOSITORY = frozenset(
    [
        "find",
        "findOne",
        "findBy",
        "findOneBy",
        "findAndCount",
        "findAndCountBy",
        "count",
        "countBy",
        "exist",
        "exists",
        "existsBy",
        "findOneOrFail",
        "findOneByOrFail",
        "delete",
        "update",
    ]
)
NOT_MODELS = (
    *("Service", "Controller", "Helper", "Manager", "Client", "Api", "Store", "Cache"),
    "Factory",  # NestFactory.create(AppModule) makes an application
)
"""Role words that name classes other than models, whose `find` is not a query."""
BUILTINS = frozenset(
    ["Object", "Array", "Promise", "Reflect", "Date", "Number", "String", "Symbol", "Map"]
    + ["Set", "WeakMap", "Error", "Buffer", "Intl", "Proxy", "BigInt", "Atomics", "Math"]
)
"""JavaScript's own globals: `Object.create(proto)` (in every compiled file) makes no row."""
BROWSER = frozenset(["react", "vue", "@angular/core", "svelte", "preact", "solid-js", "lit"])
"""Packages of an app that runs in the browser."""
DATABASES = frozenset(
    ["sequelize", "sequelize-typescript", "@nestjs/sequelize", "mongoose", "@nestjs/mongoose"]
    + ["@typegoose/typegoose", "typeorm", "@nestjs/typeorm", "objection", "bookshelf"]
    + ["waterline", "sails", "dynamoose", "@mikro-orm/core", "@adonisjs/lucid", "ottoman"]
    + ["loopback-datasource-juggler", "@loopback/repository", "@prisma/client", "prisma"]
    + ["knex", "mongodb", "pg", "mysql", "mysql2", "sqlite3", "better-sqlite3"]
)
"""ORMs, ODMs and database drivers: a package with one of them may well query."""
KNEX = frozenset(["knex", "db", "trx"])
BUILDER = frozenset(
    [
        "where",
        "andWhere",
        "orWhere",
        "whereIn",
        "whereNot",
        "orderBy",
        "groupBy",
        "having",
        "andHaving",
    ]
)
OPTIONS = frozenset(
    [
        "attributes",
        "include",
        "order",
        "limit",
        "offset",
        "raw",
        "transaction",
        "select",
        "relations",
        "take",
        "skip",
        "lean",
        "populate",
        "projection",
        "sort",
        "paranoid",
        "group",
    ]
)
"""Keys of a query's options object that are not columns."""
ALIASED = re.compile(r"\b[A-Za-z_]\w*\.([A-Za-z_]\w*)\s*(?:=|<|>|!=|\bIN\b|\bLIKE\b|\bIS\b)", re.I)
BARE = re.compile(r"\b([A-Za-z_]\w*)\s*(?:=|<|>|!=|\bIN\b|\bLIKE\b|\bIS\b)", re.I)


def own(facts: Sequence[FileFacts]) -> frozenset[str]:
    """Names that are the repo's own: its classes, and what it imports from its files."""
    found = {d.name for f in facts for d in f.definitions if d.kind is DefinitionKind.CLASS}
    found.update(b for f in facts for i in f.imports if i.target or i.relative for b in i.bound)
    return frozenset(found)


def packaged(facts: FileFacts, own: frozenset[str]) -> list[str]:
    """Model-like names the file imports from packages, none of them the repo's own: a
    library's classes, whose `create` or `find` is no query (prosemirror's
    `TextSelection.create()` made 801 of Outline's queries)."""
    found = (b for i in facts.imports if i.target is None and not i.relative for b in i.bound)
    return sorted({b for b in found if b not in own and model_like(b)})


def own_models(facts: FileFacts, own: frozenset[str], browser: bool) -> FileFacts:
    """`facts` without the model calls made on classes imported from packages, or on any
    name in a `browser` app's package, whose `Destination.create()` calls its API client."""
    names = packaged(facts, own)
    kept = tuple(
        c for c in facts.calls if c.model != c.receiver or not browser and c.receiver not in names
    )
    return facts if len(kept) == len(facts.calls) else replace(facts, calls=kept)


def browser_app(manifest: Mapping[str, object] | None) -> bool:
    """A package.json that depends on a browser UI framework and on no ORM or ODM: its
    PascalCase `Model.find()` and `Model.create()` calls reach no database."""
    if manifest is None:
        return False
    kinds = ("dependencies", "devDependencies", "peerDependencies")
    named = {n for k in kinds if isinstance(d := manifest.get(k), dict) for n in d}
    return bool(named & BROWSER) and not named & DATABASES


def model_like(name: str) -> bool:
    """A name a Sequelize or Mongoose model could have: PascalCase, no role word, not
    one of JavaScript's globals."""
    capital = name[:1].isupper() and not name.isupper()
    return capital and not name.endswith(NOT_MODELS) and name not in BUILTINS


def calls(nodes: list[Node]) -> Iterator[Call]:
    for node in nodes:
        if node.type == "call_expression" and (found := _query(node)):
            yield found


def _query(node: Node) -> Call | None:
    function = node.child_by_field_name("function")
    if function is None or function.type != "member_expression":
        return None
    method = text(function.child_by_field_name("property"))
    receiver = function.child_by_field_name("object")
    if receiver is None:
        return None
    args = _arguments(node)
    return (
        _prisma(node, method, receiver, args)
        or _model(node, method, receiver, args)
        or _repository(node, method, receiver, args)
        or _builder(node, method, receiver, args)
    )


def _arguments(node: Node) -> list[Node]:
    arguments = node.child_by_field_name("arguments")
    return [] if arguments is None else [c for c in arguments.named_children if c.type != "comment"]


def _call(node: Node, method: str, receiver: Node, model: str | None, columns: list[str]) -> Call:
    ordered = tuple(dict.fromkeys(c for c in columns if c))
    return Call("orm-query", method, line(node), text(receiver), model, ordered)


def _prisma(node: Node, method: str, receiver: Node, args: list[Node]) -> Call | None:
    if method not in PRISMA or receiver.type != "member_expression":
        return None
    client = receiver.child_by_field_name("object")
    name = text(client).removeprefix("this.")
    if client is None or name.rsplit(".", 1)[-1] not in PRISMA_CLIENTS:
        return None
    model = text(receiver.child_by_field_name("property"))
    options = args[0] if args and args[0].type == "object" else None
    columns = _paths(_value(options, "where")) + _keys(_value(options, "orderBy"))
    return _call(node, method, receiver, model, columns)


def _paths(where: Node | None) -> list[str]:
    """Keys of a Prisma or TypeORM `where`, one level into nested filters as
    `author__email`, the way a relation is followed (`{ gte: x }` ends at its field)."""
    found = []
    for key in _keys(where):
        nested = _keys(_value(where, key))
        found.extend([f"{key}__{n}" for n in nested] or [key])
    return found


def _model(node: Node, method: str, receiver: Node, args: list[Node]) -> Call | None:
    """Sequelize's `Model.findAll({ where })` or Mongoose's `Model.find({ email })`."""
    if method not in MODEL_METHODS or receiver.type != "identifier":
        return None
    model = text(receiver)
    if not model_like(model):
        return None
    first = args[0] if args else None
    if method in ("findByPk", "findById"):
        return _call(node, method, receiver, model, ["id" if method == "findByPk" else "_id"])
    where = _value(first, "where")
    columns = _keys(where) if where is not None else [k for k in _keys(first) if k not in OPTIONS]
    return _call(node, method, receiver, model, columns)


def _repository(node: Node, method: str, receiver: Node, args: list[Node]) -> Call | None:
    """TypeORM: a repository (`usersRepository`, `getRepository(User)`) and its finders."""
    if method not in REPOSITORY:
        return None
    name = text(receiver).rsplit(".", 1)[-1]
    model = _repository_model(receiver)
    if model is None and not name.lower().endswith(("repository", "repo")):
        return None
    first = args[0] if args else None
    where = _value(first, "where")
    columns = (
        _paths(where)
        if method not in ("findBy", "findOneBy", "countBy", "existsBy")
        else _paths(first)
    )
    return _call(node, method, receiver, model, columns + _keys(_value(first, "order")))


def _repository_model(receiver: Node) -> str | None:
    if receiver.type != "call_expression":
        return None
    function = text(receiver.child_by_field_name("function")).rsplit(".", 1)[-1]
    args = _arguments(receiver)
    if function == "getRepository" and args:
        return text(args[0])
    return None


def _builder(node: Node, method: str, receiver: Node, args: list[Node]) -> Call | None:
    """`.where(...)` on a Knex table (`knex("users")`) or a TypeORM query builder."""
    if method not in BUILDER:
        return None
    root = _chain_root(receiver)
    if root is None:
        return None
    model, aliased = root
    first = args[0] if args else None
    if first is not None and first.type == "object":
        columns = _keys(first)
    elif first is not None and first.type in ("string", "template_string"):
        literal = specifier(first)
        pattern = ALIASED if aliased else BARE
        columns = pattern.findall(literal) or ([literal] if re.fullmatch(r"\w+", literal) else [])
    else:
        columns = []
    return _call(node, method, receiver, model, columns)


def _chain_root(node: Node) -> tuple[str | None, bool] | None:
    """(model, columns-are-aliased) of the builder a chain starts from, if it is one."""
    while node.type == "call_expression":
        function = node.child_by_field_name("function")
        if function is None:
            return None
        if function.type == "identifier" and text(function) in KNEX:
            args = _arguments(node)
            return (specifier(args[0]) or None if args else None), False
        if function.type == "member_expression":
            if text(function.child_by_field_name("property")) == "createQueryBuilder":
                return _repository_model(function.child_by_field_name("object") or node), True
            node = function.child_by_field_name("object") or node
            continue
        return None
    return None


def _value(node: Node | None, key: str) -> Node | None:
    """The value of `key` in an object literal."""
    if node is None or node.type != "object":
        return None
    for item in node.named_children:
        if item.type == "pair" and _key_text(item.child_by_field_name("key")) == key:
            return item.child_by_field_name("value")
    return None


def _keys(node: Node | None) -> list[str]:
    """Top-level keys of an object literal, skipping operators such as `$or` or `OR`."""
    if node is None or node.type != "object":
        return []
    found = []
    for item in node.named_children:
        if item.type == "shorthand_property_identifier":
            found.append(text(item))
        elif item.type == "pair":
            found.append(_key_text(item.child_by_field_name("key")))
    return [k for k in found if k and not k.startswith("$") and k not in ("AND", "OR", "NOT")]


def _key_text(node: Node | None) -> str:
    if node is None:
        return ""
    return specifier(node) if node.type == "string" else text(node)
