"""Ruff settings the analyzers' enforced standards imply, and how they are laid out.

`settings()` maps standards (line length, quotes, sizes) to ruff options; the ruff
target starts from them, checks each against the code and the team's own config, and
stores the final mapping in the `lint.python.ruff-rules` standard, from which
`ruff.toml` is written: what was probed is what is written.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from standards.analyzers import roles
from standards.model import Level, Param, Standard

NAMING_CODES = {
    "naming.python.class-case": ("PascalCase", ("N801",)),
    "naming.python.function-case": ("snake_case", ("N802",)),
    "naming.python.method-case": ("snake_case", ("N802",)),
    "naming.python.variable-case": ("snake_case", ("N806",)),
}
"""pep8-naming codes and the style each presumes: candidates only where the repo agrees."""

SIZE_SETTINGS = {
    "sizes.python.complexity": ("lint.mccabe.max-complexity", "C901"),
    "sizes.python.parameters": ("lint.pylint.max-args", "PLR0913"),
    "sizes.python.branches": ("lint.pylint.max-branches", "PLR0912"),
    "sizes.python.function-statements": ("lint.pylint.max-statements", "PLR0915"),
}


def _enforced(standards: Sequence[Standard]) -> dict[str, Standard]:
    return {s.id: s for s in standards if s.level is Level.ENFORCE}


def settings(standards: Sequence[Standard]) -> dict[str, Param]:
    """Ruff settings (dotted TOML keys) that the enforced standards determine."""
    found = _enforced(standards)
    result: dict[str, Param] = {}
    if s := found.get("formatting.python.line-length"):
        result["line-length"] = s.parameters["max"]
    if s := found.get("formatting.python.indentation"):
        result["indent-width"] = s.parameters["width"]
    if s := found.get("formatting.python.quotes"):
        result["lint.flake8-quotes.inline-quotes"] = s.parameters["style"]
        result["format.quote-style"] = s.parameters["style"]
    if (s := found.get("formatting.python.import-style")) and s.parameters["style"] == "absolute":
        result["lint.flake8-tidy-imports.ban-relative-imports"] = "all"
    for standard_id, (key, _) in SIZE_SETTINGS.items():
        if s := found.get(standard_id):
            result[key] = s.parameters["max"]
    return result


IMPLIED_BY_SETTING = {
    "formatting.python.line-length": ("line-length", "E501"),
    "formatting.python.quotes": ("lint.flake8-quotes.inline-quotes", "Q000"),
    "formatting.python.import-style": ("lint.flake8-tidy-imports.ban-relative-imports", "TID252"),
}
"""Standards ruff checks through the setting they imply, with the rule that reports it."""


def implied(standards: Sequence[Standard]) -> dict[str, tuple[str, ...]]:
    """Each enforced standard ruff can check, with the rules that check it: naming,
    quotes, line length, sizes."""
    found = _enforced(standards)
    result: dict[str, tuple[str, ...]] = {}
    for standard_id, (style, codes) in NAMING_CODES.items():
        if (s := found.get(standard_id)) and s.parameters["style"] == style:
            result[standard_id] = codes
    keyed = settings(standards)
    for standard_id, (key, code) in IMPLIED_BY_SETTING.items():
        result.update({standard_id: (code,)} if key in keyed else {})
    result.update({sid: (code,) for sid, (_, code) in SIZE_SETTINGS.items() if sid in found})
    return result


def learned_codes(standards: Sequence[Standard]) -> tuple[str, ...]:
    """Rules that enforce an enforced standard."""
    return tuple(sorted({code for codes in implied(standards).values() for code in codes}))


def unchecked(standards: Sequence[Standard], kept: Collection[str]) -> tuple[Standard, ...]:
    """Standards that name ruff as their checker where ruff does not run their rules (the
    team's config ignores them: pretalx ignores `PLR` and `E501`), without ruff: the
    playbook must not say a tool checks what it never reports."""
    by_id = {s.id: s for s in standards}
    return tuple(
        replace(by_id[sid], targets=tuple(t for t in by_id[sid].targets if t != "ruff"))
        for sid, codes in sorted(implied(standards).items())
        if "ruff" in by_id[sid].targets and not set(codes) <= set(kept)
    )


def excluded(paths: Sequence[str]) -> tuple[str, ...]:
    """Tool-owned folders and files (migrations, Sphinx's conf.py): no rule was learned there."""
    folders = roles.tool_owned_folders(paths)
    loose = [
        p
        for p in paths
        if roles.is_tool_owned(p) and not any(p.startswith(f"{f}/") for f in folders)
    ]
    return tuple(sorted([*folders, *loose]))


def tables(values: Mapping[str, Param]) -> list[tuple[str, list[tuple[str, Param]]]]:
    """Dotted keys grouped into TOML tables, top level ("") first, each sorted."""
    grouped: dict[str, list[tuple[str, Param]]] = {}
    for key, value in sorted(values.items()):
        table, _, name = key.rpartition(".")
        grouped.setdefault(table, []).append((name, value))
    return sorted(grouped.items())


def shown(value: Param) -> str:
    """A setting's value as prose says it: `[a, b]`, `{django: [django]}`, `true`."""
    if isinstance(value, tuple):
        return "[" + ", ".join(shown(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {shown(v)}" for k, v in value.items()) + "}"
    return str(value).lower() if isinstance(value, bool) else str(value)
