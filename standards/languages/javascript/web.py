"""Request handlers in JavaScript and TypeScript, and routes registered by reference.

Express, Koa-router, Fastify and Hono register a handler with a call
(`router.get("/users/:id", auth, async (req, res) => ...)`): an inline function is a
handler where it is written; a reference (`users.show`, an imported `listUsers`) is a
`Route` that linking resolves to the function it names. NestJS marks methods of a
`@Controller` class with `@Get`/`@Post`; Next.js handlers are found by file convention
(`app/**/route.ts` exports `GET`, `pages/api/**` exports a default function).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import replace
from posixpath import dirname

import tree_sitter

from standards.languages.javascript.definitions import (
    decorator_nodes,
    decorators,
    enclosing_class,
    parameters,
)
from standards.languages.javascript.imports import specifier
from standards.languages.syntax import end_line, line, text
from standards.model import Definition, DefinitionKind, FileFacts, Handler, Route

Node = tree_sitter.Node

VERBS = frozenset(["get", "post", "put", "patch", "delete", "del", "all", "options", "head"])
NEST_VERBS = frozenset(["Get", "Post", "Put", "Patch", "Delete", "All", "Options", "Head"])
NEXT_VERBS = frozenset(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
FUNCTIONS = frozenset(["arrow_function", "function_expression", "function"])
NEXT_ROUTE = re.compile(r"(?:^|/)app/(?:.*/)?route\.[cm]?[jt]sx?$")
NEXT_API = re.compile(r"(?:^|/)pages/api/")
ROUTES = re.compile(r"(?:^|/)routes/")
"""A folder of route files (medusa's `api/routes`): there a `next` parameter is a handler's."""
ROUTER = re.compile(r"router$", re.IGNORECASE)
"""A receiver named a router (`router`, `apiRouter`, `this.router`): koa-router takes a
route that is a name with no slash (Outline's `router.post("documents.list", ...)`)."""
REQUEST = frozenset(["req", "request"])
RESPONSE = frozenset(["res", "response", "reply"])
DEFAULT_EXPORTS = frozenset(["exports.default", "module.exports"])


def handlers(
    path: str, nodes: dict[str, list[Node]], defined: Sequence[Definition], branches: Counter[int]
) -> list[Handler]:
    found = [h for node in nodes["call"] for h in _inline(node, branches)]
    found += [h for node in nodes["function"] if (h := _nest(node, defined))]
    found += _next(path, defined)
    found += _default(path, nodes, branches)
    return found


def routes(nodes: dict[str, list[Node]]) -> Iterator[Route]:
    """Registrations whose handler is a reference, to resolve when the repo is linked."""
    for node in nodes["call"]:
        registered = _registration(node)
        if registered is None:
            continue
        verb, route, handler = registered
        if handler.type in ("identifier", "member_expression"):
            yield Route(text(handler), line(node), "express", route)


def register(facts: Sequence[FileFacts]) -> tuple[FileFacts, ...]:
    """Mark the functions that registered routes name as handlers, across files, and
    beside them (in their folders) the named functions shaped as handlers."""
    by_path = {f.path: f for f in facts}
    marked: dict[str, dict[str, Route]] = defaultdict(dict)
    for f in facts:
        for r in f.routes:
            target, name = _resolve(f, r.view)
            if target in by_path and name:
                marked[target].setdefault(name, r)
    folders = {dirname(path) for path in marked}
    return tuple(
        _with_handlers(f, marked.get(f.path, {}), dirname(f.path) in folders) for f in facts
    )


def takes_request(path: str, names: Sequence[str]) -> bool:
    """A handler's parameters: the request and the response, and a third (`next`) only in
    a routes folder, where middleware is none."""
    handler = len(names) >= 2 and names[0] in REQUEST and names[1] in RESPONSE
    return handler and (len(names) == 2 or bool(ROUTES.search(path)))


def _registration(node: Node) -> tuple[str, str, Node] | None:
    """(verb, route, handler node) of `x.get("/path", ..., handler)`; a route starts with /,
    or is any name given to a router."""
    function = node.child_by_field_name("function")
    arguments = node.child_by_field_name("arguments")
    if function is None or arguments is None or function.type != "member_expression":
        return None
    verb = text(function.child_by_field_name("property"))
    args = [a for a in arguments.named_children if a.type != "comment"]
    if verb not in VERBS or not args:
        return None
    route = specifier(args[0])
    receiver = function.child_by_field_name("object")
    if not route and (chain := _route_call(receiver)) is not None:
        route, args = specifier(_first_argument(chain)), [args[0], *args]
    routed = route.startswith("/") or route == "*" or bool(route and ROUTER.search(text(receiver)))
    if not routed or len(args) < 2:
        return None
    return verb, route, args[-1]


def _route_call(receiver: Node | None) -> Node | None:
    """The `x.route("/path")` call a verb is chained on, past the verbs before it
    (`router.route("/").post(auth, create).get(list)`)."""
    while receiver is not None and receiver.type == "call_expression":
        function = receiver.child_by_field_name("function")
        if function is None or function.type != "member_expression":
            return None
        name = text(function.child_by_field_name("property"))
        if name == "route":
            return receiver
        if name not in VERBS:
            return None
        receiver = function.child_by_field_name("object")
    return None


def _first_argument(node: Node) -> Node | None:
    arguments = node.child_by_field_name("arguments")
    return (
        arguments.named_children[0] if arguments is not None and arguments.named_children else None
    )


def _inline(node: Node, branches: Counter[int]) -> Iterator[Handler]:
    registered = _registration(node)
    if registered is None or registered[2].type not in FUNCTIONS:
        return
    verb, route, function = registered
    name = f"{verb.upper()} {route}"
    yield Handler(name, line(function), end_line(function), "express", route, branches[function.id])


def _nest(node: Node, defined: Sequence[Definition]) -> Handler | None:
    if node.type != "method_definition":
        return None
    cls = enclosing_class(node)
    verbs = [d for d in decorators(node) if d in NEST_VERBS]
    if cls is None or not verbs or "Controller" not in decorators(cls):
        return None
    name = text(node.child_by_field_name("name"))
    route = "/".join(
        p for p in (_decorator_path(cls, "Controller"), _decorator_path(node, verbs[0])) if p
    )
    definition = next((d for d in defined if d.line == line(node) and d.name == name), None)
    branches = definition.complexity - 1 if definition is not None else 0
    return Handler(name, line(node), end_line(node), "nestjs", "/" + route, branches)


def _decorator_path(node: Node, name: str) -> str:
    """The string argument of `@Name("path")` on a class or method, if any."""
    for decorator in decorator_nodes(node):
        call = decorator.named_children[0] if decorator.named_children else decorator
        if call.type == "call_expression" and text(call.child_by_field_name("function")) == name:
            return specifier(_first_argument(call)).strip("/")
    return ""


def _next(path: str, defined: Sequence[Definition]) -> list[Handler]:
    """Route handlers Next.js finds by file: exported verbs, or an API route's default."""
    if NEXT_ROUTE.search(path):
        chosen = [d for d in defined if d.exported and d.name in NEXT_VERBS and d.parent is None]
    elif NEXT_API.search(path):
        chosen = [d for d in defined if d.exported and d.kind is DefinitionKind.FUNCTION][:1]
    else:
        return []
    route = "/" + dirname(path).split("app/", 1)[-1] if NEXT_ROUTE.search(path) else None
    return [Handler(d.name, d.line, d.end_line, "nextjs", route, d.complexity - 1) for d in chosen]


def _default(path: str, nodes: dict[str, list[Node]], branches: Counter[int]) -> list[Handler]:
    """The default-exported function of a file that takes a request and a response:
    how file-based routers take a handler (`export default (req, res) => ...` in
    medusa's api/routes, as compiled `exports.default = function (req, res)`). A third
    `next` makes it middleware, unless the file sits in a routes folder."""
    if NEXT_API.search(path):
        return []
    found = []
    for function in _default_functions(nodes):
        if takes_request(path, parameters(function)):
            name = text(function.child_by_field_name("name")) or "default"
            folder = ROUTES.split(dirname(path) + "/")
            route = "/" + folder[-1].rstrip("/") if len(folder) > 1 else None
            at = (line(function), end_line(function))
            found.append(Handler(name, *at, "file", route, branches[function.id]))
    return found


def _default_functions(nodes: dict[str, list[Node]]) -> Iterator[Node]:
    """Functions a module exports as its default, ESM or CommonJS."""
    for node in nodes["export"]:
        if any(c.type == "default" for c in node.children):
            value = node.child_by_field_name("declaration") or node.child_by_field_name("value")
            if (function := _unwrapped(value)) is not None:
                yield function
    for node in nodes["assignment"]:
        exported = text(node.child_by_field_name("left")) in DEFAULT_EXPORTS
        if exported and (function := _unwrapped(node.child_by_field_name("right"))) is not None:
            yield function


def _unwrapped(node: Node | None) -> Node | None:
    """The function `node` is, inside any parentheses (`(function (req, res) {...})`)."""
    while node is not None and node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    is_function = node is not None and node.type in (*FUNCTIONS, "function_declaration")
    return node if is_function else None


def _resolve(f: FileFacts, view: str) -> tuple[str | None, str]:
    """(file, function name) a handler reference names, through the file's imports."""
    head, _, rest = view.partition(".")
    for item in f.imports:
        if head in item.bound:
            name = item.names[item.bound.index(head)]
            return item.target, rest or (name if name not in ("*", "default") else head)
    if not rest and any(d.name == head for d in f.definitions):
        return f.path, head
    return None, ""


def _with_handlers(f: FileFacts, routes_: dict[str, Route], beside: bool) -> FileFacts:
    """`f` with the functions routes name marked as handlers; in a folder of such files
    (`beside`), also a function shaped as one: an action whose route is new, or in a
    file a check of one file cannot read (node-express-boilerplate's controllers)."""
    known = {(h.line, h.name) for h in f.handlers}
    added = []
    for d in f.definitions:
        if (
            d.kind not in (DefinitionKind.FUNCTION, DefinitionKind.METHOD)
            or (d.line, d.name) in known
        ):
            continue
        if (r := routes_.get(d.name)) is not None:
            added.append(
                Handler(d.name, d.line, d.end_line, r.framework, r.route, d.complexity - 1)
            )
        elif beside and takes_request(f.path, d.parameters):
            added.append(Handler(d.name, d.line, d.end_line, "express", None, d.complexity - 1))
    return replace(f, handlers=tuple(sorted([*f.handlers, *added]))) if added else f
