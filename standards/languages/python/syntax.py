"""Reading tree-sitter nodes: the one helper every Python fact extractor shares."""

from __future__ import annotations

import tree_sitter


def text(node: tree_sitter.Node | None) -> str:
    """A node's source text; never fails, so a broken file still yields what it can."""
    return node.text.decode("utf-8", "replace") if node is not None and node.text else ""
