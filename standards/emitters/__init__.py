"""Emitters: the files no single tool owns (standards.json, the playbook, pre-commit).

An emitter never sees a syntax tree and never writes: it returns `GeneratedFile`s, and
the pipeline writes them, so output stays byte-identical and testable in memory.
"""

from __future__ import annotations

from typing import Protocol

from standards.model import Analysis, GeneratedFile


class Emitter(Protocol):
    def emit(self, analysis: Analysis) -> tuple[GeneratedFile, ...]: ...


from standards.emitters import (  # noqa: E402 - the Protocol above is what they satisfy
    playbook,
    precommit,
    standards_json,
)

EMITTERS: dict[str, Emitter] = {
    "standards-json": standards_json,
    "playbook": playbook,
    "pre-commit": precommit,
}
