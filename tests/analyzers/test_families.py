"""Families are found once per analysis: three analyzers ask about the same facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from standards.analyzers import families
from standards.languages import python
from standards.model import FileFacts


def _facts() -> tuple[FileFacts, ...]:
    example = families.EXAMPLES[0]
    files = sorted(example.files.items())
    return python.link(Path(), [python.parse(p, s.encode()) for p, s in files])


def test_the_same_facts_are_read_once_and_other_facts_anew(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads: list[int] = []
    siblings = families._siblings
    monkeypatch.setattr(families, "_siblings", lambda f: reads.append(len(f)) or siblings(f))
    facts = _facts()
    found = families.families(facts, "python")
    assert [f.folder for f in found] == ["plugins"]
    assert families.families(facts, "python") is found
    assert len(reads) == 1
    assert families.families(_facts(), "python") == found
    assert len(reads) == 2


def test_facts_that_can_change_are_read_every_time(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[int] = []
    siblings = families._siblings
    monkeypatch.setattr(families, "_siblings", lambda f: reads.append(len(f)) or siblings(f))
    facts = list(_facts())
    assert families.families(facts, "python") == families.families(facts, "python")
    assert len(reads) == 2
