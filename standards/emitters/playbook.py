"""`playbook.md`: the repo's own rules, short and with evidence, for agents and people.

Agents read it as context before they change code, so it says only what the repo's code
shows: how to add the things the repo has many of (recipes), then each rule with how
often it is followed, one real example and one counter-example, and the command that
checks it. It keeps to a word budget, the rules that apply most often and most surely
first; the rest stay in standards.json and `standards explain`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from standards.analyzers import layering
from standards.model import (
    Analysis,
    Change,
    FileFacts,
    GeneratedFile,
    Level,
    Param,
    Standard,
)
from standards.templating import render

FILE_NAME = "playbook.md"
SECTIONS = (
    ("structure", "Where code lives"),
    ("layering", "Layering rules"),
    ("controllers", "Request handlers"),
    ("indexes", "Indexes"),
    ("naming", "Naming"),
    ("sizes", "Size limits"),
    ("formatting", "Formatting and imports"),
    ("typing", "Typing"),
    ("tests", "Tests"),
    ("lint", "Lint rules"),
)
COMMANDS = {
    "ruff": "ruff check",
    "ruff-format": "ruff format --check",
    "standards-check": "standards check",
    "mypy": "mypy",
    "eslint": "eslint",
    "prettier": "prettier --check",
    "rubocop": "rubocop",
    "tsc": "tsc",
}
"""The command a reader runs to check a standard, by the target that enforces it."""


def emit(analysis: Analysis, out: str) -> tuple[GeneratedFile, ...]:
    ranked = sorted(analysis.standards, key=importance)
    low, high = 0, len(ranked)
    while low < high:  # the most standards, by rank, whose playbook fits the budget
        middle = (low + high + 1) // 2
        words = len(_render(analysis, ranked, middle).split())
        low, high = (
            (middle, high) if words <= analysis.settings.playbook_words else (low, middle - 1)
        )
    return (GeneratedFile(FILE_NAME, _render(analysis, ranked, low)),)


def importance(s: Standard) -> tuple[bool, float, str]:
    """Sort key, most important first: where new code goes (recipes and layers), then
    how often a standard applies times how sure it is."""
    first = "steps" in s.parameters or s.category == "layering"
    return (not first, -s.evidence.total * s.confidence, s.id)


def command(s: Standard) -> str | None:
    """The command that checks an enforced standard, if one does."""
    if s.level is not Level.ENFORCE:
        return None
    return next((COMMANDS[t] for t in s.targets if t in COMMANDS), None)


def _render(analysis: Analysis, ranked: Sequence[Standard], keep: int) -> str:
    kept = sorted(ranked[:keep], key=lambda s: s.id)
    recipes = sorted((s for s in kept if "steps" in s.parameters), key=importance)
    by_category: dict[str, list[Standard]] = {}
    for s in sorted(kept, key=importance):
        if "steps" not in s.parameters:
            by_category.setdefault(s.category, []).append(s)
    sections = [
        (title, [(s, command(s)) for s in by_category[category]])
        for category, title in SECTIONS
        if category in by_category
    ]
    return render(
        "playbook/playbook.md.j2",
        repo=analysis.root.name,
        files=len(analysis.facts),
        lines=sum(f.lines for f in analysis.facts),
        recipes=_headed(recipes),
        sections=sections,
        layering=_layers(kept, analysis.facts),
        left_out=len(ranked) - keep,
    )


def _headed(recipes: Sequence[Standard]) -> list[tuple[Standard, str]]:
    """Each recipe with its heading; headings that would repeat (two families of packages,
    an endpoint in each language) say where each one applies."""
    titles = Counter(_title(s) for s in recipes)
    return [(s, _title(s) if titles[_title(s)] == 1 else _placed(s)) for s in recipes]


def _title(s: Standard) -> str:
    return str(s.parameters["title"])


def _placed(s: Standard) -> str:
    """The title with where the recipe applies: its family's folder or its place, else
    its language."""
    folder = s.parameters.get("folder")
    where = f"{folder}/" if folder else s.parameters.get("where")
    return f"{_title(s)} in {where}" if where else f"{_title(s)} ({s.language})"


def _layers(standards: Sequence[Standard], facts: Sequence[FileFacts]) -> Mapping[str, Param]:
    """The layers of the repo's main language (the most lines), and its units in cycles,
    where it has them: an example app in another language is not where new code goes
    (each language's own rule stays in its section)."""
    lines: Counter[str] = Counter()
    for f in facts:
        lines[f.language] += f.lines
    main = max(sorted(lines), key=lines.__getitem__, default=None)
    direction = [
        s
        for s in standards
        if s.category == "layering" and "layers" in s.parameters and s.language == main
    ]
    if not direction:
        return {}
    found = direction[0].parameters
    layers = found["layers"]
    assert isinstance(layers, tuple)
    if len(layers) <= layering.LISTED:  # one by one with their paths, else by tier,
        # the first of a tier's names (a module per layer in a flat repo makes hundreds)
        return found
    tiers: dict[int, list[str]] = {}
    for layer in layers:
        assert isinstance(layer, Mapping) and isinstance(tier := layer["tier"], int)
        tiers.setdefault(tier, []).append(str(layer["name"]))
    listed = tuple(
        (tier, tuple(names[: layering.LISTED]), max(0, len(names) - layering.LISTED))
        for tier, names in tiers.items()
    )
    return {**found, "tiers": listed, "id": direction[0].id}


def wire(root: Path, out: Path) -> tuple[Change, ...]:
    return ()
