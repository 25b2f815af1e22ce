"""Other tools' settings in ruff's words: black, isort, flake8 and pylint keys to ruff keys.

Only settings ruff has an equivalent for are translated, each to the ruff key that
means the same; everything else is left out rather than approximated. Rule selections
(`lint.select`, `lint.ignore`) keep codes as the tool wrote them; the probe expands them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from standards.model import Param

Found = list[tuple[str, Param, str]]
"""(ruff key, value, the key as the file writes it)."""

LINT_TABLES = ("isort", "pydocstyle", "flake8-quotes", "flake8-pytest-style", "pycodestyle")
RUFF_KEYS = {
    "line-length": "line-length",
    "indent-width": "indent-width",
    "target-version": "target-version",
    "lint.select": "lint.select",
    "lint.extend-select": "lint.select",
    "lint.ignore": "lint.ignore",
    "lint.extend-ignore": "lint.ignore",
    "lint.pydocstyle.convention": "lint.pydocstyle.convention",
    "lint.pycodestyle.max-doc-length": "lint.pycodestyle.max-doc-length",
    "lint.mccabe.max-complexity": "lint.mccabe.max-complexity",
    "format.quote-style": "format.quote-style",
    "format.indent-style": "format.indent-style",
    "format.skip-magic-trailing-comma": "format.skip-magic-trailing-comma",
}
RUFF_PREFIXES = (
    "lint.isort.",
    "lint.flake8-quotes.",
    "lint.flake8-pytest-style.",
    "lint.pylint.max-",
)
LEGACY_LINT = {
    "select",
    "ignore",
    "extend-select",
    "extend-ignore",
    "mccabe",
    "pylint",
    *LINT_TABLES,
}
"""Keys older ruff versions accepted at the top level that now live under `lint`."""

ISORT_FLAGS = (
    "force_single_line",
    "combine_as_imports",
    "force_sort_within_sections",
    "order_by_type",
    "case_sensitive",
    "force_wrap_aliases",
    "from_first",
    "length_sort",
)
ISORT_NUMBERS = ("lines_after_imports", "lines_between_types")
ISORT_LISTS = (
    "known_first_party",
    "known_third_party",
    "known_local_folder",
    "extra_standard_library",
)
ISORT_SECTIONS = {
    "FUTURE": "future",
    "STDLIB": "standard-library",
    "THIRDPARTY": "third-party",
    "FIRSTPARTY": "first-party",
    "LOCALFOLDER": "local-folder",
}
ISORT_PROFILES: Mapping[str, Mapping[str, Param]] = {
    "black": {},
    "django": {"combine-as-imports": True},
    "google": {
        "force-single-line": True,
        "force-sort-within-sections": True,
        "order-by-type": False,
    },
    "attrs": {"lines-after-imports": 2, "lines-between-types": 1},
}
"""isort profiles as ruff settings: what each changes from ruff's black-compatible defaults."""

FLAKE8 = {
    "max-line-length": "line-length",
    "max-doc-length": "lint.pycodestyle.max-doc-length",
    "max-complexity": "lint.mccabe.max-complexity",
    "docstring-convention": "lint.pydocstyle.convention",
    "inline-quotes": "lint.flake8-quotes.inline-quotes",
    "multiline-quotes": "lint.flake8-quotes.multiline-quotes",
    "docstring-quotes": "lint.flake8-quotes.docstring-quotes",
    "select": "lint.select",
    "extend-select": "lint.select",
    "ignore": "lint.ignore",
    "extend-ignore": "lint.ignore",
}
QUOTES = {"'": "single", '"': "double", "'''": "single", '"""': "double"}
PYLINT = {
    "max-line-length": "line-length",
    "max-positional-arguments": "lint.pylint.max-positional-args",
    **{
        f"max-{name}": f"lint.pylint.max-{name}"
        for name in ("args", "bool-expr", "branches", "locals", "nested-blocks", "returns")
    },
    **{f"max-{name}": f"lint.pylint.max-{name}" for name in ("public-methods", "statements")},
}


def ruff(table: Mapping[str, Any]) -> Found:
    found: Found = []
    for key, value in _flat(table, ""):
        dotted = f"lint.{key}" if key.split(".")[0] in LEGACY_LINT else key
        target = RUFF_KEYS.get(dotted) or (dotted if dotted.startswith(RUFF_PREFIXES) else None)
        if target:
            found.append((target, _param(value), key.rsplit(".", 1)[-1]))
    return found


def _flat(table: Mapping[str, Any], prefix: str) -> list[tuple[str, Any]]:
    """Dotted keys down to values; tables of rule-code lists stay values."""
    items: list[tuple[str, Any]] = []
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and key not in ("per-file-ignores", "sections"):
            items += _flat(value, f"{dotted}.")
        else:
            items.append((dotted, value))
    return items


def black(table: Mapping[str, Any]) -> Found:
    """Black's settings, defaults included: `[tool.black]` says the code is black's."""
    found: Found = [("line-length", int(table.get("line-length", 88)), "line-length")]
    preserve = bool(table.get("skip-string-normalization", False))
    found.append(
        ("format.quote-style", "preserve" if preserve else "double", "skip-string-normalization")
    )
    magic = bool(table.get("skip-magic-trailing-comma", False))
    found.append(("format.skip-magic-trailing-comma", magic, "skip-magic-trailing-comma"))
    versions = [v for v in _list(table.get("target-version")) if re.fullmatch(r"py3\d+", v)]
    if versions:
        oldest = min(versions, key=lambda v: int(v[3:]))
        found.append(("target-version", oldest, "target-version"))
    return found


def isort(options: Mapping[str, Any]) -> Found:
    options = {k.replace("-", "_"): v for k, v in options.items()}
    found: Found = [
        (f"lint.isort.{k}", v, "profile")
        for k, v in ISORT_PROFILES.get(str(options.get("profile", "")), {}).items()
    ]
    for name in ISORT_FLAGS:
        if name in options:
            found.append((_isort_key(name), _bool(options[name]), name))
    for name in ISORT_NUMBERS:
        if name in options and re.fullmatch(r"-?\d+", str(options[name]).strip()):
            found.append((_isort_key(name), int(str(options[name]).strip()), name))
    for name in ISORT_LISTS:
        if name in options:
            found.append((_isort_key(name), tuple(_list(options[name])), name))
    if "no_lines_before" in options:
        sections = tuple(_section(s) for s in _list(options["no_lines_before"]))
        found.append(("lint.isort.no-lines-before", sections, "no_lines_before"))
    return found + _isort_sections(options)


def _isort_sections(options: Mapping[str, Any]) -> Found:
    """A custom section order (`sections`, `known_<name>`) as ruff's section-order."""
    if "sections" not in options:
        return []
    order = tuple(_section(s) for s in _list(options["sections"]))
    custom = {
        name.lower(): tuple(_list(options[f"known_{name.lower()}"]))
        for name in _list(options["sections"])
        if name not in ISORT_SECTIONS and f"known_{name.lower()}" in options
    }
    found: Found = [("lint.isort.section-order", order, "sections")]
    return found + ([("lint.isort.sections", custom, "sections")] if custom else [])


def flake8(options: Mapping[str, Any]) -> Found:
    found: Found = []
    for name, key in FLAKE8.items():
        if name not in options:
            continue
        raw = str(options[name]).strip()
        if key.startswith("lint.flake8-quotes."):
            found += (
                [(key, QUOTES.get(raw, raw), name)]
                if QUOTES.get(raw, raw) in ("single", "double")
                else []
            )
        elif key in ("lint.select", "lint.ignore"):
            found.append((key, tuple(_list(raw)), name))
        elif key == "lint.pydocstyle.convention":
            found += [(key, raw, name)] if raw in ("google", "numpy", "pep257") else []
        elif re.fullmatch(r"\d+", raw):
            found.append((key, int(raw), name))
    return found


def pylint(table: Mapping[str, Any]) -> Found:
    """`[tool.pylint]` and its sub-tables (format, design, messages control)."""
    found: Found = []
    for key, value in _flat(table, ""):
        name = key.rsplit(".", 1)[-1]
        if name in PYLINT and isinstance(value, int):
            found.append((PYLINT[name], value, name))
        elif name == "disable":
            found.append(("lint.ignore", tuple(f"pylint:{v}" for v in _list(value)), name))
    return found


def _isort_key(name: str) -> str:
    return "lint.isort." + name.replace("_", "-")


def _section(name: str) -> str:
    return ISORT_SECTIONS.get(name.strip().upper(), name.strip().lower())


def _list(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in re.split(r"[,\n]", str(value or "")) if v.strip()]


def _bool(value: Any) -> bool:
    return (
        value
        if isinstance(value, bool)
        else str(value).strip().lower() in ("true", "1", "yes", "on")
    )


def _param(value: Any) -> Param:
    if isinstance(value, list):
        return tuple(_param(v) for v in value)
    if isinstance(value, dict):
        return {str(k): _param(v) for k, v in value.items()}
    return value  # type: ignore[no-any-return]
