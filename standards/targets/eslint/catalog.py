"""Every rule the pinned ESLint, typescript-eslint and @stylistic offer, with what the probe
needs to know of each: deprecated rules and rules that need type information are never
candidates, and a typescript-eslint rule that extends a core rule replaces it in TS files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
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
    rules = {}
    for name, (deprecated, typed, base) in _listed(out).items():
        replaces = (name.split("/")[-1] if base is True else base) if base else None
        rules[name] = Rule(
            name, bool(deprecated), bool(typed), replaces if isinstance(replaces, str) else None
        )
    return rules


def _listed(out: Path) -> dict[str, list[object]]:
    """What SCRIPT prints, kept beside the installed tools after the first time: it
    changes only with them (or with the script), and Node takes a second to load them."""
    try:
        kept = node.installed().parent / f"rules-{hashlib.sha256(SCRIPT.encode()).hexdigest()[:16]}"
        if (found := _read(kept)) is not None:
            return found
        done = node.script(out, SCRIPT)
    except node.NodeError as error:
        raise ToolError(str(error)) from error
    if done.returncode != 0:
        raise ToolError(f"could not list ESLint's rules: {done.stderr.strip()[:200]}")
    listed: dict[str, list[object]] = json.loads(done.stdout)
    scratch = kept.with_name(f".{kept.name}.{os.getpid()}")
    with contextlib.suppress(OSError):  # not kept: listed again next time
        scratch.write_text(done.stdout, encoding="utf-8")
        os.replace(scratch, kept)
    return listed


def _read(path: Path) -> dict[str, list[object]] | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None
