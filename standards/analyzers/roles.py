"""What part a file plays, told from its path alone: test, glue, tool-owned, or code.

Why: rules are learned from the code a team writes. Tests follow their runner's naming,
glue (`__init__.py`, `index.ts`) wires every layer together, and tool-owned files
(migrations, Sphinx's `conf.py`) take the shape their tool gives them: learning from
those, or checking them, would teach a tool's habits as the team's own. Each language
declares its own names (`PathRoles`); these functions ask the language of the path,
and remember the answer: analyzers ask about the same paths many times.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase
from functools import cache
from posixpath import basename

from standards.languages import language_for
from standards.model import FileFacts, PathRoles

NO_ROLES = PathRoles()


@cache
def roles_of(path: str) -> PathRoles:
    language = language_for(path)
    return language.ROLES if language is not None else NO_ROLES


def stem(path: str) -> str:
    """The file name without its extension: `user_service`, `user.service` (of .ts)."""
    return basename(path).rsplit(".", 1)[0]


def base_name(path: str) -> str:
    """The name a file is named by, before any role or test suffix: `user` of
    `user.service.ts` and of `user.test.js`, `user_service` of `user_service.py`."""
    return basename(path).split(".", 1)[0] or basename(path)


@cache
def is_test_file(path: str) -> bool:
    """A test module by its own name, the way the language's test runners collect them."""
    name = basename(path)
    return any(fnmatchcase(name, pattern) for pattern in roles_of(path).test_files)


@cache
def is_test(path: str) -> bool:
    """A test module, or any file that lives among tests (fixtures, helpers)."""
    folders = set(path.split("/")[:-1])
    return is_test_file(path) or bool(folders & roles_of(path).test_folders)


@cache
def is_glue(path: str) -> bool:
    name = basename(path)
    return any(fnmatchcase(name, pattern) for pattern in roles_of(path).glue_files)


@cache
def is_package_file(path: str) -> bool:
    """A file that stands for its folder when imported (`__init__.py`, `index.ts`)."""
    return basename(path) in roles_of(path).package_files


@cache
def is_tool_owned(path: str) -> bool:
    """A file a tool generates or dictates: a migration, or Sphinx's `docs/conf.py`."""
    roles = roles_of(path)
    if _tool_folder(path) is not None:
        return True
    return any(
        fnmatchcase(path, pattern) or fnmatchcase(path, f"*/{pattern}")
        for pattern in roles.tool_files
    )


def tool_owned_folders(paths: Iterable[str]) -> tuple[str, ...]:
    """The outermost tool folders among `paths`, for configs that exclude whole trees;
    a package's `__init__.py` alone makes no folder the tool's."""
    return tuple(
        sorted(
            {
                folder
                for path in paths
                if (folder := _tool_folder(path)) and not is_package_file(path)
            }
        )
    )


@cache
def _tool_folder(path: str) -> str | None:
    """The outermost tool folder holding `path` as one of the tool's files: where the
    language says what a tool folder holds, a folder of that name holding something
    else is the team's (mealie's `services/migrations/` of recipe importers)."""
    roles = roles_of(path)
    parts = path.split("/")
    for cut, part in enumerate(parts[:-1]):
        below = "/".join(parts[cut + 1 :])
        held = not roles.tool_folder_files or any(
            fnmatchcase(below, pattern) for pattern in roles.tool_folder_files
        )
        if held and any(fnmatchcase(part, folder) for folder in roles.tool_folders):
            return "/".join(parts[: cut + 1])
    return None


def authored(facts: Sequence[FileFacts], language: str) -> list[FileFacts]:
    """Parsed files of `language` that people wrote: what its rules are learned from."""
    return [
        f for f in facts if f.language == language and not f.problems and not is_tool_owned(f.path)
    ]
