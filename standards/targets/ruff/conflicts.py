"""Lint rules that conflict with the formatter, under the settings that make them conflict.

Why: a rule that fights the formatter fails every formatted file, and one that only
repeats it is noise. Ruff's docs list them (docs.astral.sh/ruff/formatter/#conflicting-
lint-rules); `ruff format` itself warns about most only under certain settings: tabs for
W191/D206, an indent other than 4 for E111/E114, a quote style the formatter does not
write for Q000-Q003. Where the formatter is enforced, each rule is left out when ruff
would warn about it with the learned settings; the rest of the list always is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from standards.model import Param
from standards.targets.ruff import catalogue

ALWAYS = ("COM812", "COM819", "D300", "E117", "ISC001", "ISC002", "Q004")
"""The docs list's rules the formatter conflicts with or makes redundant in any setting."""

QUOTES = "format.quote-style"
Condition = Callable[[Mapping[str, Param]], bool]


def _tabs(s: Mapping[str, Param]) -> bool:
    return s.get("format.indent-style") == "tab"


def _width(s: Mapping[str, Param]) -> bool:
    return s.get("indent-width", 4) != 4


def _inline(s: Mapping[str, Param]) -> bool:
    style = s.get(QUOTES, "double")
    return style != "preserve" and s.get("lint.flake8-quotes.inline-quotes", "double") != style


def _triple(key: str) -> Condition:
    """Q001/Q002 conflict when they ask for single quotes the formatter rewrites."""
    return lambda s: s.get(QUOTES, "double") != "preserve" and s.get(key) == "single"


WHEN: Mapping[str, Condition] = {
    "W191": _tabs,
    "D206": _tabs,
    "E111": _width,
    "E114": _width,
    "Q000": _inline,
    "Q003": _inline,
    "Q001": _triple("lint.flake8-quotes.multiline-quotes"),
    "Q002": _triple("lint.flake8-quotes.docstring-quotes"),
}


def with_formatter(enforced: bool, settings: Mapping[str, Param]) -> dict[str, str]:
    """Stable rules left out because the enforced formatter conflicts with them."""
    if not enforced:
        return {}
    stable = set(catalogue.stable())
    codes = [*ALWAYS, *(c for c, when in WHEN.items() if when(settings))]
    return {
        c: "the formatter's job: it conflicts with ruff format"
        for c in sorted(codes)
        if c in stable
    }
