"""Each analyzer's own EXAMPLES yield the standards they promise (Fixit style)."""

from __future__ import annotations

from pathlib import Path

import pytest

from standards.analyzers import ANALYZERS, Analyzer, AnalyzerExample
from standards.languages import language_for

CASES = [
    pytest.param(analyzer, example, id=f"{name}-{index}")
    for name, analyzer in sorted(ANALYZERS.items())
    for index, example in enumerate(analyzer.EXAMPLES)
]


def test_every_analyzer_has_examples_and_a_docstring() -> None:
    for name, analyzer in ANALYZERS.items():
        assert analyzer.EXAMPLES, name
        assert (getattr(analyzer, "__doc__", "") or "").strip(), name


@pytest.mark.parametrize(("analyzer", "example"), CASES)
def test_example_yields_its_standards(analyzer: Analyzer, example: AnalyzerExample) -> None:
    language = language_for(sorted(example.files)[0])
    assert language is not None
    facts = language.link(
        Path(), [language.parse(p, s.encode()) for p, s in sorted(example.files.items())]
    )
    found = {s.id: s for s in analyzer.analyze(facts, language)}
    for standard_id, (level, params) in example.expect.items():
        assert standard_id in found, sorted(found)
        assert found[standard_id].level == level, standard_id
        for key, value in params.items():
            assert found[standard_id].parameters[key] == value, (standard_id, key)
    assert not set(example.absent) & set(found)
