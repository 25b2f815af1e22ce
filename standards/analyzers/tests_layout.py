"""Tests: where test files live and how they are named.

Why: test runners and people find tests by pattern and place; a test named or placed
differently is a test nobody runs or finds.
Emits `tests.python.layout` with the file pattern and whether tests sit in test folders.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from fnmatch import fnmatchcase
from posixpath import basename

from standards.analyzers import AnalyzerExample, roles
from standards.analyzers.evidence import evidence, standard
from standards.languages import Language
from standards.model import Example, FileFacts, Level, Standard


def _pattern(path: str) -> str:
    """The test-file pattern of the language's runners that the file's name matches,
    with the file's own extension where the pattern allows any (`*.test.*`)."""
    name = basename(path)
    found = next(p for p in roles.roles_of(path).test_files if fnmatchcase(name, p))
    return found[:-1] + name.rsplit(".", 1)[-1] if found.endswith(".*") else found


def _test_root(path: str) -> str | None:
    parts = path.split("/")[:-1]
    for index, part in enumerate(parts):
        if part in roles.roles_of(path).test_folders:
            return "/".join(parts[: index + 1])
    return None


def analyze(facts: Sequence[FileFacts], language: Language) -> list[Standard]:
    tests = [f.path for f in facts if f.language == language.NAME and roles.is_test_file(f.path)]
    if not tests:
        return []
    pattern = Counter(_pattern(p) for p in tests).most_common(1)[0][0]
    in_dirs = sum(1 for p in tests if _test_root(p))
    layout = "tests-dir" if in_dirs * 2 >= len(tests) else "colocated"

    def follows(path: str) -> bool:
        return _pattern(path) == pattern and (_test_root(path) is not None) == (
            layout == "tests-dir"
        )

    folders = sorted({root for p in tests if (root := _test_root(p))})
    where = f"under {', '.join(folders)}" if layout == "tests-dir" else "next to the code"
    return [
        standard(
            f"tests.{language.NAME}.layout",
            language=language.NAME,
            rule=f"Name test files {pattern} and put them {where}.",
            why="Runners and readers find tests by name and place.",
            parameters={"pattern": pattern, "layout": layout, "folders": tuple(folders)},
            ev=evidence(
                [Example(p, 1, basename(p)) for p in tests if follows(p)],
                [Example(p, 1, basename(p)) for p in tests if not follows(p)],
            ),
        )
    ]


EXAMPLES = (
    AnalyzerExample(
        files={f"tests/test_m{i}.py": f"def test_m{i}():\n    assert True\n" for i in range(5)},
        expect={
            "tests.python.layout": (
                Level.ENFORCE,
                {"pattern": "test_*.py", "layout": "tests-dir", "folders": ("tests",)},
            )
        },
    ),
)
