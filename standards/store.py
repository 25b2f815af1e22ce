"""`standards.json` as data: how a standard is written and read back.

It sits at the bottom, beside the model, so `standards check` and `explain` read the
generated standards without loading the emitters that wrote them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from standards.model import Evidence, Example, Level, Param, Settings, Standard

FILE_NAME = "standards.json"


def settings_dict(settings: Settings) -> dict[str, Any]:
    """The settings an analysis ran with, keyed as a team writes them, and their file."""
    values = {f.name.replace("_", "-"): getattr(settings, f.name) for f in fields(settings)}
    values["source"] = settings.source or "defaults"
    return {k: list(v) if isinstance(v, tuple) else v for k, v in sorted(values.items())}


def standard_dict(s: Standard) -> dict[str, Any]:
    """One standard as plain JSON data."""
    ev = s.evidence
    return {
        "id": s.id,
        "language": s.language,
        "category": s.category,
        "level": s.level.value,
        "rule": s.rule,
        "why": s.why,
        "parameters": _plain(s.parameters),
        "evidence": {
            "followed": ev.followed,
            "total": ev.total,
            "ratio": round(ev.ratio, 3),
            "examples": [_example(e) for e in ev.examples],
            "counter_examples": [_example(e) for e in ev.counter_examples],
        },
        "confidence": s.confidence,
        "targets": list(s.targets),
    }


def load_standards(text: str) -> tuple[Standard, ...]:
    """The standards of a `standards.json`, as the analysis that wrote it had them."""
    return tuple(_standard(item) for item in json.loads(text)["standards"])


def _standard(item: Mapping[str, Any]) -> Standard:
    ev = item["evidence"]
    return Standard(
        id=item["id"],
        language=item["language"],
        rule=item["rule"],
        why=item["why"],
        parameters=_frozen(item["parameters"]),  # type: ignore[arg-type]
        evidence=Evidence(
            ev["followed"],
            ev["total"],
            tuple(Example(**e) for e in ev["examples"]),
            tuple(Example(**e) for e in ev["counter_examples"]),
        ),
        confidence=item["confidence"],
        level=Level(item["level"]),
        targets=tuple(item["targets"]),
    )


def _example(e: Example) -> dict[str, Any]:
    return {"path": e.path, "line": e.line, "detail": e.detail}


def _plain(value: Param) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items())}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _frozen(value: Any) -> Param:
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value  # type: ignore[no-any-return]
