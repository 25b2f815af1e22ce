"""ESLint rule options read off the enforced standards, and the size rules ESLint measures.

Naming and style options come from what the analysis learned (camelCase functions,
single quotes, semicolons); the probe then keeps each only where the code passes it.
Size limits are measured by ESLint itself: each size rule runs once with a maximum of 0,
so every function reports its own count, and the limit is the repo's 95th percentile of
ESLint's numbers, never ours, so the rule holds exactly what it learned from.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from standards.analyzers.evidence import limit
from standards.model import Level, Standard

Setting = list[object]
"""An ESLint rule setting: ["error", ...options]."""


@dataclass(frozen=True)
class Measure:
    rule: str
    number: re.Pattern[str]
    floor: int

    def option(self, value: int) -> object:
        if self.rule in ("max-lines", "max-lines-per-function"):
            return {"max": value, "skipBlankLines": False, "skipComments": False}
        return {"max": value}


MEASURES = (
    Measure("complexity", re.compile(r"complexity of (\d+)"), 8),
    Measure("max-params", re.compile(r"too many parameters \((\d+)\)"), 5),
    Measure("max-statements", re.compile(r"too many statements \((\d+)\)"), 15),
    Measure("max-lines-per-function", re.compile(r"too many lines \((\d+)\)"), 20),
    Measure("max-lines", re.compile(r"too many lines \((\d+)\)"), 300),
    Measure("max-depth", re.compile(r"nested too deeply \((\d+)\)"), 4),
    Measure("max-nested-callbacks", re.compile(r"nested callbacks \((\d+)\)"), 3),
)
"""Floors match the sizes analyzer's: tiny repos never get limits nobody could keep."""

FORMATS = {"camelCase": "camelCase", "PascalCase": "PascalCase", "UPPER_CASE": "UPPER_CASE"}
FORMATS |= {"snake_case": "snake_case"}
SELECTORS = {
    "function-case": "function",
    "method-case": "method",
    "class-case": "class",
    "interface-case": "interface",
    "type-case": "typeAlias",
    "enum-case": "enum",
    "variable-case": "variable",
}

HABITS = {
    "quotes": "@stylistic/quotes",
    "semicolons": "@stylistic/semi",
    "trailing-commas": "@stylistic/comma-dangle",
    "indentation": "@stylistic/indent",
    "line-length": "@stylistic/max-len",
    "functions": "func-style",
    "declarations": "no-var",
    "import-style": "",
}
"""The rule that checks each formatting standard ESLint is named for ("" for none): the
learned options set it, `unchecked` asks whether the probe kept it."""


def measuring() -> dict[str, Setting]:
    """Every size rule at a maximum of 0, so each function reports its count."""
    zero: dict[str, Setting] = {}
    for m in MEASURES:
        option = m.option(0)
        zero[m.rule] = ["error", option if m.rule != "complexity" else 0]
    return zero


def measured(messages: Sequence[tuple[str, str]]) -> dict[str, Setting]:
    """Learned limits from (rule, message) pairs of a measuring run; a size nothing
    reported (no callbacks nested, no function with parameters) gets its floor, never
    the measuring run's 0 that the next such function would break."""
    values: dict[str, list[int]] = {m.rule: [] for m in MEASURES}
    for rule, message in messages:
        for m in MEASURES:
            if rule == m.rule and (found := m.number.search(message)):
                values[rule].append(int(found.group(1)))
    return {m.rule: ["error", m.option(limit(values[m.rule], m.floor))] for m in MEASURES}


def beyond(rule: str, setting: Setting, message: str) -> bool:
    """Whether a measuring run's message reports more than a learned limit allows."""
    measure = next(m for m in MEASURES if m.rule == rule)
    option = setting[1]
    found = measure.number.search(message)
    return isinstance(option, dict) and found is not None and int(found.group(1)) > option["max"]


def learned(standards: Sequence[Standard], language: str) -> dict[str, Setting]:
    """Naming and style options the enforced standards of `language` determine."""
    found = {s.id.split(".", 2)[2]: s for s in standards if s.language == language}
    enforced = {k: s for k, s in found.items() if s.level is Level.ENFORCE}
    rules: dict[str, Setting] = {}
    style = {k: str(s.parameters.get("style", "")) for k, s in enforced.items()}
    if language == "typescript":
        components = found.get("component-case")
        rendered = str(components.parameters.get("style", "")) if components else ""
        if conventions := _conventions(style, rendered):
            rules["@typescript-eslint/naming-convention"] = ["error", *conventions]
    elif style.get("function-case") == "camelCase" and style.get("variable-case") == "camelCase":
        option = {"properties": "never", "ignoreDestructuring": True, "ignoreImports": True}
        rules["camelcase"] = ["error", option]
    rules |= _stylistic(style, enforced)
    return rules


def _conventions(style: Mapping[str, str], components: str) -> list[dict[str, object]]:
    """naming-convention's options; ESLint cannot tell a component from a function, so
    functions may also take the case the repo's components have (`components`)."""
    conventions: list[dict[str, object]] = []
    for kind, selector in SELECTORS.items():
        if style.get(kind) in FORMATS:
            formats = [FORMATS[style[kind]]]
            if kind == "variable-case":
                formats += [f for f in ("UPPER_CASE", "PascalCase") if f not in formats]
            if kind == "function-case" and components in FORMATS:
                formats += [f for f in [FORMATS[components]] if f not in formats]
            conventions.append(
                {"selector": selector, "format": formats, "leadingUnderscore": "allow"}
            )
    return conventions


def _stylistic(style: Mapping[str, str], enforced: Mapping[str, Standard]) -> dict[str, Setting]:
    rules: dict[str, Setting] = {}
    if style.get("quotes") in ("single", "double"):
        rules[HABITS["quotes"]] = ["error", style["quotes"], {"avoidEscape": True}]
    if style.get("semicolons") in ("always", "never"):
        rules[HABITS["semicolons"]] = ["error", style["semicolons"]]
    if style.get("trailing-commas") in ("always", "never"):
        dangle = "always-multiline" if style["trailing-commas"] == "always" else "never"
        rules[HABITS["trailing-commas"]] = ["error", dangle]
    if (indent := enforced.get("indentation")) is not None:
        rules[HABITS["indentation"]] = ["error", indent.parameters["width"]]
    if (length := enforced.get("line-length")) is not None:
        option = {"code": length.parameters["max"], "ignoreUrls": True, "ignoreStrings": True}
        rules[HABITS["line-length"]] = ["error", option]
    if style.get("functions") == "declaration":
        rules[HABITS["functions"]] = ["error", "declaration", {"allowArrowFunctions": True}]
    return rules


def unchecked(standards: Sequence[Standard], learned: Sequence[Standard]) -> tuple[Standard, ...]:
    """Naming and formatting standards that name ESLint as their checker where no kept
    rule checks them (parse-server's camelCase functions, when `camelcase` was left out
    of the probe's rules; an import style, which none does), without ESLint: the playbook
    must not say a tool checks what it never reports."""
    kept = {s.language: s.parameters.get("rules") for s in learned}
    return tuple(
        replace(s, targets=tuple(t for t in s.targets if t != "eslint"))
        for s in standards
        if "eslint" in s.targets
        and isinstance(rules := kept.get(s.language), Mapping)
        and not _checks(s, rules)
    )


def _checks(s: Standard, rules: Mapping[str, object]) -> bool:
    """Whether the kept `rules` (name -> setting as JSON) check the standard: a naming or
    formatting one by its rule; any other by the plugin or a rule of its own."""
    kind = s.id.split(".", 2)[2]
    if s.category == "formatting" and kind in HABITS:
        return HABITS[kind] in rules
    if s.category != "naming" or kind not in SELECTORS:
        return True
    return _names(kind, s.language, rules)


def _names(kind: str, language: str, rules: Mapping[str, object]) -> bool:
    """Whether the kept `rules` check names of `kind`."""
    if language != "typescript":
        plugin = kind in ("method-case", "class-case")  # the plugin's own rules
        return plugin or (kind in ("function-case", "variable-case") and "camelcase" in rules)
    setting = rules.get("@typescript-eslint/naming-convention")
    options = json.loads(setting)[1:] if isinstance(setting, str) else []
    return any(isinstance(o, dict) and o.get("selector") == SELECTORS[kind] for o in options)
