"""Views registered by a call, not a decorator: Django's `path()` and Flask's `add_url_rule`.

A decorator marks its handler where it is defined; a registration in `urls.py` marks a
view in another file. Parsing records each registration as written (`Route`); linking
resolves it through the registering file's imports and marks the view's function, or
the HTTP methods of its class, as handlers. Functions that look like views (a first
`request` parameter) stay handlers even when no registration is found, so a new view
is checked before it is wired up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence, Set
from dataclasses import replace
from posixpath import basename, dirname

import tree_sitter

from standards.languages import syntax
from standards.model import Definition, DefinitionKind, FileFacts, Handler, Import, Route

Node = tree_sitter.Node

QUERY = """
((call function: [(identifier) @fn (attribute attribute: (identifier) @fn)]) @registration
 (#any-of? @fn "path" "re_path" "url" "add_url_rule"))
"""
FRAMEWORKS = {
    "path": "django-urls",
    "re_path": "django-urls",
    "url": "django-urls",
    "add_url_rule": "flask-url-rule",
}
HTTP_METHODS = frozenset(
    ["get", "post", "put", "patch", "delete", "head", "options"]
    + ["list", "create", "retrieve", "update", "partial_update", "destroy", "dispatch_request"]
)
"""Methods of a view class that answer requests (Django, DRF viewsets, Flask MethodView)."""


def registrations(calls: list[Node]) -> Iterator[Route]:
    """The registrations among `calls` whose view is a plain reference, not an `include`."""
    for call in calls:
        function = call.child_by_field_name("function")
        arguments = call.child_by_field_name("arguments")
        if function is None or arguments is None:
            continue
        name = syntax.text(function).rsplit(".", 1)[-1]
        positional = [a for a in arguments.named_children if a.type != "keyword_argument"]
        keywords = {
            syntax.text(a.child_by_field_name("name")): a.child_by_field_name("value")
            for a in arguments.named_children
            if a.type == "keyword_argument"
        }
        index = 2 if name == "add_url_rule" else 1
        key = "view_func" if name == "add_url_rule" else "view"
        view = positional[index] if len(positional) > index else keywords.get(key)
        reference = _reference(view)
        if reference:
            route = positional[0] if positional and positional[0].type == "string" else None
            yield Route(reference, call.start_point[0] + 1, FRAMEWORKS[name], _string(route))


def register(facts: Sequence[FileFacts]) -> tuple[FileFacts, ...]:
    """Facts with every resolvable registered view marked as a handler in its own file."""
    by_path = {f.path: f for f in facts}
    found: dict[str, list[tuple[str, Route]]] = defaultdict(list)
    for f in facts:
        for route in f.routes:
            target = _resolve(f, route.view, by_path.keys())
            if target is not None and target[0] in by_path:
                found[target[0]].append((target[1], route))
    return tuple(_with_handlers(f, found[f.path]) if f.path in found else f for f in facts)


def handler(definition: Definition, framework: str, route: str | None) -> Handler:
    name = f"{definition.parent}.{definition.name}" if definition.parent else definition.name
    return Handler(
        name,
        definition.line,
        definition.end_line,
        framework,
        route,
        definition.complexity - 1,
    )


def _reference(node: Node | None) -> str | None:
    """`views.index` and `index` as written; `views.Orders.as_view(...)` as `views.Orders`."""
    if node is None:
        return None
    if node.type == "call":
        function = node.child_by_field_name("function")
        if (
            function is None
            or function.type != "attribute"
            or not syntax.text(function).endswith(".as_view")
        ):
            return None
        node = function.child_by_field_name("object")
    if node is None or node.type not in ("identifier", "attribute"):
        return None
    return syntax.text(node)


def _resolve(facts: FileFacts, view: str, files: Set[str]) -> tuple[str, str] | None:
    """(file, top-level name) that `view` names from inside `facts`' file."""
    head, _, rest = view.partition(".")
    if not rest and _defines(facts, head):
        return facts.path, head
    for item in facts.imports:
        if item.target is None:
            continue
        if head in item.bound:
            name = item.names[item.bound.index(head)]
            package, folder = _package(item)
            module = _module(folder, name, files)
            if module and rest and "." not in rest:
                return module, rest
            if not module and not rest:
                return package, name
        if not item.names and view.startswith(item.module + "."):
            remainder = view[len(item.module) + 1 :]
            if "." not in remainder:
                return item.target, remainder
    return None


def _package(item: Import) -> tuple[str, str | None]:
    """For `from X import a, b`: the file X is, and the folder its submodules live in.

    An import's target is the first name when that name is a submodule, so the package
    is then the folder around it.
    """
    target = str(item.target)
    folder = dirname(target)
    if basename(target) == "__init__.py":
        if basename(folder) in item.names:
            parent = dirname(folder)
            return f"{parent}/__init__.py" if parent else "__init__.py", parent
        return target, folder
    if basename(target).removesuffix(".py") in item.names:
        return f"{folder}/__init__.py" if folder else "__init__.py", folder
    return target, None


def _module(folder: str | None, name: str, files: Set[str]) -> str | None:
    if folder is None:
        return None
    base = f"{folder}/{name}" if folder else name
    return next((p for p in (f"{base}.py", f"{base}/__init__.py") if p in files), None)


def _defines(facts: FileFacts, name: str) -> bool:
    return any(d.name == name and d.parent is None for d in facts.definitions)


def _with_handlers(facts: FileFacts, views: list[tuple[str, Route]]) -> FileFacts:
    routes: dict[str, Route] = {}
    for name, registered in sorted(views, key=lambda v: (v[0], v[1].line, v[1].view)):
        routes.setdefault(name, registered)
    handlers = {h.line: h for h in facts.handlers}
    for d in facts.definitions:
        route = _route_for(d, routes)
        if route is None:
            continue
        known = handlers.get(d.line)
        if known is None:
            handlers[d.line] = handler(d, route.framework, route.route)
        elif known.route is None:
            handlers[d.line] = replace(known, route=route.route)
    return replace(facts, handlers=tuple(sorted(handlers.values())))


def _route_for(d: Definition, routes: Mapping[str, Route]) -> Route | None:
    if d.kind is DefinitionKind.FUNCTION and d.parent is None:
        return routes.get(d.name)
    if d.kind is DefinitionKind.METHOD and d.name in HTTP_METHODS and d.parent:
        return routes.get(d.parent)
    return None


def _string(node: Node | None) -> str | None:
    if node is None:
        return None
    return "".join(syntax.text(c) for c in node.children if c.type == "string_content")
