"""Rails' naming: the table a model class reads (`LineItem` -> `line_items`).

ActiveSupport's inflector, reduced to the rules English model names meet: regular plurals,
`-y`, `-s`/`-x`/`-ch`, `-f`, the few irregular and uncountable words.
"""

from __future__ import annotations

import re

IRREGULAR = {"person": "people", "man": "men", "child": "children", "ox": "oxen"}
UNCOUNTABLE = frozenset(
    ["equipment", "information", "rice", "money", "species", "series", "fish", "sheep", "news"]
)
PLURALS = (
    (re.compile(r"(matr|vert|ind)(?:ix|ex)$"), r"\1ices"),
    (re.compile(r"(quiz)$"), r"\1zes"),
    (re.compile(r"([^aeiouy]|qu)y$"), r"\1ies"),
    (re.compile(r"(?:([^f])fe|([lr])f)$"), r"\1\2ves"),
    (re.compile(r"(x|ch|ss|sh|s|z)$"), r"\1es"),
    (re.compile(r"(buffal|tomat|potat)o$"), r"\1oes"),
)


def underscore(name: str) -> str:
    """`LineItem` -> `line_item`, `HTTPRequest` -> `http_request`."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"([a-z\d])([A-Z])", r"\1_\2", name).lower()


def camelize(name: str) -> str:
    """`line_item` -> `LineItem`."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def pluralize(word: str) -> str:
    """The plural of the last word of a snake_case name."""
    head, _, last = word.rpartition("_")
    prefix = f"{head}_" if head else ""
    if last in UNCOUNTABLE or not last:
        return word
    if last in IRREGULAR:
        return prefix + IRREGULAR[last]
    for pattern, replacement in PLURALS:
        if pattern.search(last):
            return prefix + pattern.sub(replacement, last)
    return f"{word}s"


def table_name(model: str) -> str:
    """The table Rails derives from a model class's name."""
    return pluralize(underscore(model))
