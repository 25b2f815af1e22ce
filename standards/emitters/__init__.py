"""Emitters: the files no single tool owns (standards.json, the playbook, pre-commit, CI).

An emitter never sees a syntax tree and never writes: it returns `GeneratedFile`s, and
the pipeline writes them, so output stays byte-identical and testable in memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from standards.model import Analysis, Change, GeneratedFile


class Emitter(Protocol):
    def emit(self, analysis: Analysis, out: str) -> tuple[GeneratedFile, ...]:
        """The files to write; `out` is the output folder relative to the repo root
        (POSIX), for paths the generated files name."""
        ...

    def wire(self, root: Path, out: Path) -> tuple[Change, ...]:
        """Edits that make the repo's own config use the generated one (install)."""
        ...


from standards.emitters import (  # noqa: E402 - the Protocol above is what they satisfy
    agents,
    ci,
    playbook,
    precommit,
    standards_json,
)

EMITTERS: dict[str, Emitter] = {
    "standards-json": standards_json,
    "playbook": playbook,
    "pre-commit": precommit,
    "ci": ci,
    "agents": agents,
}
