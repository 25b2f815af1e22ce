"""What a JavaScript or TypeScript file imports and what it exports.

ESM imports and re-exports, `require(...)` and `import(...)` with a string literal all
become `Import`s with the names they bind; exports are the local names a file offers
(`export`, `export default`, `export { a }`, `module.exports = {...}`, `exports.a = ...`).
"""

from __future__ import annotations

from collections.abc import Iterator

import tree_sitter

from standards.languages.javascript import gaps
from standards.languages.syntax import line, text
from standards.model import Import

Node = tree_sitter.Node
DECLARATIONS = (
    "function_declaration",
    "generator_function_declaration",
    "class_declaration",
    "abstract_class_declaration",
    "lexical_declaration",
    "variable_declaration",
    "interface_declaration",
    "type_alias_declaration",
    "enum_declaration",
)


def imports(nodes: dict[str, list[Node]]) -> Iterator[Import]:
    for node in nodes["import"]:
        yield _module_import(node)
    for node in nodes["export"]:
        if node.child_by_field_name("source") is not None:
            yield _reexport(node)
    for node in nodes["call"]:
        if found := _call_import(node):
            yield found


def type_imports(grammar: str, source: bytes) -> Iterator[Import]:
    """Modules that `import("x").T<U>` types name: the tree reads past them (see gaps)."""
    for found in gaps.type_imports(grammar, source):
        module = found[2].decode("utf-8", "replace")
        yield Import(module, source.count(b"\n", 0, found.start()) + 1, (), module[:1] == ".")


def exported(nodes: dict[str, list[Node]]) -> set[str]:
    """Local names the file exports."""
    names: set[str] = set()
    for node in nodes["export"]:
        names.update(_export_names(node))
    for node in nodes["assignment"]:
        names.update(_commonjs_names(node))
    return names


def specifier(node: Node | None) -> str:
    """The text of a string literal, without its quotes."""
    if node is None or node.type not in ("string", "template_string"):
        return ""
    return "".join(text(c) for c in node.named_children if c.type == "string_fragment")


def _made(module: str, node: Node, names: list[str], bound: list[str]) -> Import:
    return Import(module, line(node), tuple(names), module.startswith("."), bound=tuple(bound))


def _module_import(node: Node) -> Import:
    names: list[str] = []
    bound: list[str] = []
    clause = next((c for c in node.named_children if c.type == "import_clause"), None)
    for part in clause.named_children if clause is not None else []:
        if part.type == "identifier":
            names.append("default")
            bound.append(text(part))
        elif part.type == "namespace_import":
            names.append("*")
            bound.append(text(part.named_children[-1]))
        elif part.type == "named_imports":
            for spec in part.named_children:
                if spec.type == "import_specifier":
                    name = text(spec.child_by_field_name("name"))
                    names.append(name)
                    bound.append(text(spec.child_by_field_name("alias")) or name)
    return _made(specifier(node.child_by_field_name("source")), node, names, bound)


def _reexport(node: Node) -> Import:
    clause = next((c for c in node.named_children if c.type == "export_clause"), None)
    names = [
        text(s.child_by_field_name("name"))
        for s in (clause.named_children if clause is not None else [])
        if s.type == "export_specifier"
    ]
    return _made(specifier(node.child_by_field_name("source")), node, names or ["*"], [])


def _call_import(node: Node) -> Import | None:
    function = node.child_by_field_name("function")
    arguments = node.child_by_field_name("arguments")
    if function is None or arguments is None or not arguments.named_children:
        return None
    dynamic = function.type == "import"
    if not dynamic and (function.type != "identifier" or text(function) != "require"):
        return None
    module = specifier(arguments.named_children[0])
    if not module:
        return None
    names, bound = ([], []) if dynamic else _required_names(node)
    return _made(module, node, names, bound)


def _required_names(node: Node) -> tuple[list[str], list[str]]:
    """`const x = require(...)` binds the module; `const { a, b: c } = ...` binds names."""
    parent = node.parent
    if parent is None or parent.type != "variable_declarator":
        return [], []
    target = parent.child_by_field_name("name")
    if target is None:
        return [], []
    if target.type == "identifier":
        return ["*"], [text(target)]
    names: list[str] = []
    bound: list[str] = []
    for item in target.named_children if target.type == "object_pattern" else []:
        if item.type == "shorthand_property_identifier_pattern":
            names.append(text(item))
            bound.append(text(item))
        elif item.type == "pair_pattern":
            names.append(text(item.child_by_field_name("key")))
            bound.append(text(item.child_by_field_name("value")))
    return names, bound


def _export_names(node: Node) -> Iterator[str]:
    if node.child_by_field_name("source") is not None:
        return
    declaration = node.child_by_field_name("declaration")
    if declaration is not None and declaration.type in DECLARATIONS:
        named = declaration.child_by_field_name("name")
        if named is not None:
            yield text(named)
        for declarator in declaration.named_children:
            if declarator.type == "variable_declarator":
                yield text(declarator.child_by_field_name("name"))
    value = node.child_by_field_name("value")
    if value is not None and value.type == "identifier":
        yield text(value)
    for clause in (c for c in node.named_children if c.type == "export_clause"):
        for spec in clause.named_children:
            if spec.type == "export_specifier":
                yield text(spec.child_by_field_name("name"))


def _commonjs_names(node: Node) -> Iterator[str]:
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    target = text(left)
    if target in ("module.exports", "exports") and right is not None:
        if right.type == "identifier":
            yield text(right)
        for item in right.named_children if right.type == "object" else []:
            if item.type == "shorthand_property_identifier":
                yield text(item)
            elif item.type in ("pair", "method_definition"):
                key = item.child_by_field_name("key") or item.child_by_field_name("name")
                yield text(key)
    elif target.startswith(("module.exports.", "exports.")) and left is not None:
        yield text(left.child_by_field_name("property"))
