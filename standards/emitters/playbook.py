"""`playbook.md`: the repo's own rules, short and with evidence, for agents and people.

Agents read it as context before they change code, so it says only what the repo's code
shows: each rule with how often it is followed, one real example and one
counter-example, and the commands that check a change. No generic advice.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from standards.model import Analysis, Change, GeneratedFile, Standard
from standards.templating import render

FILE_NAME = "playbook.md"
SECTIONS = (
    ("layering", "Layering rules"),
    ("controllers", "Handlers and services"),
    ("indexes", "Indexes"),
    ("naming", "Naming"),
    ("sizes", "Size limits"),
    ("formatting", "Formatting and imports"),
    ("typing", "Typing"),
    ("tests", "Tests"),
    ("lint", "Lint rules"),
)


def emit(analysis: Analysis, out: str) -> tuple[GeneratedFile, ...]:
    by_category: dict[str, list[Standard]] = {}
    for s in sorted(analysis.standards, key=lambda s: s.id):
        by_category.setdefault(s.category, []).append(s)
    sections = [
        (title, by_category[category]) for category, title in SECTIONS if category in by_category
    ]
    text = render(
        "playbook/playbook.md.j2",
        repo=analysis.root.name,
        files=len(analysis.facts),
        lines=sum(f.lines for f in analysis.facts),
        sections=sections,
        layers=_layers(by_category.get("layering", [])),
        standards=sorted(analysis.standards, key=lambda s: s.id),
    )
    return (GeneratedFile(FILE_NAME, text),)


def _layers(standards: Sequence[Standard]) -> Sequence[object]:
    direction = [s for s in standards if s.id == "layering.python.direction"]
    return direction[0].parameters["layers"] if direction else ()  # type: ignore[return-value]


def wire(root: Path, out: Path) -> tuple[Change, ...]:
    return ()
