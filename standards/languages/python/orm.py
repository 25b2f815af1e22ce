"""ORM queries in Python source: Django managers and SQLAlchemy, found in call chains.

Which model and columns a query touches is what the index and controller analyzers need;
the call's receiver chain says which ORM it is (`Model.objects`, `Model.query`,
`session.query(Model)`, `select(Model)`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import tree_sitter

from standards.languages import syntax
from standards.model import Call

Node = tree_sitter.Node

DJANGO = frozenset(
    [
        "filter",
        "get",
        "exclude",
        "order_by",
        "values",
        "values_list",
        "update",
        "delete",
        "create",
        "get_or_create",
        "update_or_create",
        "aggregate",
        "annotate",
        "count",
        "exists",
        "first",
        "last",
        "all",
        "select_related",
        "prefetch_related",
        "only",
        "defer",
        "distinct",
        "in_bulk",
        "bulk_create",
        "bulk_update",
    ]
)
SQLALCHEMY = frozenset(
    [
        "filter",
        "filter_by",
        "where",
        "get",
        "all",
        "first",
        "one",
        "one_or_none",
        "order_by",
        "join",
        "count",
        "delete",
        "update",
        "scalar",
        "scalars",
        "limit",
        "offset",
        "group_by",
        "having",
    ]
)
SESSION = frozenset(
    [
        "add",
        "add_all",
        "commit",
        "delete",
        "execute",
        "flush",
        "merge",
        "query",
        "scalars",
        "scalar",
        "get",
    ]
)
FILTERS = frozenset(["filter", "filter_by", "where", "order_by", "exclude"])
"""Methods that filter a query a model's method or manager returned (`Post.drafts().filter`,
`Order.active.filter`)."""
MANAGER = re.compile(r"(Manager|QuerySet)\b")
NAME_ARGUMENTS = frozenset(["order_by", "distinct"])
"""Methods whose string arguments are columns a query sorts or groups by; `values` only
selects columns, which needs no index."""
WRITES = frozenset(
    ["create", "update", "bulk_create", "bulk_update", "annotate", "aggregate", "add", "merge"]
)
"""Methods whose keywords are values written or named, not columns queried."""
NOT_LOOKUPS = frozenset(["defaults", "create_defaults", "flat", "named", "synchronize_session"])
QUERY = f"""
((call function: (attribute attribute: (identifier) @method)) @query
 (#any-of? @method {" ".join(f'"{m}"' for m in sorted(DJANGO | SQLALCHEMY | SESSION | FILTERS))}))
"""
"""Only calls of a method some ORM queries with: the query engine skips the rest in C."""


def calls(nodes: list[Node]) -> Iterator[Call]:
    """An orm-query `Call` for every query: a chain (`Post.objects.filter(a=1).order_by("b")
    .first()`) is one query, the outermost call, with the columns of the whole chain."""
    found: dict[int, Call] = {}
    for node in nodes:
        function = node.child_by_field_name("function")
        method = syntax.text(function.child_by_field_name("attribute")) if function else ""
        receiver = function.child_by_field_name("object") if function else None
        if receiver is None:
            continue
        classified = _classify(method, receiver, node.child_by_field_name("arguments"))
        if classified is not None:
            kind, model = classified
            columns = tuple(sorted(set(_columns(node, method, model))))
            line = node.start_point[0] + 1
            found[node.id] = Call("orm-query", method, line, kind, model, columns)
    heads: dict[int, Call] = {}
    for node in nodes:
        if node.id in found:
            head = _head(node, found)
            heads[head] = _joined(heads.get(head, found[head]), found[node.id])
    yield from heads.values()


def _head(node: Node, found: dict[int, Call]) -> int:
    """The outermost query of the chain `node` is built into, by id."""
    head = node.id
    while (
        node.parent is not None
        and node.parent.type == "attribute"
        and node.parent.parent is not None
        and node.parent.parent.type == "call"
    ):
        node = node.parent.parent
        head = node.id if node.id in found else head
    return head


def _joined(head: Call, inner: Call) -> Call:
    """The chain's query with a call it is built from: its columns, and its model where
    the head names none (`session.query(User).filter(...).all()`)."""
    columns = tuple(sorted({*head.columns, *inner.columns}))
    return replace(head, model=head.model or inner.model, columns=columns)


def _classify(method: str, receiver: Node, arguments: Node | None) -> tuple[str, str | None] | None:
    """(receiver text, model) when `receiver.method(...)` is a query; None otherwise."""
    if method in SESSION and syntax.text(receiver).rsplit(".", 1)[-1].lower().endswith("session"):
        return (syntax.text(receiver), None) if _queries_rows(method, arguments) else None
    chain = list(_chain(receiver))
    if method in DJANGO and syntax.text(chain[-1]) in ("self", "super"):
        manager = _manager_class(receiver)
        if manager is not None:
            return syntax.text(receiver), manager
    for node in chain:
        if node.type == "attribute":
            attribute = syntax.text(node.child_by_field_name("attribute"))
            owner = node.child_by_field_name("object")
            if attribute == "objects" and method in DJANGO and owner is not None:
                return syntax.text(node), _last(owner)
            if attribute == "query" and method in SQLALCHEMY and owner is not None:
                named = syntax.text(owner)
                model = _enclosing_class(node) if named == "cls" else _last(owner)
                return syntax.text(node), model
        if node.type == "call" and method in SQLALCHEMY:
            model = _query_model(node)
            if model is not None:
                return syntax.text(node.child_by_field_name("function")), model
    root = chain[-1]
    if method in FILTERS and len(chain) > 1 and root.type == "identifier" and _is_class(root):
        return syntax.text(receiver), syntax.text(root)
    return None


def _is_class(node: Node) -> bool:
    name = syntax.text(node)
    return name[:1].isupper() and not name.isupper()


def _enclosing_class(node: Node) -> str | None:
    parent = node.parent
    while parent is not None and parent.type != "class_definition":
        parent = parent.parent
    return syntax.text(parent.child_by_field_name("name")) if parent is not None else None


def _manager_class(node: Node) -> str | None:
    """The Django manager or queryset class whose method this is: its queries on `self`
    are its model's, which the model's `objects = OrderQuerySet.as_manager()` names."""
    parent = node.parent
    while parent is not None and parent.type != "class_definition":
        parent = parent.parent
    bases = syntax.text(parent.child_by_field_name("superclasses")) if parent else ""
    return _enclosing_class(node) if MANAGER.search(bases) else None


def _queries_rows(method: str, arguments: Node | None) -> bool:
    """Whether a session's call reads or writes rows: SQLAlchemy's `get` takes the model
    first (`session.get(User, 1)`), where a web session (`request.session.get("key")`)
    and an HTTP one (`session.get(url)`) take a key or a URL; a string names no row,
    unless it is SQL for `execute`."""
    given = arguments.named_children if arguments is not None else []
    first = given[0] if given else None
    if first is not None and first.type == "string" and method != "execute":
        return False
    if method == "get":
        attribute = first is not None and first.type == "attribute"
        named = first.child_by_field_name("attribute") if attribute and first else first
        return named is not None and named.type == "identifier" and _is_class(named)
    return True


def _chain(node: Node | None) -> Iterator[Node]:
    """The receiver and what it was built from: `a.b(x).c` yields `a.b(x).c`, `a.b(x)`, ..."""
    while node is not None:
        yield node
        if node.type == "call":
            node = node.child_by_field_name("function")
        elif node.type == "attribute":
            node = node.child_by_field_name("object")
        else:
            return


def _query_model(call: Node) -> str | None:
    """The model of `session.query(Model)` or `select(Model)`."""
    function = call.child_by_field_name("function")
    name = syntax.text(function).rsplit(".", 1)[-1]
    arguments = call.child_by_field_name("arguments")
    if name not in ("query", "select") or arguments is None or not arguments.named_children:
        return None
    first = arguments.named_children[0]
    return _last(first) if first.type in ("identifier", "attribute") else None


def _columns(call: Node, method: str, model: str | None) -> Iterator[str]:
    """The columns a query filters or orders by, Django lookups whole (`customer__email`)
    so they can be followed into related models; values a call writes are not queried."""
    if method in WRITES:
        return
    arguments = call.child_by_field_name("arguments")
    for argument in arguments.named_children if arguments else []:
        if argument.type == "keyword_argument":
            name = syntax.text(argument.child_by_field_name("name"))
            if name not in NOT_LOOKUPS:
                yield name
        elif argument.type == "string" and method in NAME_ARGUMENTS:
            content = "".join(
                syntax.text(c) for c in argument.children if c.type == "string_content"
            )
            if content and content != "?":
                yield content.lstrip("-")
        elif argument.type in ("call", "binary_operator", "unary_operator"):
            yield from _lookups(argument)
        if model is not None and argument.type != "keyword_argument":
            yield from _model_attributes(argument, model)


def _lookups(node: Node) -> Iterator[str]:
    """Keyword lookups inside `Q(...)` objects, however they are combined."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "call" and syntax.text(current.child_by_field_name("function")) == "Q":
            arguments = current.child_by_field_name("arguments")
            for argument in arguments.named_children if arguments else []:
                if argument.type == "keyword_argument":
                    yield syntax.text(argument.child_by_field_name("name"))
                else:
                    stack.append(argument)
        elif current.type in ("binary_operator", "unary_operator", "parenthesized_expression"):
            stack.extend(current.named_children)


def _model_attributes(node: Node, model: str) -> Iterator[str]:
    """Columns named as `Model.column` anywhere inside a filter expression."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "attribute" and syntax.text(current.child_by_field_name("object")) in (
            model,
            "cls",
        ):
            yield syntax.text(current.child_by_field_name("attribute"))
        else:
            stack.extend(current.named_children)


def _last(node: Node) -> str:
    return syntax.text(node).rsplit(".", 1)[-1]
