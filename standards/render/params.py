"""Learned parameters for people: lists one item a line, edges as `a -> b`, mappings as
`key: value`, nested by indentation; never a Python repr, which `standards explain`
readers would have to decode."""

from __future__ import annotations

from collections.abc import Mapping

from standards.model import Param

INLINE = 72
"""A list of plain values or a small mapping stays on one line up to this width."""
INDENT = "  "


def lines(key: str, value: Param) -> list[str]:
    """`key: value` on one line when short and flat, else `key:` and the value below."""
    inline = _inline(value)
    if inline is not None and len(key) + len(inline) + 2 <= INLINE:
        return [f"{key}: {inline}"]
    return [f"{key}:", *(INDENT + line for line in _block(value))]


def _scalar(value: Param) -> str | None:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str | int | float):
        return str(value)
    return None


def _edge(value: Param) -> str | None:
    """A pair of names (`("views", "models")`) reads as `views -> models`."""
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return f"{value[0]} -> {value[1]}"
    return None


def _inline(value: Param) -> str | None:
    """One line for a scalar, a list of scalars or a mapping of scalars; None otherwise."""
    if (plain := _scalar(value)) is not None:
        return plain
    if isinstance(value, tuple):
        if not value:
            return "(none)"
        items = [_scalar(v) for v in value]
        return ", ".join(i for i in items if i is not None) if None not in items else None
    if isinstance(value, Mapping):
        if not value:
            return "(none)"
        scalars = {k: _scalar(v) for k, v in value.items()}
        if None not in scalars.values():
            return ", ".join(f"{k}: {v}" for k, v in scalars.items())
    return None


def _block(value: Param) -> list[str]:
    """A list as `- item` lines (edges as `a -> b`), a mapping as `key: value` lines."""
    if isinstance(value, Mapping):
        return [line for k, v in value.items() for line in lines(str(k), v)]
    if not isinstance(value, tuple):
        return [_scalar(value) or ""]
    result: list[str] = []
    for item in value:
        single = _edge(item) or _inline(item)
        if single is not None and len(single) <= INLINE:
            result.append(f"- {single}")
        else:
            nested = _block(item)
            result += [f"- {nested[0]}", *(INDENT + line for line in nested[1:])]
    return result
