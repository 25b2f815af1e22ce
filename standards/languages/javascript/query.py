"""The one tree-sitter query run per JavaScript or TypeScript file, and the grammars.

Captures are run in C; Python code only looks at what they name. TypeScript adds the
node types only its grammar has (interfaces, type aliases, enums, abstract classes).
"""

from __future__ import annotations

from functools import cache

import tree_sitter
import tree_sitter_javascript
import tree_sitter_typescript

from standards.languages.javascript import gaps

FUNCTIONS = (
    "function_declaration",
    "generator_function_declaration",
    "function_expression",
    "arrow_function",
    "method_definition",
)
"""Nodes that own the branches and statements inside them, as ESLint counts per function."""

BRANCHES = (
    "if_statement",
    "for_statement",
    "for_in_statement",
    "while_statement",
    "do_statement",
    "catch_clause",
    "switch_case",
    "ternary_expression",
)
STATEMENTS = (
    "expression_statement",
    "lexical_declaration",
    "variable_declaration",
    "return_statement",
    "throw_statement",
    "if_statement",
    "for_statement",
    "for_in_statement",
    "while_statement",
    "do_statement",
    "try_statement",
    "switch_statement",
    "break_statement",
    "continue_statement",
    "function_declaration",
    "class_declaration",
)
COMMON = f"""
[{" ".join(f"({t})" for t in FUNCTIONS)}] @function
(class_declaration) @class
(variable_declarator) @declarator
(import_statement) @import
(export_statement) @export
(call_expression) @call
(new_expression) @call
(assignment_expression) @assignment
(string) @string
[(array) (object) (arguments) (formal_parameters) (named_imports) (object_pattern)
 (array_pattern) (export_clause)] @list
[{" ".join(f"({t})" for t in BRANCHES)}] @branch
(binary_expression operator: ["&&" "||" "??"]) @branch
[{" ".join(f"({t})" for t in STATEMENTS)}] @statement
[(lexical_declaration) (variable_declaration) (import_statement) (break_statement)
 (continue_statement)] @terminated
"""
_JSX = ("(jsx_element)", "(jsx_self_closing_element)")
_SHOWN = (*_JSX, *(f"(parenthesized_expression {j})" for j in _JSX))
_RENDERED = " ".join(
    [
        *_SHOWN,
        *(f"(ternary_expression {j})" for j in _SHOWN),
        *(f"(binary_expression right: {j})" for j in _SHOWN),
        *(f"(parenthesized_expression (ternary_expression {j}))" for j in _SHOWN),
    ]
)
JSX = f"""
(return_statement [{_RENDERED}]) @renders
(arrow_function body: [{_RENDERED}]) @renders
"""
"""What a function that renders returns: JSX, maybe in parentheses, a condition or `&&`;
only the grammars with JSX (JavaScript's, TSX) have it."""
TYPESCRIPT = """
(abstract_class_declaration) @class
(interface_declaration) @interface
(type_alias_declaration) @type
(enum_declaration) @enum
"""
NAMES = (
    "function",
    "class",
    "declarator",
    "import",
    "export",
    "call",
    "assignment",
    "string",
    "list",
    "branch",
    "statement",
    "terminated",
    "interface",
    "type",
    "enum",
    "renders",
)


@cache
def grammar(name: str) -> tuple[tree_sitter.Parser, tree_sitter.Query]:
    """Parser and query for "javascript", "typescript" or "tsx"."""
    language = tree_sitter.Language(
        {
            "javascript": tree_sitter_javascript.language,
            "typescript": tree_sitter_typescript.language_typescript,
            "tsx": tree_sitter_typescript.language_tsx,
        }[name]()
    )
    source = (
        COMMON
        + (TYPESCRIPT if name != "javascript" else "")
        + (JSX if name != "typescript" else "")
    )
    return tree_sitter.Parser(language), tree_sitter.Query(language, source)


def captures(
    name: str, source: bytes
) -> tuple[tree_sitter.Node, dict[str, list[tree_sitter.Node]]]:
    """The tree's root and every capture by name, in source order."""
    parser, query = grammar(name)
    readable = gaps.readable(name, source)
    tree = parser.parse(readable)
    if tree.root_node.has_error and name != "typescript" and b"&" in source:
        again = parser.parse(gaps.jsx_text(readable))  # JSX text's bare `&`, if that was all
        tree = tree if again.root_node.has_error else again
    found = tree_sitter.QueryCursor(query).captures(tree.root_node)
    return tree.root_node, {
        key: sorted(found.get(key, []), key=lambda n: (n.start_byte, -n.end_byte)) for key in NAMES
    }
