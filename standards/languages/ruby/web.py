"""Rails request handlers and the routes that reach them.

A handler is a public instance method of a controller class (`*Controller` in a
controllers folder): Rails routes to actions by name, so every public method is one.
`config/routes.rb` is read where it is plain (`resources :users`, `get "x", to: "c#a"`,
inside `namespace`/`scope module:`), and linking marks each handler with its route.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

import tree_sitter

from standards.languages.ruby.imports import string_value
from standards.languages.syntax import line, text
from standards.model import Definition, DefinitionKind, FileFacts, Handler, Route

Node = tree_sitter.Node

ROUTES_FILE = "config/routes.rb"
VERBS = frozenset(["get", "post", "put", "patch", "delete", "match"])
RESOURCES = {
    "index": "",
    "create": "",
    "new": "/new",
    "show": "/:id",
    "edit": "/:id/edit",
    "update": "/:id",
    "destroy": "/:id",
}
NAMESPACES = frozenset(["namespace", "scope"])


def handlers(path: str, defined: Sequence[Definition]) -> list[Handler]:
    """Public instance methods of the controllers a controllers folder defines."""
    if "controllers/" not in path:
        return []
    controllers = {d.name for d in defined if d.kind is DefinitionKind.CLASS}
    return [
        Handler(d.name, d.line, d.end_line, "rails", None, d.complexity - 1)
        for d in defined
        if d.kind is DefinitionKind.METHOD
        and d.parent in controllers
        and d.parent.endswith("Controller")
        and d.visibility == "public"
        and not d.decorators
    ]


def routes(path: str, calls: list[Node]) -> Iterator[Route]:
    """Plain routes of `config/routes.rb`, as `controller#action` with their path."""
    if not path.endswith(ROUTES_FILE):
        return
    for node in calls:
        method = text(node.child_by_field_name("method"))
        if node.child_by_field_name("receiver") is not None:
            continue
        if method in VERBS:
            yield from _verb(node, method)
        elif method in ("resources", "resource"):
            yield from _resources(node)


def link(facts: Sequence[FileFacts]) -> tuple[FileFacts, ...]:
    """Handlers marked with the route `config/routes.rb` gives their controller#action;
    the public methods of a controller others derive from (`ApplicationController`'s
    `current_organization`, `not_found!`) are no actions unless a route names them."""
    table = {r.view: r for f in facts if f.path.endswith(ROUTES_FILE) for r in f.routes}
    bases = _bases(facts)
    return tuple(_routed(f, table, bases) if f.handlers else f for f in facts)


def shared(facts: Sequence[FileFacts]) -> dict[str, list[str]]:
    """Each controller others derive from -> its actions (the public methods routes
    name), for a check that reads one file and cannot tell."""
    bases = _bases(facts)
    found: dict[str, list[str]] = {}
    for f in facts:
        actions = {(h.line, h.name) for h in f.handlers}
        for d in f.definitions:
            if d.kind is DefinitionKind.CLASS and d.name in bases:
                found[d.name] = sorted(
                    m.name
                    for m in f.definitions
                    if m.parent == d.name and (m.line, m.name) in actions
                )
    return dict(sorted(found.items()))


def _bases(facts: Sequence[FileFacts]) -> set[str]:
    """The classes controllers derive from, by their own name (`Admin::BaseController`
    is `BaseController`)."""
    return {
        base.rsplit("::", 1)[-1]
        for f in facts
        if f.handlers
        for d in f.definitions
        if d.kind is DefinitionKind.CLASS
        for base in d.bases
    }


def _routed(f: FileFacts, table: dict[str, Route], bases: set[str]) -> FileFacts:
    controller = f.path.split("controllers/", 1)[-1].removesuffix("_controller.rb")
    shared = {(d.line, d.name) for d in f.definitions if d.parent in bases}
    marked = []
    for h in f.handlers:
        route = table.get(f"{controller}#{h.name}")
        if route is not None:
            marked.append(replace(h, route=route.route))
        elif (h.line, h.name) not in shared:
            marked.append(h)
    return replace(f, handlers=tuple(marked))


def _prefix(node: Node) -> tuple[str, str]:
    """(URL prefix, controller folder) of the `namespace`/`scope module:` blocks around."""
    url: list[str] = []
    module: list[str] = []
    parent = node.parent
    while parent is not None:
        if parent.type == "call" and text(parent.child_by_field_name("method")) in NAMESPACES:
            name = _symbol_or_string(_arguments(parent)[:1])
            if text(parent.child_by_field_name("method")) == "namespace" and name:
                url.insert(0, name)
                module.insert(0, name)
            elif (folder := _option(parent, "module")) is not None:
                module.insert(0, folder)
        parent = parent.parent
    return "".join(f"/{u}" for u in url), "".join(f"{m}/" for m in module)


def _verb(node: Node, method: str) -> Iterator[Route]:
    arguments = _arguments(node)
    target = _option(node, "to")
    if target is None and arguments and arguments[0].type == "pair":
        target = string_value(arguments[0].child_by_field_name("value"))
    route = _symbol_or_string(arguments[:1])
    if target and "#" in target and route is not None:
        url, module = _prefix(node)
        yield Route(module + target, line(node), "rails", f"{url}/{route.lstrip('/')}")


def _resources(node: Node) -> Iterator[Route]:
    name = _symbol_or_string(_arguments(node)[:1])
    if not name:
        return
    url, module = _prefix(node)
    only = _option_list(node, "only")
    for action, suffix in RESOURCES.items():
        if only is None or action in only:
            yield Route(f"{module}{name}#{action}", line(node), "rails", f"{url}/{name}{suffix}")


def _arguments(node: Node) -> list[Node]:
    arguments = node.child_by_field_name("arguments")
    return [c for c in arguments.named_children if c.type != "comment"] if arguments else []


def _symbol_or_string(nodes: list[Node]) -> str | None:
    if not nodes:
        return None
    node = nodes[0]
    if node.type == "simple_symbol":
        return text(node)[1:]
    return string_value(node)


def _option(node: Node, key: str) -> str | None:
    for argument in _arguments(node):
        if argument.type == "pair" and text(argument.child_by_field_name("key")).strip(":") == key:
            value = argument.child_by_field_name("value")
            return _symbol_or_string([value]) if value is not None else None
    return None


def _option_list(node: Node, key: str) -> set[str] | None:
    for argument in _arguments(node):
        if argument.type == "pair" and text(argument.child_by_field_name("key")).strip(":") == key:
            value = argument.child_by_field_name("value")
            if value is not None and value.type in ("symbol_array", "string_array"):
                return {text(item) for item in value.named_children}
            items = value.named_children if value is not None and value.type == "array" else [value]
            return {s for item in items if item and (s := _symbol_or_string([item]))}
    return None
