"""Style habits of a Ruby file: the questions RuboCop's style cops answer (string
quotes, the frozen string literal comment, hash syntax, parentheses around a method's
parameters), each counted with the first line of every answer.
"""

from __future__ import annotations

from dataclasses import replace

import tree_sitter

from standards.languages import text as text_stats
from standards.languages.syntax import line, text
from standards.model import StyleStats

Node = tree_sitter.Node
Lines = dict[str, list[int]]

OPENERS = ("do", "then", "begin", "else", "ensure", "{", "(", "[", "|")
KEYWORDS = ("def ", "class ", "module ", "if ", "unless ", "while ", "until ", "case ", "when ")
MAGIC = "frozen_string_literal: true"


def style(source: str, nodes: dict[str, list[Node]]) -> StyleStats:
    found = {
        "quotes": _quotes(nodes["string"]),
        "frozen-string-literal": _frozen(source, nodes["comment"]),
        "hash-syntax": _hash_syntax(nodes["pair"]),
        "def-parentheses": _def_parentheses(nodes["method"]),
    }
    return replace(text_stats.layout(source, _opens_block), habits=text_stats.habits(found))


def _opens_block(line_text: str) -> bool:
    stripped = line_text.strip()
    return stripped.endswith(OPENERS) or stripped.startswith(KEYWORDS)


def _quotes(strings: list[Node]) -> Lines:
    """Plain string literals by quote; a double-quoted one only where single quotes would
    do (no interpolation, escape or single quote inside), as RuboCop counts them."""
    found: Lines = {"single": [], "double": []}
    for node in strings:
        raw = text(node)
        if node.type != "string" or len(raw) < 2:
            continue
        inner = raw[1:-1]
        if raw[0] == "'" and '"' not in inner and "\\" not in inner:
            found["single"].append(line(node))
        elif raw[0] == '"' and _plain(node):
            found["double"].append(line(node))
    return found


def _plain(node: Node) -> bool:
    inner = text(node)[1:-1]
    return all(c.type == "string_content" for c in node.named_children) and not any(
        c in inner for c in "\\'#"
    )


def _frozen(source: str, comments: list[Node]) -> Lines:
    """Whether the file starts with the magic comment that freezes its string literals."""
    head = [c for c in comments if line(c) <= 3]
    if any(MAGIC in text(c) for c in head):
        return {"always": [1], "never": []}
    return {"always": [], "never": [1]} if source.strip() else {}


def _hash_syntax(pairs: list[Node]) -> Lines:
    """Symbol keys written `key: value` (ruby19) or `:key => value` (hash rockets)."""
    found: Lines = {"ruby19": [], "hash_rockets": []}
    for node in pairs:
        key = node.child_by_field_name("key")
        if key is None:
            continue
        if key.type == "hash_key_symbol":
            found["ruby19"].append(line(node))
        elif key.type == "simple_symbol" and text(key)[1:].replace("_", "a").isalnum():
            found["hash_rockets"].append(line(node))
    return found


def _def_parentheses(methods: list[Node]) -> Lines:
    """Methods with parameters, by whether the parameters are in parentheses."""
    found: Lines = {"require_parentheses": [], "require_no_parentheses": []}
    for node in methods:
        parameters = node.child_by_field_name("parameters")
        if parameters is None or not parameters.named_children:
            continue
        parenthesized = text(parameters).startswith("(")
        key = "require_parentheses" if parenthesized else "require_no_parentheses"
        found[key].append(line(node))
    return found
