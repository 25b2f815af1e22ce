"""ActiveRecord queries in Ruby source, with the model and columns they touch.

A query is a call of a query method on a model constant (`User.where(...)`), on a chain
that starts with one (`User.active.order(:name)`), or, inside a model, on the model
itself (a scope's body, `where(...)` in a class method). Methods only ActiveRecord has
(`where`, `find_by`, `pluck`, ...) count on any receiver (`@project.issues.where`),
with no model. Columns are read where they are literal: hash keys, symbols, the columns
a SQL fragment compares, and dynamic finders (`find_by_email`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import tree_sitter

from standards.languages.ruby.definitions import enclosing, scope_name
from standards.languages.ruby.imports import string_value
from standards.languages.syntax import line, text
from standards.model import Call

Node = tree_sitter.Node

DISTINCT = frozenset(
    [
        "where",
        "rewhere",
        "find_by",
        "find_by!",
        "find_or_create_by",
        "find_or_create_by!",
        "find_or_initialize_by",
        "pluck",
        "order",
        "reorder",
        "exists?",
        "includes",
        "joins",
        "left_joins",
        "left_outer_joins",
        "preload",
        "eager_load",
        "find_each",
        "find_in_batches",
        "in_batches",
        "update_all",
        "delete_all",
        "destroy_all",
        "group",
        "having",
        "distinct",
        "unscoped",
    ]
)
"""Query methods no other common receiver has: queries wherever they are called."""
ON_MODEL = DISTINCT | frozenset(
    ["find", "first", "last", "all", "count", "sum", "create", "create!", "limit", "select"]
)
"""Query methods that are queries only on a model (arrays have `first` and `count` too)."""
FINDER = re.compile(r"find_(?:all_)?by_(\w+?)!?$")
SQL_COLUMN = re.compile(
    r"(?:\w+\.)?(\w+)\s*(?:=|<>|!=|<=|>=|<|>|\bIN\b|\bLIKE\b|\bIS\b|\bBETWEEN\b)", re.IGNORECASE
)
COLUMN_METHODS = frozenset(["where", "rewhere", "find_by", "find_by!", "order", "reorder"])
COLUMN_METHODS |= frozenset(
    ["pluck", "group", "exists?", "find_or_create_by", "find_or_create_by!"]
)
SQL_LITERALS = frozenset(["string", "chained_string", "heredoc_beginning"])
SQL_WORDS = frozenset(["and", "or", "not", "null", "asc", "desc", "in", "is", "like"])
NOT_MODELS = frozenset(["Rails", "ActiveRecord", "File", "Dir", "Time", "Date", "DateTime"])


def calls(nodes: list[Node]) -> Iterator[Call]:
    for node in nodes:
        if found := _query(node):
            yield found


def _query(node: Node) -> Call | None:
    method = text(node.child_by_field_name("method"))
    receiver = node.child_by_field_name("receiver")
    finder = FINDER.match(method)
    if method not in ON_MODEL and finder is None:
        return None
    if receiver is None and method not in DISTINCT and finder is None:
        return None
    model = _model(receiver, node)
    if not model and (method not in DISTINCT or receiver is None):
        return None
    columns = finder.group(1).split("_and_") if finder else _columns(method, node)
    return Call("orm-query", method, line(node), text(receiver), model or None, tuple(columns))


def _model(receiver: Node | None, node: Node) -> str | None:
    """The model a chain starts from; "" for a chain that starts elsewhere."""
    if receiver is None:
        scope = enclosing(node)
        in_model = scope is not None and scope.type == "class"
        return scope_name(scope) if in_model and _in_class_body(node) else None
    while receiver.type == "call" and (inner := receiver.child_by_field_name("receiver")):
        receiver = inner
    if receiver.type == "call":
        return _model(None, receiver) or ""
    if receiver.type in ("constant", "scope_resolution"):
        name = text(receiver).split("::")[-1]
        return name if name not in NOT_MODELS else None
    return ""


def _in_class_body(node: Node) -> bool:
    """Whether `node` runs on the class itself: in a scope's body or a class method."""
    parent = node.parent
    while parent is not None and parent.type not in ("class", "method"):
        if parent.type in ("singleton_method", "singleton_class", "lambda"):
            return True
        parent = parent.parent
    return False


def _columns(method: str, node: Node) -> list[str]:
    if method not in COLUMN_METHODS:
        return []
    arguments = node.child_by_field_name("arguments")
    found: list[str] = []
    given = arguments.named_children if arguments is not None else []
    sql = bool(given) and given[0].type in SQL_LITERALS  # then pairs bind its `:names`
    for argument in given:
        if argument.type == "pair" and not sql:
            found.append(_key(argument.child_by_field_name("key")))
        elif argument.type == "simple_symbol":
            found.append(text(argument)[1:])
        elif (literal := string_value(argument)) is not None:
            found += [c for c in SQL_COLUMN.findall(literal) if c.lower() not in SQL_WORDS]
            if re.fullmatch(r"\w+(?:\s+(?:asc|desc))?", literal, re.IGNORECASE):
                found.append(literal.split()[0])
    return list(dict.fromkeys(c for c in found if c))


def _key(node: Node | None) -> str:
    if node is None:
        return ""
    if node.type == "hash_key_symbol":
        return text(node)
    if node.type == "simple_symbol":
        return text(node)[1:]
    return string_value(node) or ""
