"""What a Ruby file depends on: `require`/`require_relative`, and the constants it names.

Under Rails autoloading a file rarely requires the code it uses; it names a constant
(`OrderService.call`, `Admin::UsersController`) and Zeitwerk loads the file. So every
constant a file names is an `Import` of that constant: `module` as written, and `names`
the full names it may stand for under Ruby's lexical lookup, innermost first
(`Thing` inside `module Admin` may be `Admin::Thing` or `Thing`). Linking resolves them
to files (`autoload.py`).
"""

from __future__ import annotations

from collections.abc import Iterator

import tree_sitter

from standards.languages.ruby.definitions import nesting
from standards.languages.syntax import line, text
from standards.model import Import

Node = tree_sitter.Node

REQUIRES = {"require": False, "require_relative": True, "load": False}
"""Methods that load a file by name, and whether the name is relative to the file."""


def imports(nodes: dict[str, list[Node]]) -> Iterator[Import]:
    for node in nodes["call"]:
        if found := _require(node):
            yield found
    seen: set[str] = set()
    for node in nodes["reference"]:
        if not _is_reference(node):
            continue
        name = text(node)
        if name not in seen:
            seen.add(name)
            yield Import(name, line(node), names=_candidates(node, name), reference=True)


def string_value(node: Node | None) -> str | None:
    """The text of a string literal without interpolation, or None."""
    if node is None or node.type != "string":
        return None
    if any(c.type == "interpolation" for c in node.named_children):
        return None
    return "".join(text(c) for c in node.named_children if c.type == "string_content")


def _require(node: Node) -> Import | None:
    method = text(node.child_by_field_name("method"))
    arguments = node.child_by_field_name("arguments")
    if method not in REQUIRES or node.child_by_field_name("receiver") is not None:
        return None
    first = (
        arguments.named_children[0] if arguments is not None and arguments.named_children else None
    )
    value = string_value(first)
    return Import(value, line(node), relative=REQUIRES[method]) if value else None


def _is_reference(node: Node) -> bool:
    """A constant named as a value: not a part of a longer path, nor a name being defined."""
    parent = node.parent
    if parent is None:
        return False
    if parent.type == "scope_resolution" and node.id != parent.id:
        return False
    if parent.type in ("class", "module") and parent.child_by_field_name("name") == node:
        return False
    return not (parent.type == "assignment" and parent.child_by_field_name("left") == node)


def _candidates(node: Node, name: str) -> tuple[str, ...]:
    if name.startswith("::"):
        return (name[2:],)
    return (*(f"{outer}::{name}" for outer in nesting(node)), name)
