"""Reading tree-sitter nodes: the helpers every language's fact extractors share."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import tree_sitter


def text(node: tree_sitter.Node | None) -> str:
    """A node's source text; never fails, so a broken file still yields what it can."""
    return node.text.decode("utf-8", "replace") if node is not None and node.text else ""


def line(node: tree_sitter.Node) -> int:
    """The 1-based line a node starts on."""
    return node.start_point[0] + 1


def end_line(node: tree_sitter.Node) -> int:
    return node.end_point[0] + 1


def problems(root: tree_sitter.Node) -> tuple[str, ...]:
    """Where the first syntax error is; the rest of the tree is still read."""
    if not root.has_error:
        return ()
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            return (f"syntax error at line {line(node)}",)
        stack.extend(reversed([c for c in node.children if c.has_error or c.is_missing]))
    return ("syntax error",)


def undecodable(source: bytes) -> str | None:
    """Why `source` is not UTF-8 text, or None when it is."""
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"not valid UTF-8 (byte 0x{source[error.start]:02x} at offset {error.start})"
    return None


@dataclass(frozen=True, order=True)
class Comment:
    """A comment as written (`# ...`, `// ...`); `alone` when only indentation precedes it
    on its line, so it speaks about the next line rather than its own."""

    line: int
    alone: bool
    text: str


@cache
def _comment_query(language: tree_sitter.Language) -> tree_sitter.Query:
    return tree_sitter.Query(language, "(comment) @comment")


def comments(parser: tree_sitter.Parser, source: bytes) -> tuple[Comment, ...]:
    """Every comment of `source`, found by the grammar, so text in strings never counts."""
    assert parser.language is not None
    tree = parser.parse(source)
    found = tree_sitter.QueryCursor(_comment_query(parser.language)).captures(tree.root_node)
    lines = source.split(b"\n")
    result = []
    for node in found.get("comment", []):
        row, column = node.start_point
        alone = not lines[row][:column].strip()
        result.append(Comment(row + 1, alone, text(node)))
    return tuple(sorted(result))
