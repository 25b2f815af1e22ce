"""Named things a Ruby file defines: classes and modules (with superclass and nesting),
methods with their visibility, constants, and the local variables methods bind.

Visibility follows Ruby's own rules: a bare `private` (or `protected`, `public`) changes
every method defined after it in the same body, `private def x` changes one, and
`private :a, :b` changes the methods it names. A class's `parent` is the class it is
nested in; modules are namespaces, so a class inside `module Admin` has none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from posixpath import basename

import tree_sitter

from standards.languages.ruby.inflect import camelize
from standards.languages.ruby.query import METHODS, SCOPES, STATEMENTS
from standards.languages.syntax import end_line, line, text
from standards.model import Definition, DefinitionKind

Node = tree_sitter.Node
Nodes = dict[str, list[Node]]

VISIBILITIES = frozenset(["private", "protected", "public"])
PARAMETERS = {
    "identifier": "",
    "optional_parameter": "",
    "keyword_parameter": "",
    "splat_parameter": "*",
    "hash_splat_parameter": "**",
}
"""Parameter nodes and the prefix their name takes; a block parameter is not counted."""
CLASS, MODULE = DefinitionKind.CLASS, DefinitionKind.MODULE
CLASS_MAKERS = {"Class.new": CLASS, "Struct.new": CLASS, "Data.define": CLASS, "Module.new": MODULE}
"""Calls whose value, bound to a constant, is a class or module of that name."""
SCOPE_KINDS = (CLASS, MODULE)


def definitions(nodes: Nodes) -> list[Definition]:
    branches = per_method(nodes["branch"])
    visibility = visibilities(nodes["scope"])
    found = [_scope(node) for node in nodes["scope"]]
    found += [_method(node, branches, visibility) for node in nodes["method"]]
    found += [d for node in nodes["constant"] if (d := _constant(node))]
    found += [d for node in nodes["variable"] if (d := _variable(node))]
    return [d for d in found if d.name]


def namespaced(found: list[Definition], path: str) -> list[Definition]:
    """A class around the constant the file is named after is a namespace reopened:
    `class ReturnItem < Spree::Base` around `module EligibilityValidator; class
    BaseValidator` in base_validator.rb, as Zeitwerk reads it. It is no class the file
    defines (solidus' eligibility validators would share the 'affix' `Item`), and the
    classes in it are the file's own, top-level ones."""
    own = camelize(basename(path).split(".", 1)[0])
    inner = next((d for d in found if d.name == own and d.kind in SCOPE_KINDS), None)
    if inner is None:
        return found
    around = {
        d.name
        for d in found
        if d.kind is CLASS and d.line < inner.line and d.end_line >= inner.end_line
    }
    if not around:
        return found
    return [
        replace(d, kind=MODULE)
        if d.kind is CLASS and d.name in around
        else replace(d, parent=None)
        if d.kind is CLASS and d.parent in around
        else d
        for d in found
    ]


def owner(node: Node) -> Node | None:
    """The method whose body holds `node`."""
    parent = node.parent
    while parent is not None and parent.type not in METHODS:
        parent = parent.parent
    return parent


def enclosing(node: Node, types: tuple[str, ...] = SCOPES) -> Node | None:
    """The nearest class or module (of `types`) around `node`."""
    parent = node.parent
    while parent is not None and parent.type not in types:
        parent = parent.parent
    return parent


def scope_name(node: Node | None) -> str:
    """A class's or module's own name, the last segment of `Admin::Users`."""
    name = node.child_by_field_name("name") if node is not None else None
    if name is not None and name.type == "scope_resolution":
        name = name.child_by_field_name("name")
    return text(name)


def nesting(node: Node) -> list[str]:
    """The full names of the classes and modules around `node`, innermost first."""
    names: list[str] = []
    scope = enclosing(node)
    while scope is not None:
        names.append(text(scope.child_by_field_name("name")))
        scope = enclosing(scope)
    return ["::".join(reversed(names[i:])) for i in range(len(names))]


def per_method(nodes: list[Node]) -> Counter[int]:
    """How many of `nodes` each method (by node id) holds directly."""
    counts: Counter[int] = Counter()
    for node in nodes:
        found = owner(node)
        if found is not None:
            counts[found.id] += 1
    return counts


def visibilities(scopes: list[Node]) -> dict[int, str]:
    """The visibility of every method defined in a class or module body, by node id."""
    found: dict[int, str] = {}
    for scope in scopes:
        body = scope.child_by_field_name("body")
        current = "public"
        named: dict[str, str] = {}
        for child in body.named_children if body is not None else []:
            if child.type == "identifier" and text(child) in VISIBILITIES:
                current = text(child)
            elif child.type == "method":
                found[child.id] = current
            elif (word := _visibility_call(child)) is not None:
                for argument in _arguments(child):
                    if argument.type in METHODS:
                        found[argument.id] = word
                    elif argument.type == "simple_symbol":
                        named[text(argument)[1:]] = word
        for child in body.named_children if body is not None else []:
            if child.type == "method" and text(child.child_by_field_name("name")) in named:
                found[child.id] = named[text(child.child_by_field_name("name"))]
    return found


def _visibility_call(node: Node) -> str | None:
    if node.type != "call" or node.child_by_field_name("receiver") is not None:
        return None
    word = text(node.child_by_field_name("method"))
    return word if word in VISIBILITIES else None


def _arguments(node: Node) -> list[Node]:
    arguments = node.child_by_field_name("arguments")
    return arguments.named_children if arguments is not None else []


def _scope(node: Node) -> Definition:
    superclass = node.child_by_field_name("superclass")
    bases = tuple(text(c) for c in superclass.named_children) if superclass is not None else ()
    cls = enclosing(node, ("class",))
    return Definition(
        kind=DefinitionKind.CLASS if node.type == "class" else DefinitionKind.MODULE,
        name=scope_name(node),
        line=line(node),
        end_line=end_line(node),
        bases=bases,
        parent=scope_name(cls) if cls is not None else None,
    )


def _method(node: Node, branches: Counter[int], visibility: dict[int, str]) -> Definition:
    scope = enclosing(node, (*SCOPES, "singleton_class"))
    singleton = node.type == "singleton_method" or (
        scope is not None and scope.type == "singleton_class"
    )
    if scope is not None and scope.type == "singleton_class":
        scope = enclosing(scope)
    parameters = node.child_by_field_name("parameters")
    return Definition(
        kind=DefinitionKind.METHOD if scope is not None else DefinitionKind.FUNCTION,
        name=text(node.child_by_field_name("name")),
        line=line(node),
        end_line=end_line(node),
        parameters=tuple(_parameters(parameters)),
        complexity=1 + branches[node.id],
        statements=sum(1 for _ in _statements(node)),
        decorators=("self",) if singleton else (),
        parent=scope_name(scope) if scope is not None else None,
        visibility=visibility.get(node.id, "public"),
    )


def _parameters(node: Node | None) -> Iterator[str]:
    for child in node.named_children if node is not None else []:
        prefix = PARAMETERS.get(child.type)
        if prefix is None:
            continue
        name = child if child.type == "identifier" else child.child_by_field_name("name")
        yield prefix + text(name)


def _statements(method: Node) -> Iterator[Node]:
    """Statements the method holds, in bodies of its own (not of methods inside it)."""
    stack = [method]
    while stack:
        node = stack.pop()
        for child in node.named_children:
            if child.type in METHODS:
                continue
            if node.type in STATEMENTS and child.type != "comment":
                yield child
            stack.append(child)


def _constant(node: Node) -> Definition | None:
    """A constant, or the class `Error = Class.new(StandardError)` or `Point =
    Struct.new(:x, :y)` defines: Ruby's other way to write `class`, named as classes are.
    Another name for a class (`ChatResponse = LlmConcept::ChatResponse`) is neither."""
    name = node.child_by_field_name("left")
    scope = enclosing(node)
    value = node.child_by_field_name("right")
    if value is not None and value.type in ("constant", "scope_resolution"):
        return None
    maker = _maker(value) if value is not None and value.type == "call" else ""
    return Definition(
        CLASS_MAKERS.get(maker, DefinitionKind.CONSTANT),
        text(name),
        line(node),
        end_line(node),
        bases=tuple(text(a) for a in _arguments(value)[:1])
        if value is not None and maker == "Class.new"
        else (),
        parent=scope_name(scope) if scope is not None else None,
    )


def _maker(call: Node) -> str:
    """`Class.new` of `Class.new(StandardError) do ... end`."""
    receiver = call.child_by_field_name("receiver")
    return f"{text(receiver)}.{text(call.child_by_field_name('method'))}"


def _variable(node: Node) -> Definition | None:
    method = owner(node)
    if method is None:
        return None
    at = line(node)
    name = text(node.child_by_field_name("left"))
    return Definition(
        DefinitionKind.VARIABLE, name, at, at, parent=text(method.child_by_field_name("name"))
    )
