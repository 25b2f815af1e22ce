"""The one tree-sitter query run per Ruby file, and the grammar.

Captures are run in C; Python code only looks at what they name. Branches are what
RuboCop's `Metrics/CyclomaticComplexity` counts, so the sizes we learn and the limits
RuboCop enforces measure the same thing.
"""

from __future__ import annotations

import re
from functools import cache

import tree_sitter
import tree_sitter_ruby

METHODS = ("method", "singleton_method")
SCOPES = ("class", "module")
BRANCHES = (
    "if",
    "unless",
    "elsif",
    "if_modifier",
    "unless_modifier",
    "while",
    "until",
    "while_modifier",
    "until_modifier",
    "for",
    "when",
    "in_clause",
    "rescue",
    "rescue_modifier",
    "conditional",
)
STATEMENTS = ("body_statement", "then", "else", "do", "block_body", "begin_block")
"""Nodes whose direct children are statements."""

SOURCE = f"""
[{" ".join(f"({t})" for t in METHODS)}] @method
[{" ".join(f"({t})" for t in SCOPES)}] @scope
(assignment left: (constant)) @constant
(assignment left: (identifier)) @variable
(call) @call
(constant) @reference
(scope_resolution) @reference
[(string) (simple_symbol) (delimited_symbol)] @string
(pair) @pair
[{" ".join(f"({t})" for t in BRANCHES)}] @branch
(binary operator: ["&&" "||" "and" "or"]) @branch
(comment) @comment
"""
NAMES = (
    "method",
    "scope",
    "constant",
    "variable",
    "call",
    "reference",
    "string",
    "pair",
    "branch",
    "comment",
)


@cache
def grammar() -> tuple[tree_sitter.Parser, tree_sitter.Query]:
    language = tree_sitter.Language(tree_sitter_ruby.language())
    return tree_sitter.Parser(language), tree_sitter.Query(language, SOURCE)


BLOCK_LAST = re.compile(rb"(?<=,)([ \t]*)&(?=[ \t]*(?:#[^\n]*)?\r?\n)")
"""`element_strikethrough object, &`: Ruby 3.1 passes the block on by a bare `&`, which
tree-sitter-ruby 0.23 reads as an `&` operator missing its right side where a command
call without parentheses ends with it (openstreetmap-website's browse_helper.rb was a
syntax error); read as an argument `_` of the same length."""


def captures(source: bytes) -> tuple[tree_sitter.Node, dict[str, list[tree_sitter.Node]]]:
    """The tree's root and every capture by name, in source order."""
    parser, query = grammar()
    tree = parser.parse(BLOCK_LAST.sub(rb"\1_", source))
    found = tree_sitter.QueryCursor(query).captures(tree.root_node)
    return tree.root_node, {
        key: sorted(found.get(key, []), key=lambda n: (n.start_byte, -n.end_byte)) for key in NAMES
    }
