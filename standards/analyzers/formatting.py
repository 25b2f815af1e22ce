"""Formatting: line length, quote style, indentation and import style the repo keeps.

Why: formatting disagreements are the cheapest review comments to automate away; a
config learned from the code changes nothing that is already consistent.
Emits `formatting.python.line-length`, `.quotes`, `.indentation` and `.import-style`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from standards.analyzers import AnalyzerExample, roles
from standards.analyzers.evidence import counted, evidence, first, standard
from standards.languages import Language
from standards.model import Evidence, Example, FileFacts, Level, Standard

LINE_LIMITS = (79, 88, 99, 100, 110, 119, 120, 140, 160)
"""The limits teams actually pick; the learned one is the smallest the code keeps to."""

LINE_SLACK = 0.001
"""Share of lines that may exceed the learned limit (URLs, tables, `noqa`-marked lines)."""


@dataclass(frozen=True)
class Wording:
    """How the playbook states a habit: `rules` by choice, or `rule` with the choice."""

    why: str
    rule: str = ""
    rules: Mapping[str, str] = field(default_factory=dict)
    counted: str = "{count} {choice}"
    prefer: str = ""
    """The choice that wins a tie."""
    alike: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Other choices a style's rule allows: its followers too, never its exceptions."""

    def detail(self, count: int, choice: str) -> str:
        return self.counted.format(count=count, choice=choice)


HABITS = {
    "quotes": Wording(
        why="One quote style makes strings uniform and diffs about content only.",
        rule="Use {} quotes for strings (unless the string contains one).",
        counted="{count} {choice}-quoted",
        prefer="double",
    ),
    "semicolons": Wording(
        why="Statements ended one way read alike, and automatic semicolon insertion "
        "surprises nobody.",
        rules={
            "always": "End statements with semicolons.",
            "never": "Leave semicolons off the ends of statements.",
        },
        counted="{count} statements ({choice} semicolons)",
    ),
    "trailing-commas": Wording(
        why="A trailing comma in a multi-line list keeps every diff to the lines it changes.",
        rules={
            "always": "Put a comma after the last item of lists written over several lines.",
            "never": "Leave no comma after the last item of a list.",
        },
        counted="{count} multi-line lists ({choice} a trailing comma)",
    ),
    "declarations": Wording(
        why="Declaring bindings one way tells readers which ones change.",
        rules={
            "const": "Declare with const, and let only for bindings that change; never var.",
            "let": "Declare with let (or const); never var.",
            "var": "Declare with var, as the rest of the code does.",
        },
        counted="{count} {choice} declarations",
        alike={"const": ("let",), "let": ("const",)},  # a binding that changes takes let
    ),
    "functions": Wording(
        why="Module functions written one way are found and read the same way.",
        rules={
            "declaration": "Write module-level functions as function declarations.",
            "arrow": "Write module-level functions as arrow functions bound to a const.",
        },
        counted="{count} module functions as {choice}s",
    ),
    "frozen-string-literal": Wording(
        why="The magic comment freezes every string literal in a file; files that differ "
        "behave differently when a literal is mutated.",
        rules={
            "always": "Start Ruby files with `# frozen_string_literal: true`.",
            "never": "Leave the frozen string literal comment out, as the rest of the code does.",
        },
        counted="{count} files ({choice} the comment)",
    ),
    "hash-syntax": Wording(
        why="Hashes with symbol keys written one way read alike.",
        rules={
            "ruby19": "Write symbol keys as `key: value`.",
            "hash_rockets": "Write symbol keys as `:key => value`.",
        },
        counted="{count} symbol keys ({choice})",
    ),
    "def-parentheses": Wording(
        why="Parameters written one way make method signatures easy to scan.",
        rules={
            "require_parentheses": "Put a method's parameters in parentheses.",
            "require_no_parentheses": "Write a method's parameters without parentheses.",
        },
        counted="{count} methods ({choice})",
    ),
}
"""Every style question a language counts (`Habit.name`), in the playbook's words."""


def analyze(facts: Sequence[FileFacts], language: Language) -> list[Standard]:
    authored = [f for f in roles.authored(facts, language.NAME) if f.lines]
    if not authored:
        return []
    found: list[Standard | None] = [_line_length(language, authored)]
    found += [_habit(language, name, authored) for name in sorted(_habit_names(authored))]
    found += [_indentation(language, authored), _import_style(language, authored)]
    return [s for s in found if s is not None]


def _longest(f: FileFacts) -> int:
    return max((length for length, _, _ in f.style.line_lengths), default=0)


def _over(f: FileFacts, limit: int) -> int:
    return sum(count for length, count, _ in f.style.line_lengths if length > limit)


def _first_over(f: FileFacts, limit: int) -> int:
    return min(line for length, _, line in f.style.line_lengths if length > limit)


def _line_length(language: Language, facts: Sequence[FileFacts]) -> Standard:
    """The smallest usual limit nearly all lines keep, found from the repo's histogram of
    line lengths (each file's is read once: there are hundreds of thousands of lines)."""
    lengths: dict[int, int] = {}
    for f in facts:
        for length, count, _ in f.style.line_lengths:
            lengths[length] = lengths.get(length, 0) + count
    lines = sum(lengths.values())

    def over(limit: int) -> int:
        return sum(count for length, count in lengths.items() if length > limit)

    limit = next((n for n in LINE_LIMITS if over(n) <= LINE_SLACK * lines), LINE_LIMITS[-1])
    per_file = [(f, _over(f, limit)) for f in facts]
    ev = Evidence(
        followed=lines - over(limit),
        total=lines,
        examples=first(
            Example(f.path, 1, f"longest line {_longest(f)}") for f, n in per_file if not n
        ),
        counter_examples=first(
            Example(f.path, _first_over(f, limit), f"{n} lines over {limit}")
            for f, n in per_file
            if n
        ),
    )
    return standard(
        f"formatting.{language.NAME}.line-length",
        language=language.NAME,
        rule=f"Keep lines at most {limit} characters long.",
        why="The repo's lines already fit this width; longer lines break side-by-side review.",
        parameters={"max": limit},
        ev=ev,
        targets=(language.LINTER, "playbook"),
    )


def _habit_names(facts: Sequence[FileFacts]) -> set[str]:
    return {h.name for f in facts for h in f.style.habits}


def _habit(language: Language, name: str, facts: Sequence[FileFacts]) -> Standard | None:
    """The answer most occurrences give to one style question; files that answer
    otherwise are counter-examples, at their first line that does."""
    wording = HABITS.get(name)
    counts: Counter[str] = Counter()
    for f in facts:
        counts.update({h.choice: h.count for h in f.style.habits if h.name == name})
    if wording is None or not counts:
        return None
    style = max(sorted(counts), key=lambda choice: (counts[choice], choice == wording.prefer))
    follows = {style, *wording.alike.get(style, ())}
    good: list[Example] = []
    bad: list[Example] = []
    for f in facts:
        found = f.style.habit(name)
        if found:
            off = [h for choice, h in sorted(found.items()) if choice not in follows]
            shown = off or [found.get(style) or next(iter(found.values()))]
            detail = wording.detail(sum(h.count for h in shown), shown[0].choice)
            (bad if off else good).append(Example(f.path, min(h.line for h in shown), detail))
    ev = evidence(good, bad)
    return standard(
        f"formatting.{language.NAME}.{name}",
        language=language.NAME,
        rule=wording.rules[style] if style in wording.rules else wording.rule.format(style),
        why=wording.why,
        parameters={"style": style},
        ev=replace(ev, followed=sum(counts[c] for c in follows), total=sum(counts.values())),
        targets=(language.LINTER, "playbook"),
    )


def _indentation(language: Language, facts: Sequence[FileFacts]) -> Standard | None:
    steps: Counter[int] = Counter()
    for f in facts:
        steps.update(dict(f.style.indent_widths))
    if not steps:
        return None
    width = steps.most_common(1)[0][0]
    good = [Example(f.path, 1, f"{width}-space") for f in facts if _width_of(f) == width]
    bad = [
        Example(f.path, 1, "tabs" if f.style.tab_indented_lines else f"{_width_of(f)}-space")
        for f in facts
        if _width_of(f) not in (width, None)
    ]
    return standard(
        f"formatting.{language.NAME}.indentation",
        language=language.NAME,
        rule=f"Indent blocks by {width} spaces.",
        why="Mixed indentation misleads readers about structure.",
        parameters={"width": width},
        ev=evidence(good, bad),
        targets=(language.LINTER, "playbook"),
    )


def _width_of(f: FileFacts) -> int | None:
    if f.style.tab_indented_lines:
        return 0
    steps = dict(f.style.indent_widths)
    return max(steps, key=lambda w: (steps[w], -w)) if steps else None


def _import_style(language: Language, facts: Sequence[FileFacts]) -> Standard | None:
    local = [
        (f.path, i)
        for f in facts
        for i in f.imports
        if (i.relative or i.target) and not i.reference
    ]
    if not local:
        return None
    relative = sum(1 for _, i in local if i.relative)
    style = "relative" if relative > len(local) - relative else "absolute"
    good = [(p, i.line, i.module) for p, i in local if i.relative == (style == "relative")]
    bad = [(p, i.line, i.module) for p, i in local if i.relative != (style == "relative")]
    return standard(
        f"formatting.{language.NAME}.import-style",
        language=language.NAME,
        rule=f"Import the repo's own modules with {style} imports.",
        why="One import style keeps modules movable in one way and grep-able by path.",
        parameters={"style": style},
        ev=counted(good, bad),
        targets=(language.LINTER, "playbook"),
    )


EXAMPLES = (
    AnalyzerExample(
        files={
            f"pkg/m{i}.py": f'from pkg import base\n\nNAME = "m{i}"\n\n\ndef f():\n'
            f'    if NAME:\n        return "{i}"\n'
            for i in range(6)
        }
        | {"pkg/__init__.py": "", "pkg/base.py": 'VALUE = "x"\n'},
        expect={
            "formatting.python.quotes": (Level.ENFORCE, {"style": "double"}),
            "formatting.python.line-length": (Level.ENFORCE, {"max": 79}),
            "formatting.python.indentation": (Level.ENFORCE, {"width": 4}),
            "formatting.python.import-style": (Level.ENFORCE, {"style": "absolute"}),
        },
    ),
    AnalyzerExample(  # Ruby names constants autoloading resolves: no import statement
        files={
            f"app/models/m{i}.rb": f"class M{i} < Base\n  def f\n    Base.new\n  end\nend\n"
            for i in range(6)
        }
        | {"app/services/base.rb": "class Base\nend\n"},
        expect={},
        absent=("formatting.ruby.import-style",),
    ),
    AnalyzerExample(  # let where a binding changes follows "const, and let where it changes"
        files={
            f"src/m{i}.js": f"const a = {i};\nconst d = 2;\nlet b = d;\nb += a;\nexport {{ b }};\n"
            for i in range(6)
        }
        | {"src/only_let.js": "let c = 1;\nc += 1;\nexport { c };\n"},
        expect={"formatting.javascript.declarations": (Level.ENFORCE, {"style": "const"})},
    ),
)
