"""Presenting an analysis: a summary table for people, JSON for programs.

Rendering is kept apart from computing: the pipeline returns a `Result`, and this module
only formats it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from standards.model import Level, Standard
from standards.pipeline import Result
from standards.render import params
from standards.store import standard_dict

TABLE_ROOM = 60
"""Columns the table needs beside the ids; on a narrower terminal each standard is a
short paragraph instead, so an id is never cut (`standards explain` needs it whole)."""


PARAMS_ROOM = 60

PROBLEMS_SHOWN = 5
"""Problem files listed by name; the rest are counted by kind, and all are in the JSON."""


def text(result: Result, console: Console) -> None:
    """The standards found, what was skipped and why, and what verification showed."""
    title = f"Standards learned from {result.root.name or result.root}"
    widest = max((len(s.id) for s in result.standards), default=0)
    if console.width >= widest + TABLE_ROOM:
        console.print(_table(title, result.standards, widest))
    else:
        _paragraphs(title, result.standards, console)
    for line in _summary(result):
        console.print(line, markup=False, highlight=False)


def _table(title: str, standards: Sequence[Standard], widest: int) -> Table:
    """Ids never wrap; what was learned wraps instead."""
    table = Table(title=title)
    table.add_column("standard", no_wrap=True, min_width=widest)
    for column in ("level", "followed", "confidence"):
        table.add_column(column, no_wrap=True)
    table.add_column("learned", overflow="fold")
    for s in standards:
        table.add_row(Text(s.id), _level(s), _followed(s), f"{s.confidence:.2f}", Text(_params(s)))
    return table


def _paragraphs(title: str, standards: Sequence[Standard], console: Console) -> None:
    """One standard per paragraph: the id alone on its line, never wrapped, then the rest."""
    console.print(title, markup=False, highlight=False)
    for s in standards:
        console.print(Text(s.id, style="bold"), soft_wrap=True)
        rest = Text("  ").append(_level(s)).append(f" {_followed(s)} {s.confidence:.2f}")
        console.print(rest.append(f" {_params(s)}" if _params(s) else ""))


def _level(s: Standard) -> Text:
    return Text(s.level.value, style="green" if s.level is Level.ENFORCE else "yellow")


def _followed(s: Standard) -> str:
    return f"{s.evidence.followed}/{s.evidence.total}"


def _params(s: Standard) -> str:
    """The scalar parameters that fit in PARAMS_ROOM, whole; `explain` shows them all."""
    shown = ""
    for key, value in s.parameters.items():
        item = f"{key}={value}" if isinstance(value, (str, int, float)) else ""
        if item and len(shown) + len(item) > PARAMS_ROOM:
            return shown + ", …"
        shown += (", " if shown and item else "") + item
    return shown


def _summary(result: Result) -> list[str]:
    summary = result.summary
    source = result.settings.source
    settings = [f"settings: from {source}" if source else "settings: defaults"]
    lines = [f"{summary.files} files analyzed, {summary.lines} lines"]
    skipped = Counter(s.reason.value for s in summary.skipped)
    if skipped:
        lines.append("skipped: " + ", ".join(f"{n} {r}" for r, n in sorted(skipped.items())))
    lines += _problems(summary.problems)
    for v in result.verifications:
        state = "ok" if v.ok else f"FAILED: {v.message}"
        lines.append(
            f"verify {v.tool}: {state}; {v.rules_enabled} rules enabled, "
            f"{len(v.violations)} findings baselined"
        )
    lines += settings
    lines.append(f"wrote {len(result.written)} files to {result.out}")
    return lines


def _problems(found: Sequence[tuple[str, str]]) -> list[str]:
    """A count per kind of problem and the first few files: a release with hundreds of
    unreadable files stays a readable run (`--format json` lists them all)."""
    if len(found) <= PROBLEMS_SHOWN:
        return [f"problem: {path}: {problem}" for path, problem in found]
    kinds = Counter(re.split(r" at | \(", problem, maxsplit=1)[0] for _, problem in found)
    counted = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    rest = len(found) - PROBLEMS_SHOWN
    return [
        f"problems: {counted}; files read as far as they parse",
        *(f"problem: {path}: {problem}" for path, problem in found[:PROBLEMS_SHOWN]),
        f"... {rest} more problems, all listed by --format json",
    ]


def json_(result: Result) -> str:
    """The whole result as one JSON document, deterministic for the same input."""
    summary = result.summary
    document = {
        "files": summary.files,
        "lines": summary.lines,
        "skipped": [{"path": s.path, "reason": s.reason.value} for s in summary.skipped],
        "problems": [{"path": path, "problem": p} for path, p in summary.problems],
        "standards": [standard_dict(s) for s in result.standards],
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
    if s.parameters:
        console.print("learned:", highlight=False)
    for key, value in s.parameters.items():
        for line in params.lines(key, value):
            console.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)
    for title, examples in (("examples", ev.examples), ("counter-examples", ev.counter_examples)):
        if examples:
            console.print(f"{title}:", highlight=False)
        for e in examples:
            console.print(f"  {e.path}:{e.line}  {e.detail}", markup=False, highlight=False)
