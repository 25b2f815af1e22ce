"""What part a file plays, told from its path alone: test, glue, tool-owned, or code.

Why: rules are learned from the code a team writes. Tests follow their runner's naming,
glue (`__init__.py`, `setup.py`) wires every layer together, and tool-owned files
(migrations, Sphinx's `conf.py`) take the shape their tool gives them: learning from
those, or checking them, would teach a tool's habits as the team's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from posixpath import basename

from standards.model import FileFacts

TEST_FOLDERS = frozenset({"tests", "test", "testing"})
GLUE_MODULES = frozenset({"__init__", "__main__", "conftest", "setup", "manage"})
"""Module stems that wire a package or a project together rather than belong to a layer."""

TOOL_FOLDERS = frozenset({"migrations", "alembic"})
"""Folders whose files a tool writes (Django, Alembic): their names and shapes are its."""

DOCS_FOLDERS = frozenset({"docs", "doc"})


def stem(path: str) -> str:
    return basename(path).rsplit(".", 1)[0]


def is_test_file(path: str) -> bool:
    """A test module by its own name, the way pytest and unittest collect them."""
    name = basename(path)
    return name.startswith("test_") or name.endswith("_test.py") or name == "tests.py"


def is_test(path: str) -> bool:
    """A test module, or any file that lives among tests (fixtures, helpers)."""
    return is_test_file(path) or bool(set(path.split("/")[:-1]) & TEST_FOLDERS)


def is_glue(path: str) -> bool:
    return stem(path) in GLUE_MODULES


def is_tool_owned(path: str) -> bool:
    """A file a tool generates or dictates: a migration, or Sphinx's `docs/conf.py`."""
    folders = set(path.split("/")[:-1])
    return bool(folders & TOOL_FOLDERS) or (
        basename(path) == "conf.py" and bool(folders & DOCS_FOLDERS)
    )


def tool_owned_folders(paths: Iterable[str]) -> tuple[str, ...]:
    """The outermost tool folders among `paths`, for configs that exclude whole trees."""
    found = set()
    for path in paths:
        parts = path.split("/")[:-1]
        cut = next((i for i, part in enumerate(parts) if part in TOOL_FOLDERS), None)
        if cut is not None:
            found.add("/".join(parts[: cut + 1]))
    return tuple(sorted(found))


def authored(facts: Sequence[FileFacts], language: str = "python") -> list[FileFacts]:
    """Parsed files of `language` that people wrote: what rules are learned from."""
    return [
        f for f in facts if f.language == language and not f.problems and not is_tool_owned(f.path)
    ]
