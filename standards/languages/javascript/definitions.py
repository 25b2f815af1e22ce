"""Named things a JavaScript or TypeScript file defines, from the query's captures.

A function is named by its declaration, or by what it is bound to: a `const`, an
assignment (`exports.list = ...`), an object key (`{ list: (req, res) => ... }`), or a
class field, also through a wrapper (`const list = catchAsync(async (req, res) => ...)`).
Anonymous callbacks define nothing, but still own the branches inside them,
as ESLint's `complexity` counts them. A constant is a module-level `const` bound to a
literal, never an UPPER_CASE name, so naming is not learned in a circle.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

import tree_sitter

from standards.languages.javascript.query import FUNCTIONS
from standards.languages.syntax import end_line, line, text
from standards.model import Definition, DefinitionKind

Node = tree_sitter.Node
Nodes = dict[str, list[Node]]

LITERALS = frozenset(["number", "string", "true", "false", "null", "undefined", "regex"])
COLLECTIONS = frozenset(["array", "object", "parenthesized_expression"])
KINDS = (
    ("interface", DefinitionKind.INTERFACE),
    ("type", DefinitionKind.TYPE),
    ("enum", DefinitionKind.ENUM),
)


def definitions(nodes: Nodes, exported: set[str]) -> list[Definition]:
    counts = per_function(nodes["branch"]), per_function(nodes["statement"])
    rendering = {f.id for node in nodes["renders"] for f in _renderers(node)}
    result = [d for node in nodes["function"] if (d := _function(node, *counts, rendering))]
    result += [_class(node) for node in nodes["class"]]
    result += [_named(node, kind) for key, kind in KINDS for node in nodes[key]]
    result += [d for node in nodes["declarator"] for d in _bindings(node)]
    return [
        replace(d, exported=True) if d.parent is None and d.name in exported else d for d in result
    ]


def owner(node: Node) -> Node | None:
    """The function whose body holds `node` directly."""
    parent = node.parent
    while parent is not None and parent.type not in FUNCTIONS:
        parent = parent.parent
    return parent


def function_name(node: Node) -> str:
    """What a function is called where it is defined, or "" for an anonymous one."""
    named = node.child_by_field_name("name")
    if named is not None:
        return text(named)
    return _bound_name(node)


def _bound_name(node: Node) -> str:
    """The name `node` is bound to, through one wrapper call that takes it alone
    (`const show = catchAsync(async (req, res) => ...)`, `memo(() => ...)`)."""
    parent = node.parent
    if parent is None:
        return ""
    if parent.type == "arguments" and _wraps(parent):
        return _bound_name(parent.parent) if parent.parent is not None else ""
    if parent.type == "variable_declarator":
        return text(parent.child_by_field_name("name")) if _is_identifier(parent) else ""
    if parent.type == "assignment_expression":
        left = parent.child_by_field_name("left")
        if left is not None and left.type == "member_expression":
            left = left.child_by_field_name("property")
        return text(left) if left is not None and left.type != "subscript_expression" else ""
    if parent.type in ("pair", "field_definition", "public_field_definition"):
        key = parent.child_by_field_name("key") or parent.child_by_field_name("property")
        return text(key) if key is not None and key.type != "computed_property_name" else ""
    return ""


def _wraps(arguments: Node) -> bool:
    """A call of a plain function name with one argument, outside any function: how
    Express wraps async handlers and React wraps components; never a method of a value
    (`items.map(f)`), nor a value computed in a body (`const { result } = renderHook(f)`)."""
    call = arguments.parent
    callee = call.child_by_field_name("function") if call is not None else None
    args = [a for a in arguments.named_children if a.type != "comment"]
    wrapper = callee is not None and callee.type == "identifier" and len(args) == 1
    return wrapper and call is not None and owner(call) is None


def enclosing_class(node: Node) -> Node | None:
    """The class whose body defines `node` (a method or a class field) directly."""
    parent = node.parent
    if parent is not None and parent.type in ("field_definition", "public_field_definition"):
        parent = parent.parent
    if parent is not None and parent.type == "class_body" and parent.parent is not None:
        return parent.parent
    return None


def decorator_nodes(node: Node) -> list[Node]:
    """Decorators of a class (its own, or its export's) or of a method in a class body."""
    found = [c for c in node.children if c.type == "decorator"]
    holder = node.parent
    if holder is not None and holder.type == "export_statement":
        found += [c for c in holder.children if c.type == "decorator"]
    if holder is not None and holder.type == "class_body":
        sibling = node.prev_named_sibling
        while sibling is not None and sibling.type == "decorator":
            found.insert(0, sibling)
            sibling = sibling.prev_named_sibling
    return found


def decorators(node: Node) -> tuple[str, ...]:
    return tuple(_decorator_name(d) for d in decorator_nodes(node))


def _decorator_name(node: Node) -> str:
    expression = node.named_children[0] if node.named_children else node
    if expression.type == "call_expression":
        expression = expression.child_by_field_name("function") or expression
    return text(expression)


def per_function(nodes: list[Node]) -> Counter[int]:
    """How many of `nodes` each function (by node id) holds directly."""
    counts: Counter[int] = Counter()
    for node in nodes:
        found = owner(node)
        if found is not None:
            counts[found.id] += 1
    return counts


def _renderers(node: Node) -> Iterator[Node]:
    """The function a `return <jsx>` is in (or the arrow whose body is JSX), and each one
    returning a list of what it renders (`return items.map((item) => <li>{item}</li>)`)."""
    found = node if node.type == "arrow_function" else owner(node)
    while found is not None:
        yield found
        found = _mapping(found)


def _mapping(function: Node) -> Node | None:
    """The function that returns `xs.map(function)`, if one does."""
    arguments = function.parent
    call = arguments.parent if arguments is not None and arguments.type == "arguments" else None
    if call is None or call.type != "call_expression":
        return None
    callee = call.child_by_field_name("function")
    method = callee.child_by_field_name("property") if callee else None
    if method is None or text(method) != "map":
        return None
    around = call.parent
    while around is not None and around.type == "parenthesized_expression":
        around = around.parent
    if around is not None and around.type == "return_statement":
        return owner(around)
    return around if around is not None and around.type == "arrow_function" else None


def _function(
    node: Node, branches: Counter[int], statements: Counter[int], rendering: set[int]
) -> Definition | None:
    name = function_name(node)
    if not name:
        return None
    cls = enclosing_class(node)
    params = parameter_nodes(node)
    return Definition(
        kind=DefinitionKind.METHOD if cls is not None else DefinitionKind.FUNCTION,
        name=name,
        line=line(node),
        end_line=end_line(node),
        parameters=parameters(node),
        complexity=1 + branches[node.id],
        statements=statements[node.id],
        decorators=decorators(node) if node.type == "method_definition" else (),
        parent=text(cls.child_by_field_name("name")) if cls is not None else None,
        annotated=_annotated(node, params),
        visibility=_visibility(node, name),
        renders=node.id in rendering,
    )


def parameter_nodes(node: Node) -> list[Node]:
    """A function's parameters, `x` of `x => ...` too."""
    found = node.child_by_field_name("parameters")
    if found is None:
        return [p for p in [node.child_by_field_name("parameter")] if p is not None]
    return [p for p in found.named_children if p.type != "comment"]


def parameters(node: Node) -> tuple[str, ...]:
    """A function's parameter names, `{}` or `[]` for a destructured one."""
    return tuple(p for param in parameter_nodes(node) if (p := _parameter(param)))


def _parameter(node: Node) -> str:
    if node.type in ("required_parameter", "optional_parameter"):
        pattern = node.child_by_field_name("pattern")
        return "" if pattern is None or pattern.type == "this" else _parameter(pattern)
    if node.type == "identifier":
        return text(node)
    if node.type == "rest_pattern":
        return "*" + (text(node.named_children[0]) if node.named_children else "")
    if node.type == "assignment_pattern":
        return _parameter(node.child_by_field_name("left") or node)
    if node.type in ("object_pattern", "array_pattern"):
        return "{}" if node.type == "object_pattern" else "[]"
    return ""


def _annotated(node: Node, params: list[Node]) -> bool:
    typed = any(p.child_by_field_name("type") is not None for p in params)
    return typed or node.child_by_field_name("return_type") is not None


def _visibility(node: Node, name: str) -> str:
    if name.startswith("#"):
        return "private"
    modifier = next((c for c in node.children if c.type == "accessibility_modifier"), None)
    if modifier is None and node.parent is not None:
        modifier = next(
            (c for c in node.parent.children if c.type == "accessibility_modifier"), None
        )
    return text(modifier) if modifier is not None else "public"


def _class(node: Node) -> Definition:
    return Definition(
        kind=DefinitionKind.CLASS,
        name=text(node.child_by_field_name("name")),
        line=line(node),
        end_line=end_line(node),
        decorators=decorators(node),
        bases=tuple(_bases(node)),
    )


def _bases(node: Node) -> Iterator[str]:
    heritage = next((c for c in node.named_children if c.type == "class_heritage"), None)
    for clause in heritage.named_children if heritage is not None else []:
        if clause.type in ("extends_clause", "implements_clause"):
            yield from (text(c) for c in clause.named_children if c.type != "type_arguments")
        else:
            yield text(clause)


def _named(node: Node, kind: DefinitionKind) -> Definition:
    return Definition(kind, text(node.child_by_field_name("name")), line(node), end_line(node))


def _bindings(node: Node) -> Iterator[Definition]:
    """A module-level `const` bound to a literal, or each local variable a function binds."""
    value = node.child_by_field_name("value")
    if value is not None and value.type in FUNCTIONS + ("class",):
        return
    function = owner(node)
    if function is None:
        statement = node.parent
        constant = statement is not None and text(statement.children[0]) == "const"
        if constant and _is_identifier(node) and _is_literal(value):
            name = text(node.child_by_field_name("name"))
            yield Definition(DefinitionKind.CONSTANT, name, line(node), end_line(node))
        return
    parent = function_name(function) or "(anonymous)"
    for found in _names(node.child_by_field_name("name")):
        at = line(found)
        yield Definition(DefinitionKind.VARIABLE, text(found), at, at, parent=parent)


def _is_identifier(declarator: Node) -> bool:
    name = declarator.child_by_field_name("name")
    return name is not None and name.type == "identifier"


def _names(node: Node | None) -> Iterator[Node]:
    if node is None:
        return
    if node.type in ("identifier", "shorthand_property_identifier_pattern"):
        yield node
        return
    for child in node.named_children:
        if child.type == "pair_pattern":
            yield from _names(child.child_by_field_name("value"))
        elif child.type != "property_identifier":
            yield from _names(child)


def _is_literal(node: Node | None) -> bool:
    if node is None:
        return False
    if node.type in LITERALS:
        return True
    if node.type == "template_string":
        return not any(c.type == "template_substitution" for c in node.children)
    if node.type == "unary_expression":
        return all(_is_literal(c) for c in node.named_children)
    if node.type in COLLECTIONS:
        items = [c for c in node.named_children if c.type != "comment"]
        return all(
            _is_literal(c.child_by_field_name("value") if c.type == "pair" else c) for c in items
        )
    return False
