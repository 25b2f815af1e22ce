"""Presenting an analysis: a summary table for people, JSON for programs.

Rendering is kept apart from computing: the pipeline returns a `Result`, and this module
only formats it.
"""

from __future__ import annotations

import json
from collections import Counter

from rich.console import Console
from rich.table import Table
from rich.text import Text

from standards.model import Level, Standard
from standards.pipeline import Result
from standards.store import standard_dict


def text(result: Result, console: Console) -> None:
    """The standards found, what was skipped and why, and what verification showed."""
    analysis = result.analysis
    table = Table(title=f"Standards learned from {analysis.root.name or analysis.root}")
    for column in ("standard", "level", "followed", "confidence", "learned"):
        table.add_column(column)
    for s in analysis.standards:
        ev = s.evidence
        style = "green" if s.level is Level.ENFORCE else "yellow"
        table.add_row(
            Text(s.id),
            Text(s.level.value, style=style),
            f"{ev.followed}/{ev.total}",
            f"{s.confidence:.2f}",
            Text(_params(s)),
        )
    console.print(table)
    for line in _summary(result):
        console.print(line, markup=False, highlight=False)


def _params(s: Standard) -> str:
    shown = [f"{k}={v}" for k, v in s.parameters.items() if isinstance(v, (str, int, float))]
    return ", ".join(shown)[:60]


def _summary(result: Result) -> list[str]:
    analysis = result.analysis
    facts = analysis.facts
    source = analysis.settings.source
    settings = [f"settings: from {source}" if source else "settings: defaults"]
    lines = [f"{len(facts)} files analyzed, {sum(f.lines for f in facts)} lines"]
    skipped = Counter(s.reason.value for s in analysis.discovery.skipped)
    if skipped:
        lines.append("skipped: " + ", ".join(f"{n} {r}" for r, n in sorted(skipped.items())))
    lines += [f"problem: {f.path}: {p}" for f in facts for p in f.problems]
    for v in result.verifications:
        state = "ok" if v.ok else f"FAILED: {v.message}"
        lines.append(
            f"verify {v.tool}: {state}; {v.rules_enabled} rules enabled, "
            f"{len(v.violations)} findings baselined"
        )
    lines += settings
    lines.append(f"wrote {len(result.written)} files to {result.out}")
    return lines


def json_(result: Result) -> str:
    """The whole result as one JSON document, deterministic for the same input."""
    analysis = result.analysis
    document = {
        "files": len(analysis.facts),
        "lines": sum(f.lines for f in analysis.facts),
        "skipped": [{"path": s.path, "reason": s.reason.value} for s in analysis.discovery.skipped],
        "problems": [{"path": f.path, "problem": p} for f in analysis.facts for p in f.problems],
        "standards": [standard_dict(s) for s in analysis.standards],
        "verifications": [
            {
                "tool": v.tool,
                "ok": v.ok,
                "rules_enabled": v.rules_enabled,
                "baselined": len(v.violations),
                "message": v.message,
            }
            for v in result.verifications
        ],
        "out": str(result.out),
        "written": list(result.written),
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def explain(s: Standard, console: Console) -> None:
    """One standard: its rule, why, what was learned, and where the evidence is."""
    ev = s.evidence
    console.print(f"[bold]{s.id}[/] ({s.level}, confidence {s.confidence:.2f})", highlight=False)
    for line in (s.rule, f"why: {s.why}", f"followed: {ev.followed}/{ev.total}"):
        console.print(line, markup=False, highlight=False)
    for key, value in s.parameters.items():
        console.print(f"  {key}: {value}", markup=False, highlight=False)
    for title, examples in (("examples", ev.examples), ("counter-examples", ev.counter_examples)):
        if examples:
            console.print(f"{title}:", highlight=False)
        for e in examples:
            console.print(f"  {e.path}:{e.line}  {e.detail}", markup=False, highlight=False)
