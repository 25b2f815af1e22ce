"""Style habits of a JavaScript or TypeScript file: the questions Prettier and ESLint's
stylistic rules answer (quotes, semicolons, trailing commas, const/let/var, arrow or
declared functions), each counted with the first line of every answer.
"""

from __future__ import annotations

from dataclasses import replace

import tree_sitter

from standards.languages import text as text_stats
from standards.languages.syntax import line, text
from standards.model import StyleStats

Node = tree_sitter.Node
Lines = dict[str, list[int]]

FOR_HEADS = frozenset(["for_statement", "for_in_statement"])


def style(source: str, nodes: dict[str, list[Node]]) -> StyleStats:
    found = {
        "quotes": _quotes(nodes["string"]),
        "semicolons": _semicolons(nodes["statement"] + nodes["terminated"]),
        "trailing-commas": _trailing_commas(nodes["list"]),
        "declarations": _declarations(nodes["terminated"]),
        "functions": _functions(nodes["function"]),
    }
    return replace(text_stats.layout(source, _opens_block), habits=text_stats.habits(found))


def _opens_block(line_text: str) -> bool:
    return line_text.endswith(("{", "(", "["))


def _quotes(strings: list[Node]) -> Lines:
    """String literals by quote, leaving out JSX attributes and strings holding the other."""
    found: Lines = {"single": [], "double": []}
    for node in strings:
        if node.parent is not None and node.parent.type == "jsx_attribute":
            continue
        raw = text(node)
        quote = raw[:1]
        other = '"' if quote == "'" else "'"
        if quote in "'\"" and quote and other not in raw[1:-1]:
            found["single" if quote == "'" else "double"].append(line(node))
    return found


def _semicolons(statements: list[Node]) -> Lines:
    """Statements that could end with `;`, by whether they do."""
    found: Lines = {"always": [], "never": []}
    seen: set[int] = set()
    for node in statements:
        if node.id in seen or not _terminable(node):
            continue
        seen.add(node.id)
        found["always" if node.children[-1].type == ";" else "never"].append(line(node))
    return found


def _terminable(node: Node) -> bool:
    if node.parent is not None and node.parent.type in FOR_HEADS:
        return False
    if node.type in ("expression_statement", "return_statement", "throw_statement"):
        return True
    return node.type in (
        "lexical_declaration",
        "variable_declaration",
        "import_statement",
        "break_statement",
        "continue_statement",
    )


def _trailing_commas(lists: list[Node]) -> Lines:
    """Lists written over several lines, by whether the last item has a comma after it."""
    found: Lines = {"always": [], "never": []}
    for node in lists:
        items = [c for c in node.named_children if c.type != "comment"]
        closing = node.children[-1] if node.children else None
        if not items or closing is None or closing.start_point[0] == items[-1].end_point[0]:
            continue
        before = [c for c in node.children[:-1] if c.type != "comment"]
        if items[-1].type == "rest_pattern":
            continue
        found["always" if before and before[-1].type == "," else "never"].append(line(closing))
    return found


def _declarations(nodes: list[Node]) -> Lines:
    found: Lines = {"const": [], "let": [], "var": []}
    for node in nodes:
        if node.type in ("lexical_declaration", "variable_declaration") and node.children:
            keyword = text(node.children[0])
            if keyword in found:
                found[keyword].append(line(node))
    return found


def _functions(functions: list[Node]) -> Lines:
    """Module-level named functions: declared with `function`, or arrows bound to a const."""
    found: Lines = {"declaration": [], "arrow": []}
    for node in functions:
        holder = node.parent
        if node.type == "function_declaration" and _module_level(node):
            found["declaration"].append(line(node))
        elif node.type == "arrow_function" and _bound_at_module_level(holder):
            found["arrow"].append(line(node))
    return found


def _bound_at_module_level(holder: Node | None) -> bool:
    if holder is None or holder.type != "variable_declarator" or holder.parent is None:
        return False
    return _module_level(holder.parent)


def _module_level(node: Node) -> bool:
    parent = node.parent
    if parent is not None and parent.type == "export_statement":
        parent = parent.parent
    return parent is not None and parent.type == "program"
