"""Analyzers: one heuristic per module, each mining `Standard`s from all files' facts.

Every analyzer module has a docstring (what it detects, why it matters, what it emits),
an `analyze(facts)` function, and `EXAMPLES`: small snippets with the standards they must
yield, which one test runs for every registered analyzer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from standards.languages import Language
from standards.model import FileFacts, Level, Param, Standard


@dataclass(frozen=True)
class AnalyzerExample:
    """Source files (path -> text) and the standards they must yield (id -> level, params).

    Only the parameters named in `expect` are compared, so an example states what it
    is about and nothing more.
    """

    files: Mapping[str, str]
    expect: Mapping[str, tuple[Level, Mapping[str, Param]]]
    absent: tuple[str, ...] = ()


class Analyzer(Protocol):
    EXAMPLES: tuple[AnalyzerExample, ...]

    def analyze(self, facts: Sequence[FileFacts], language: Language) -> list[Standard]:
        """Standards of one language; `facts` are the whole repo's, so an analyzer can
        see what another language declares (a Prisma schema for TypeScript queries)."""
        ...


from standards.analyzers import (  # noqa: E402 - the Protocol above is what they satisfy
    controllers,
    families,
    file_roles,
    formatting,
    indexes,
    layering,
    logic,
    naming,
    recipes,
    sizes,
    tests_layout,
    typing_,
)

ANALYZERS: dict[str, Analyzer] = {
    "naming": naming,
    "file_roles": file_roles,
    "families": families,
    "logic": logic,
    "recipes": recipes,
    "layering": layering,
    "controllers": controllers,
    "indexes": indexes,
    "sizes": sizes,
    "formatting": formatting,
    "typing": typing_,
    "tests": tests_layout,
}
