"""Every rule the pinned ESLint, typescript-eslint and @stylistic offer, with what the probe
needs to know of each: deprecated rules and rules that need type information are never
candidates, and a typescript-eslint rule that extends a core rule replaces it in TS files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from standards import node
from standards.targets import ToolError

SCRIPT = """
import { builtinRules } from "eslint/use-at-your-own-risk";
import tseslint from "typescript-eslint";
import stylistic from "@stylistic/eslint-plugin";
const meta = (r) => [!!r.meta?.deprecated, !!r.meta?.docs?.requiresTypeChecking,
  r.meta?.docs?.extendsBaseRule ?? null];
const all = {};
for (const [n, r] of builtinRules) all[n] = meta(r);
const typed = Object.entries(tseslint.plugin.rules);
for (const [n, r] of typed) all["@typescript-eslint/" + n] = meta(r);
for (const [n, r] of Object.entries(stylistic.rules)) all["@stylistic/" + n] = meta(r);
console.log(JSON.stringify(all));
"""
INERT = ("no-restricted-", "id-match", "id-denylist")
"""Rules that only do something with options a team chooses: passing them says nothing."""


@dataclass(frozen=True)
class Rule:
    name: str
    deprecated: bool
    typed: bool
    replaces: str | None
    """The core rule a typescript-eslint rule extends (`no-unused-vars`), if any."""

    @property
    def candidate(self) -> bool:
        inert = self.name.split("/")[-1].startswith(INERT)
        return not (self.deprecated or self.typed or inert)


@cache
def catalog(out: Path) -> dict[str, Rule]:
    """The rules of the installed tools, read from the tools themselves."""
    try:
        done = node.script(out, SCRIPT)
    except node.NodeError as error:
        raise ToolError(str(error)) from error
    if done.returncode != 0:
        raise ToolError(f"could not list ESLint's rules: {done.stderr.strip()[:200]}")
    found: dict[str, list[object]] = json.loads(done.stdout)
    rules = {}
    for name, (deprecated, typed, base) in found.items():
        replaces = (name.split("/")[-1] if base is True else base) if base else None
        rules[name] = Rule(
            name, bool(deprecated), bool(typed), replaces if isinstance(replaces, str) else None
        )
    return rules
