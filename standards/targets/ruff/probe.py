"""Ruff, run for real to learn which rules the repo already obeys.

`probe` runs every candidate rule with the learned settings and keeps the rules that at
least 95% of files already pass (a family stays selected, its failing codes ignored);
rules that enforce a learned standard stay, since the standard's evidence already holds.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from standards.analyzers import roles
from standards.analyzers.evidence import ENFORCE_RATIO, evidence, standard
from standards.model import Example, Param, Standard
from standards.targets.ruff import settings as ruff_config
from standards.targets.ruff.run import run_ruff


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
        language="python",
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


def _toml(value: Param) -> str:
    return json.dumps(value) if isinstance(value, str) else str(value).lower()
