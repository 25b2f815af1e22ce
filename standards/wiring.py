"""Edits to files people own that keep every line they wrote.

`standards install` wires the generated folder into the repo's own configs. Each edit
either sets one key (TOML, through tomlkit, which keeps comments and order) or owns one
block between markers, replaced in place on the next install and appended the first
time, so running install twice changes nothing and nothing outside the block moves.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tomlkit

BEGIN, END = "standards:begin", "standards:end"


class WiringError(Exception):
    """The file cannot be edited safely (unparsable, or a person's setting is in the way)."""


def marked(text: str | None, block: str, comment: str) -> str:
    """`text` with `block` between comment markers (`<!-- x -->` style when `comment`
    is "<!--", else `comment` as a line prefix), replacing an earlier block."""
    begin, end = _markers(comment)
    wrapped = f"{begin}\n{block.rstrip()}\n{end}\n"
    if not text:
        return wrapped
    found = re.search(
        rf"^[ \t]*{re.escape(begin)}\n.*?^[ \t]*{re.escape(end)}\n?", text, re.M | re.S
    )
    if found:
        indent = found.group()[: len(found.group()) - len(found.group().lstrip())]
        return text[: found.start()] + _indented(wrapped, indent) + text[found.end() :]
    return text.rstrip("\n") + "\n\n" + wrapped if text.strip() else wrapped


def _markers(comment: str) -> tuple[str, str]:
    if comment == "<!--":
        return f"<!-- {BEGIN} -->", f"<!-- {END} -->"
    return f"{comment} {BEGIN}", f"{comment} {END}"


def _indented(text: str, indent: str) -> str:
    return "".join(indent + line if line.strip() else line for line in text.splitlines(True))


def toml_key(text: str, table: tuple[str, ...], key: str, value: str) -> str:
    """`text` with `key = value` in `[table]`, creating the table at the end if needed.

    A different value a person already set is theirs: it raises rather than replaces.
    """
    import tomlkit  # only install edits files; checks start without it
    from tomlkit.exceptions import ParseError
    from tomlkit.items import Table

    try:
        document = tomlkit.parse(text)
    except ParseError as error:
        raise WiringError(f"not valid TOML: {error}") from error
    current: Table | tomlkit.TOMLDocument = document
    for name in table:
        if name not in current:
            current[name] = tomlkit.table(is_super_table=name != table[-1])
        found = current[name]
        if not isinstance(found, Table):
            raise WiringError(f"[{'.'.join(table)}] is not a table")
        current = found
    if key in current and current[key] != value:
        raise WiringError(f"{key} is already set to {current[key]!r} in [{'.'.join(table)}]")
    current[key] = value
    return tomlkit.dumps(document)


def yaml_list_item(text: str, key: str, item: str) -> str:
    """`text` with `item` (one YAML list entry, unindented) as the last entry of the
    top-level `key:` list, between markers; the file must parse before and after."""
    _load(text)
    lines = text.splitlines(True)
    start = next((i for i, line in enumerate(lines) if re.match(rf"{key}:\s*(#.*)?$", line)), None)
    if start is None:
        block = f"{key}:\n" + _indented(item, "  ")
        return _checked(marked(text, block, "#"), key)
    entries = [line for line in lines[start + 1 :] if re.match(r"\s*- ", line)]
    indent = re.match(r"\s*", entries[0]).group() if entries else "  "  # type: ignore[union-attr]
    begin, end = _markers("#")
    if any(line.strip() == begin for line in lines):
        return _checked(marked(text, item, "#"), key)
    stop = next(
        (i for i in range(start + 1, len(lines)) if re.match(r"[^\s-]", lines[i])), len(lines)
    )
    while stop > start + 1 and not lines[stop - 1].strip():
        stop -= 1
    block = f"{indent}{begin}\n{_indented(item, indent).rstrip()}\n{indent}{end}\n"
    head = "".join(lines[:stop])
    head += "" if head.endswith("\n") else "\n"
    return _checked(head + block + "".join(lines[stop:]), key)


def _load(text: str) -> object:
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise WiringError(f"not valid YAML: {error}") from error


def _checked(text: str, key: str) -> str:
    document = _load(text)
    if not isinstance(document, dict) or not isinstance(document.get(key), list):
        raise WiringError(f"could not add to the {key} list safely")
    return text
