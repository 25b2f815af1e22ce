"""Cop settings read off what the analysis learned, and the Metrics cops RuboCop measures.

Style cops get the style the code mostly uses (single quotes, `key: value` hashes, the
frozen string literal comment), so the probe tests the repo's own habit. Each Metrics
cop runs once with `Max: 0`, so every method and class reports its own size, and the
limit is the repo's 95th percentile of RuboCop's numbers (never its worst case; never
below RuboCop's default), so the cop holds exactly what it learned from.
"""

from __future__ import annotations

import math
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from standards.analyzers.evidence import limit
from standards.model import Standard

Settings = dict[str, object]

STYLES = {
    "formatting.ruby.quotes": (
        "Style/StringLiterals",
        {"single": "single_quotes", "double": "double_quotes"},
    ),
    "formatting.ruby.hash-syntax": (
        "Style/HashSyntax",
        {"ruby19": "ruby19_no_mixed_keys", "hash_rockets": "hash_rockets"},
    ),
    "formatting.ruby.frozen-string-literal": (
        "Style/FrozenStringLiteralComment",
        {"always": "always", "never": "never"},
    ),
    "formatting.ruby.def-parentheses": (
        "Style/MethodDefParentheses",
        {
            "require_parentheses": "require_parentheses",
            "require_no_parentheses": "require_no_parentheses",
        },
    ),
    "naming.ruby.method-case": (
        "Naming/MethodName",
        {"snake_case": "snake_case", "camelCase": "camelCase"},
    ),
    "naming.ruby.variable-case": (
        "Naming/VariableName",
        {"snake_case": "snake_case", "camelCase": "camelCase"},
    ),
}
"""Standard -> (cop, its EnforcedStyle for each learned style)."""


@dataclass(frozen=True)
class Measure:
    cop: str
    floor: int
    """RuboCop's own default: a learned limit is never stricter than RuboCop out of the box."""


MEASURES = (
    Measure("Metrics/MethodLength", 10),
    Measure("Metrics/AbcSize", 17),
    Measure("Metrics/ClassLength", 100),
    Measure("Metrics/ModuleLength", 100),
    Measure("Metrics/BlockLength", 25),
    Measure("Metrics/ParameterLists", 5),
    Measure("Metrics/CyclomaticComplexity", 7),
    Measure("Metrics/PerceivedComplexity", 8),
)
MEASURED = re.compile(r"\[(?:<[^>]*> )?([\d.]+)/0\]")
VERSION = re.compile(r"(?:ruby-)?(\d+\.\d+)")
OLDEST_RUBY = 2.0
"""RuboCop 1.39 parses Ruby 2.0 and newer; its own default (2.6) would reject newer syntax."""
NEWEST_RUBY = 3.2
"""The newest Ruby RuboCop 1.39 parses, where the installed RuboCop cannot be asked."""


def target_ruby(root: Path) -> float:
    """The Ruby the repo names in `.ruby-version`, else the one installed here, as far as
    the installed RuboCop knows it: RuboCop 1.39 stops at 3.2 and refuses to run at all
    under a newer `TargetRubyVersion` (a `.ruby-version` of 3.4 or 4.0)."""
    named = root / ".ruby-version"
    text = named.read_text(encoding="utf-8", errors="replace") if named.is_file() else ""
    ruby, newest = _installed()
    found = VERSION.match(text.strip()) or VERSION.match(ruby)
    wanted = max(OLDEST_RUBY, float(found.group(1))) if found else 2.6
    return min(wanted, newest)


KNOWN = 'require "rubocop"; print RUBY_VERSION, " ", RuboCop::TargetRuby.supported_versions.max'
"""The Ruby installed, and the newest one the installed RuboCop parses."""


@cache
def _installed() -> tuple[str, float]:
    done = subprocess.run(["ruby", "-e", KNOWN], capture_output=True, text=True, check=False)
    ruby, _, newest = done.stdout.strip().partition(" ")
    return ruby, float(newest) if VERSION.fullmatch(newest) else NEWEST_RUBY


def learned(standards: Sequence[Standard]) -> dict[str, Settings]:
    """The style cops set to the repo's habits, and the layout the code keeps."""
    cops: dict[str, Settings] = {}
    for s in standards:
        if s.id in STYLES:
            cop, styles = STYLES[s.id]
            if (style := styles.get(str(s.parameters.get("style")))) is not None:
                cops[cop] = {"EnforcedStyle": style}
        elif s.id == "formatting.ruby.line-length":
            cops["Layout/LineLength"] = {"Max": s.parameters["max"]}
        elif s.id == "formatting.ruby.indentation":
            cops["Layout/IndentationWidth"] = {"Width": s.parameters["width"]}
    return cops


def measuring() -> dict[str, Settings]:
    """Every Metrics cop at a maximum of 0, so each method and class reports its size."""
    settings: dict[str, Settings] = {m.cop: {"Max": 0} for m in MEASURES}
    settings["Metrics/ParameterLists"] |= {"MaxOptionalParameters": 99}
    return settings


def measured(message: str) -> int | None:
    """The size a Metrics offense reports (`[12/0]`, `[<3, 4, 1> 5.1/0]`), rounded up."""
    found = MEASURED.search(message)
    return math.ceil(float(found.group(1))) if found else None


def limits(values: dict[str, list[int]]) -> dict[str, int]:
    """The learned Max of each Metrics cop from the sizes RuboCop measured."""
    return {m.cop: limit(values.get(m.cop, []), m.floor) for m in MEASURES}
