"""Whether each source file has a test named and placed as the repo's tests are.

Why: where most source files have their own test (`test_user.py` in a test folder for
`user.py`, `user.test.ts` beside `user.ts`), a new file without one is untested code
slipping in. The layout comes from the `tests.<language>.layout` standard; a test
belongs to a source when its name, without the test pattern's affixes, is the source's
name, and it sits where the layout puts tests (the same folder, or any test folder).
Today's untested files are listed in the dangerfile, so a change to one of them is
not held to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from posixpath import basename, dirname

from standards.analyzers import roles
from standards.analyzers.evidence import evidence, standard
from standards.model import Example, FileFacts, Settings, Standard
from standards.targets.danger.gate import gated


def standard_id(language: str) -> str:
    return f"tests.{language}.tested-sources"


def _affixes(pattern: str) -> tuple[str, str] | None:
    """(prefix, suffix) around the name in a test pattern's stem: `test_*.py` ->
    ("test_", ""), `*.test.ts` -> ("", ".test"); None for a fixed name (`tests.py`)."""
    head, star, tail = roles.stem(pattern).partition("*")
    return (head, tail) if star and "*" not in tail else None


def _test_key(path: str, prefix: str, suffix: str) -> str | None:
    name = roles.stem(path)
    if len(name) > len(prefix) + len(suffix) and name.startswith(prefix) and name.endswith(suffix):
        return name[len(prefix) : len(name) - len(suffix)]
    return None


def _is_source(path: str) -> bool:
    return not (
        roles.is_test(path)
        or roles.is_glue(path)
        or roles.is_package_file(path)
        or roles.is_tool_owned(path)
    )


def learn(
    standards: Sequence[Standard], facts: Sequence[FileFacts], settings: Settings
) -> list[Standard]:
    found = []
    for layout in standards:
        language = layout.language
        if layout.id != f"tests.{language}.layout":
            continue
        pattern, where = str(layout.parameters["pattern"]), str(layout.parameters["layout"])
        around = _affixes(pattern)
        if around is None:
            continue
        paths = [f.path for f in facts if f.language == language and not f.problems]
        s = _standard(language, pattern, where, around, paths)
        if (kept := gated(s, settings)) is not None:
            found.append(kept)
    return found


def untested(s: Standard, facts: Sequence[FileFacts]) -> list[str]:
    """Today's source files of the standard's language with no test of their own."""
    prefix, suffix = str(s.parameters["prefix"]), str(s.parameters["suffix"])
    paths = [f.path for f in facts if f.language == s.language and not f.problems]
    return _untested(paths, str(s.parameters["layout"]), (prefix, suffix))


def _untested(paths: Sequence[str], where: str, around: tuple[str, str]) -> list[str]:
    tests: dict[str, list[str]] = {}
    for path in paths:
        if roles.is_test_file(path) and (key := _test_key(path, *around)) is not None:
            tests.setdefault(key, []).append(path)

    def tested(source: str) -> bool:
        found = tests.get(roles.stem(source), [])
        if where == "colocated":
            return any(dirname(t) == dirname(source) for t in found)
        return any(set(t.split("/")[:-1]) & roles.roles_of(t).test_folders for t in found)

    return sorted(p for p in paths if _is_source(p) and not tested(p))


def _standard(
    language: str, pattern: str, where: str, around: tuple[str, str], paths: Sequence[str]
) -> Standard:
    missing = set(_untested(paths, where, around))
    sources = [p for p in paths if _is_source(p)]
    place = "beside it" if where == "colocated" else "in a test folder"
    return standard(
        standard_id(language),
        language=language,
        rule=f"Give each source file a test named {pattern} {place}.",
        why="Most source files here have their own test; code without one is untested "
        "when it lands.",
        parameters={"pattern": pattern, "layout": where, "prefix": around[0], "suffix": around[1]},
        ev=evidence(
            [Example(p, 1, basename(p)) for p in sources if p not in missing],
            [Example(p, 1, basename(p)) for p in sources if p in missing],
        ),
        targets=("danger", "playbook"),
    )
