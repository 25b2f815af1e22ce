"""Ruff, run for real: first to learn which rules the repo obeys, then to prove the config.

`probe` runs every candidate rule with the learned settings and keeps the rules that at
least 95% of files already pass (a family stays selected, its failing codes ignored);
rules that enforce a learned standard stay, since the standard's evidence already holds.
`verify` runs the emitted ruff.toml: a config ruff rejects is a bug, and what it finds
today becomes the baseline.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from standards.analyzers import roles
from standards.analyzers.evidence import ENFORCE_RATIO, evidence, standard
from standards.check.baseline import fingerprinted
from standards.check.ruff_runner import RuffError, run_ruff
from standards.emitters import ruff as ruff_config
from standards.model import Example, Param, Standard, Verification, Violation


def probe(root: Path, files: Sequence[str], standards: Sequence[Standard]) -> Standard:
    """The `lint.python.ruff-rules` standard: candidate rules the repo already obeys."""
    files = [p for p in files if not roles.is_tool_owned(p)]
    candidates = ruff_config.candidates(standards)
    options = ["--isolated", "--select", ",".join(candidates)]
    for key, value in sorted(ruff_config.settings(standards).items()):
        if not key.startswith("format."):
            options += ["--config", f"{key} = {_toml(value)}"]
    found = run_ruff(root, files, options)
    files_by_code: dict[str, set[str]] = defaultdict(set)
    for v in found:
        files_by_code[v.rule].add(v.path)
    allowed = (1 - ENFORCE_RATIO) * len(files)
    learned = set(ruff_config.learned_codes(standards))
    ignore = sorted(
        code for code, hit in files_by_code.items() if len(hit) > allowed and code not in learned
    )
    select = sorted(c for c in candidates if c not in ignore)
    kept = [v for v in found if v.rule not in ignore]
    dirty = {v.path for v in kept}
    return standard(
        ruff_config.RULES_ID,
        rule=f"Pass ruff with the {len(select)} rules the code already obeys.",
        why="Each selected rule is one at least 95% of files already pass, so the "
        "remaining findings are exceptions, not a new style.",
        parameters={"select": tuple(select), "ignore": tuple(ignore)},
        ev=evidence(
            [Example(p, 1, "clean") for p in files if p not in dirty],
            [Example(v.path, v.line, f"{v.rule} {v.message}") for v in kept],
        ),
        targets=("ruff",),
    )


def verify(root: Path, out: Path, files: Sequence[str]) -> Verification:
    """Run real ruff with the emitted config; its findings are today's baseline."""
    config = out / ruff_config.FILE_NAME
    try:
        found = run_ruff(root, files, ["--config", str(config)])
    except RuffError as error:
        return Verification("ruff", False, 0, (), f"ruff rejected {config}: {error}")
    select = _selected(out)
    violations: tuple[Violation, ...] = fingerprinted(root, found)
    return Verification("ruff", True, len(select), violations)


def _selected(out: Path) -> list[str]:
    standards_file = out / "standards.json"
    if not standards_file.exists():
        return []
    for item in json.loads(standards_file.read_text(encoding="utf-8"))["standards"]:
        if item["id"] == ruff_config.RULES_ID:
            return list(item["parameters"]["select"])
    return []


def _toml(value: Param) -> str:
    return json.dumps(value) if isinstance(value, str) else str(value).lower()
