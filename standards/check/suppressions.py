"""Inline suppressions of our own checks, written the way linters' users already do:
`# standards: ignore[<id>, <id>] <reason>` (`//` in JavaScript and TypeScript) at the end
of the offending line, or alone on the line above it. Only real comments count, as the
language's grammar finds them: the same words in a string or a docstring are text.

Why: some exceptions are deliberate, and the place to say so is next to the code, with
the reason, where a reviewer sees both. A suppression without a reason is itself a
violation (`standards.suppression-reason`), as is one that suppresses nothing
(`standards.unused-suppression`): a stale exception hides the next real one.
Only our checks are suppressed here (`standards check`'s own, and our rules inside the
generated ESLint plugin); each linter keeps its own comments (`# noqa`, `eslint-disable`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from standards.languages import language_for, name_for
from standards.languages.syntax import Comment
from standards.model import Standard, Violation

TOOL = "standards"
REASON_RULE = "standards.suppression-reason"
UNUSED_RULE = "standards.unused-suppression"
CHECKED_BY = {"standards-check": TOOL}
"""The target named by a language's CHECKER, where the two names differ."""
PLUGIN_PREFIX = "standards/"
"""How ESLint names the rules of our generated plugin (`standards/class-affix`)."""


@dataclass(frozen=True, order=True)
class Suppression:
    """One comment: the standard ids it names, why, and the lines it covers (its own,
    and the next line of code when it stands alone)."""

    path: str
    line: int
    ids: tuple[str, ...]
    reason: str
    covers: tuple[int, ...]


@dataclass(frozen=True, order=True)
class Suppressed:
    """A violation a suppression comment holds back, with the reason it gives."""

    violation: Violation
    reason: str


@dataclass(frozen=True)
class Outcome:
    """What suppressions leave: violations still reported, those suppressed, and the
    suppressions that are violations themselves (no reason, nothing suppressed)."""

    kept: tuple[Violation, ...]
    suppressed: tuple[Suppressed, ...]
    problems: tuple[Violation, ...]


COMMENT = re.compile(r"(?:#|//|/\*+)\s*standards:\s*ignore\[([^\]]*)\][ \t]*(.*?)\s*(?:\*+/)?")


def find(path: str, source: bytes, comments: Sequence[Comment]) -> list[Suppression]:
    """The suppressions among one file's comments (as its grammar finds them, so text in
    a string never counts)."""
    lines = source.decode("utf-8", "replace").splitlines()
    alone = {c.line for c in comments if c.alone}
    found = []
    for c in comments:
        match = COMMENT.fullmatch(c.text.splitlines()[0].strip()) if c.text else None
        if match is None:
            continue
        ids = tuple(i.strip() for i in match.group(1).split(",") if i.strip())
        covers = (c.line, *([_next_code(lines, c.line, alone)] if c.alone else []))
        found.append(Suppression(path, c.line, ids, match.group(2), covers))
    return found


def _next_code(lines: Sequence[str], line: int, comments: Collection[int]) -> int:
    """The first line after `line` that is neither blank nor only a comment."""
    for later in range(line + 1, len(lines) + 1):
        if lines[later - 1].strip() and later not in comments:
            return later
    return line


def read(root: Path, paths: Iterable[str]) -> list[Suppression]:
    """Every suppression comment in the given files of the languages we read."""
    found = []
    for path in paths:
        source = (root / path).read_bytes() if name_for(path) is not None else b""
        if b"standards:" in source and (language := language_for(path)) is not None:
            found += find(path, source, language.comments(path, source))
    return found


def ours(v: Violation) -> bool:
    """A finding of our own checks, which only our comments suppress."""
    return v.tool == TOOL or v.rule.startswith(PLUGIN_PREFIX)


def apply(
    violations: Sequence[Violation],
    suppressions: Sequence[Suppression],
    standards: Sequence[Standard],
    ran: Collection[str],
) -> Outcome:
    """Hold back what the comments name; report the comments that give no reason or
    suppress nothing, where the target that checks their file's language ran."""
    names = _names(standards, plugin=any(v.rule.startswith(PLUGIN_PREFIX) for v in violations))
    kept, suppressed, used = [], [], set()
    for v in violations:
        match = next((s for s in suppressions if _covers(s, v, names)), None) if ours(v) else None
        if match is None:
            kept.append(v)
        else:
            suppressed.append(Suppressed(v, match.reason))
            used.add(match)
    judged = [s for s in suppressions if _checker(s.path) in ran]
    problems = [_no_reason(s) for s in judged if not s.reason]
    problems += [_unused(s) for s in judged if s not in used]
    return Outcome(tuple(kept), tuple(sorted(suppressed)), tuple(sorted(problems)))


def _checker(path: str) -> str | None:
    """The target that runs our checks on the file's language."""
    language = language_for(path)
    return CHECKED_BY.get(language.CHECKER, language.CHECKER) if language else None


def _names(standards: Sequence[Standard], plugin: bool) -> dict[str, set[str]]:
    """The ids a comment may name for each reported rule: a standard's own id, and for
    a rule of our ESLint plugin (when it reported any), the ids of the standards it
    enforces."""
    names: dict[str, set[str]] = {s.id: {s.id} for s in standards}
    if not plugin:
        return names
    from standards.targets.eslint.checks import plugin_rule  # ESLint's code, for its findings

    for s in standards:
        if rule := plugin_rule(s):
            names.setdefault(PLUGIN_PREFIX + rule, set()).add(s.id)
    return names


def _covers(s: Suppression, v: Violation, names: dict[str, set[str]]) -> bool:
    named = names.get(v.rule, set()) | {v.rule}
    return s.path == v.path and v.line in s.covers and not named.isdisjoint(s.ids)


def _no_reason(s: Suppression) -> Violation:
    named = ", ".join(s.ids) or "nothing"
    return Violation(
        s.path,
        s.line,
        REASON_RULE,
        f"the suppression of {named} gives no reason; say why after the brackets",
        TOOL,
    )


def _unused(s: Suppression) -> Violation:
    named = ", ".join(s.ids) or "no id"
    return Violation(
        s.path,
        s.line,
        UNUSED_RULE,
        f"the suppression of {named} suppresses nothing here; remove it",
        TOOL,
    )
