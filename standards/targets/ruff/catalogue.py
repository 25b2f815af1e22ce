"""Ruff's own catalogue of rules, read from the installed ruff, never from a list of ours.

Why: the probe selects ALL and keeps what the code passes, so it must know each code's
status (stable, preview, deprecated, removed) and family (the prefix people select:
`B`, `C4`, pycodestyle's `E`/`W`, Pylint's `PLC`/`PLE`/`PLR`/`PLW`), and which rules a
settings combination really enables. Ruff answers all three (`ruff rule --all`,
`ruff linter`, `--show-settings`), so a ruff upgrade brings its new rules with it.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from functools import cache
from typing import Any

from standards.targets import ToolError, runs
from standards.targets.ruff.binary import ruff

STABLE = "stable"
VERSION = re.compile(r"\bpy3(\d+)\b")
ENABLED = re.compile(r"\(([A-Z]+[0-9]+)\),?$")


@dataclass(frozen=True, order=True)
class Rule:
    code: str
    name: str
    family: str
    status: str
    """stable, preview, deprecated or removed: only stable rules are ever selected."""


def _ruff(*args: str) -> str:
    """What ruff prints; while a target learns, remembered per build of ruff (the
    catalogue is 0.2 s of learning again after an edit)."""
    return runs.whole("ruff", args, str, lambda: _printed(args))


def _printed(args: tuple[str, ...]) -> str:
    done = subprocess.run([*ruff(), *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ToolError(f"ruff {' '.join(args)}: {done.stderr.strip()[:200]}")
    return done.stdout


@cache
def rules() -> dict[str, Rule]:
    """Every rule ruff knows, by code."""
    prefixes = _family_prefixes()
    found = {}
    for item in json.loads(_ruff("rule", "--all", "--output-format", "json")):
        code = item.get("code")
        if not code:  # a preview rule without a code yet cannot be selected
            continue
        family = next((p for p in prefixes.get(item["linter"], ()) if code.startswith(p)), code)
        found[code] = Rule(code, item["name"], family, _status(item))
    return found


def _family_prefixes() -> dict[str, tuple[str, ...]]:
    """Each linter's selectable prefixes: its own, or one per category (E, W, PLC...)."""
    result = {}
    for linter in json.loads(_ruff("linter", "--output-format", "json")):
        categories = [linter["prefix"] + c["prefix"] for c in linter.get("categories") or ()]
        result[linter["name"]] = tuple(categories or [linter["prefix"]])
    return result


def _status(item: dict[str, Any]) -> str:
    status = item.get("status")
    name = next(iter(status)) if isinstance(status, dict) else str(status or "")
    if item.get("preview") and name.lower() == STABLE:
        return "preview"
    return name.lower() or ("preview" if item.get("preview") else STABLE)


def stable() -> tuple[str, ...]:
    return tuple(sorted(code for code, rule in rules().items() if rule.status == STABLE))


def family(code: str) -> str:
    """The selectable family prefix of `code` (`E` for E501, `PLR` for PLR0913)."""
    rule = rules().get(code)
    return rule.family if rule else code


def families() -> frozenset[str]:
    return frozenset(rule.family for rule in rules().values())


@cache
def enabled(select: tuple[str, ...], options: tuple[str, ...] = ()) -> frozenset[str]:
    """The codes ruff enables for `select` with `--config` `options` (conventions
    switch docstring rules off, conflicting pairs drop one side). Ruff shows settings
    for a file, so it is asked about this one, in isolation from any config."""
    args = ("--isolated", "--show-settings", "--select", ",".join(select), *options, __file__)
    text = _ruff("check", *args)
    block = text.split("linter.rules.enabled = [", 1)[-1].split("]", 1)[0]
    return frozenset(m[1] for line in block.splitlines() if (m := ENABLED.search(line.strip())))


@cache
def accepts(options: tuple[tuple[str, str], ...]) -> bool:
    """Whether ruff accepts these settings (dotted key, TOML value): a team's config may
    hold keys or values this ruff does not know."""
    args = [a for key, value in options for a in ("--config", f"{key} = {value}")]
    done = subprocess.run(
        [*ruff(), "check", "--isolated", "--show-settings", *args, __file__],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode == 0


@cache
def target_versions() -> tuple[int, ...]:
    """The Python 3 minor versions ruff can target, oldest first."""
    return tuple(sorted({int(m) for m in VERSION.findall(_ruff("check", "--help"))}))
