"""Tests: where test files live, how they are named, and whether they mirror the code.

Why: test runners and people find tests by pattern and place; a test named or placed
differently is a test nobody runs or finds. Said as one pattern with placeholders
(`<app>/tests/test_<module>.py`) rather than a list of folders, it tells a newcomer
where the next test goes; where most test files are named after the module they test
(`test_forms.py` for `forms.py`), that mirror is part of the rule.
Emits `tests.<language>.layout` with the runner's file pattern, the layout (test folders
or next to the code), the place as a template, and whether tests mirror modules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from fnmatch import fnmatchcase, translate
from posixpath import basename, dirname

from standards.analyzers import AnalyzerExample, roles
from standards.analyzers.evidence import MIN_CASES, evidence, standard
from standards.languages import Language
from standards.model import Example, FileFacts, Level, Standard

CHECKER = "standards-check"
"""Who checks a test file's name and place, in every language: a linter sees no layout."""
ANY_DEPTH = "**"
"""The template's folder part where test files sit at different depths."""


def _runner_pattern(path: str) -> str:
    """The test-file pattern of the language's runners that the file's name matches: one
    kind of test file whatever its extension (`x.test.ts` and `y.test.tsx` are alike)."""
    name = basename(path)
    return next(p for p in roles.roles_of(path).test_files if fnmatchcase(name, p))


def _pattern(path: str) -> str:
    """The runner's pattern with the file's own extension where it allows any (`*.test.*`)."""
    found = _runner_pattern(path)
    return found[:-1] + path.rsplit(".", 1)[-1] if found.endswith(".*") else found


def _module(path: str) -> str | None:
    """The module a test file is named after (`forms` of `test_forms.py`), if its pattern
    names one (`tests.py` does not)."""
    pattern = _pattern(path)
    if "*" not in pattern:
        return None
    found = re.fullmatch(translate(pattern).replace(".*", "(.+)", 1), basename(path))
    return found.group(1) if found else None


def _test_root(path: str) -> str | None:
    parts = path.split("/")[:-1]
    for index, part in enumerate(parts):
        if part in roles.roles_of(path).test_folders:
            return "/".join(parts[: index + 1])
    return None


def _folders(paths: Sequence[tuple[str, ...]], placeholder: str) -> tuple[str, ...]:
    """One folder path for many: shared folders as they are, the one that varies as
    `placeholder`, `**` where they vary more (in depth, or at several places)."""
    depth = Counter(len(p) for p in paths).most_common(1)[0][0]
    if any(len(p) != depth for p in paths):
        return (ANY_DEPTH,)
    columns = [{p[i] for p in paths} for i in range(depth)]
    varying = sum(1 for c in columns if len(c) > 1)
    if varying > 1:
        return (ANY_DEPTH,)
    return tuple(next(iter(c)) if len(c) == 1 else placeholder for c in columns)


def _parts(folder: str) -> tuple[str, ...]:
    return tuple(folder.split("/")) if folder else ()


def template(tests: Sequence[str], pattern: str) -> str:
    """Where the repo's test files go, as one path with placeholders, named by `pattern`:
    from the files in test folders (under the most common kind of root: top-level
    `tests/` or one per app) where most are in one, else from those next to the code."""
    rooted = [(p, root) for p in tests if (root := _test_root(p))]
    name = pattern.replace("*", "<module>", 1)
    if len(rooted) * 2 < len(tests):
        tests = [p for p in tests if not _test_root(p)]
        return "/".join((*_folders([_parts(dirname(p)) for p in tests], "<folder>"), name))
    outer = Counter(root.count("/") for _, root in rooted).most_common(1)[0][0]
    rooted = [(p, root) for p, root in rooted if root.count("/") == outer]
    before = _folders([_parts(dirname(root)) for _, root in rooted], "<app>")
    root_name = Counter(basename(root) for _, root in rooted).most_common(1)[0][0]
    inner = [_parts(dirname(p)[len(root) + 1 :]) for p, root in rooted]
    within = () if not any(inner) else _folders(inner, "<area>")
    return "/".join((*before, root_name, *within, name))


def _code_names(facts: Sequence[FileFacts], language: str) -> dict[str, list[str]]:
    """Where each module and package of the language's code is, by name (`forms` ->
    `shop/forms.py`, `shop/forms`): what a test file can be named after."""
    found: dict[str, set[str]] = {}
    for f in facts:
        if f.language == language and not roles.is_test(f.path):
            found.setdefault(roles.base_name(f.path), set()).add(f.path)
            parts = f.path.split("/")[:-1]
            for depth in range(1, len(parts) + 1):
                found.setdefault(parts[depth - 1], set()).add("/".join(parts[:depth]))
    return {name: sorted(paths) for name, paths in found.items()}


def _mirrors(path: str, code: dict[str, list[str]]) -> bool:
    """Whether a test file is named after a module or package of the code it sits with:
    its own folder when tests are colocated, the app around its test folder, or
    anywhere for a top-level test folder."""
    module = _module(path)
    if module is None:
        return False
    root = _test_root(path)
    if root is None:
        return any(dirname(p) == dirname(path) for p in code.get(module, ()))
    scope = dirname(root)
    return any(not scope or p.startswith(scope + "/") for p in code.get(module, ()))


def analyze(facts: Sequence[FileFacts], language: Language) -> list[Standard]:
    tests = [f.path for f in facts if f.language == language.NAME and roles.is_test_file(f.path)]
    if not tests:
        return []
    runner = Counter(_runner_pattern(p) for p in tests).most_common(1)[0][0]
    shown = Counter(_pattern(p) for p in tests if _runner_pattern(p) == runner)
    pattern = shown.most_common(1)[0][0]  # the commonest extension of that kind
    in_dirs = sum(1 for p in tests if _test_root(p))
    layout = "tests-dir" if in_dirs * 2 >= len(tests) else "colocated"
    code = _code_names(facts, language.NAME)
    named = [p for p in tests if _module(p) is not None]
    mirrored = [p for p in named if _mirrors(p, code)]
    place = template(tests, pattern)
    # only a place whose file name names a module can say whose name a test takes
    mirror = "<module>" in place and len(named) >= MIN_CASES and len(mirrored) * 2 > len(named)
    return [
        standard(
            f"tests.{language.NAME}.layout",
            language=language.NAME,
            rule=f"Put test files at {place}" + (_mirror_rule(mirrored, named) if mirror else "."),
            why="Runners and readers find tests by name and place.",
            parameters={
                "pattern": pattern,
                "layout": layout,
                "template": place,
                "mirror": mirror,
                "title": "How to add a new test",
                "steps": _steps(place, mirrored if mirror else ()),
            },
            ev=evidence(
                [Example(p, 1, basename(p)) for p in tests if follows(p, pattern, layout)],
                [Example(p, 1, basename(p)) for p in tests if not follows(p, pattern, layout)],
            ),
            targets=(CHECKER, "playbook"),
        )
    ]


def follows(path: str, pattern: str, layout: str) -> bool:
    """Whether a test file is of the kind the repo's pattern names (`*.test.ts` says
    `*.test.*`, whatever the extension) and placed by its layout: in a test folder
    (`tests-dir`) or beside the code (`colocated`)."""
    runner = next((p for p in roles.roles_of(path).test_files if fnmatchcase(pattern, p)), None)
    return _runner_pattern(path) == runner and (_test_root(path) is not None) == (
        layout == "tests-dir"
    )


def _steps(place: str, mirrored: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The recipe: where the file goes, and whose name it takes when tests mirror modules
    (each step alternates text and code)."""
    steps: list[tuple[str, ...]] = [("Put the test file at ", place, ".")]
    if mirrored:
        example = mirrored[0]
        module = str(_module(example))
        steps.append(("Name it after the module it tests, like ", example, " for ", module, "."))
    return tuple(steps)


def _mirror_rule(mirrored: Sequence[str], named: Sequence[str]) -> str:
    example = mirrored[0]
    return (
        f", one per module they test ({basename(example)} tests {_module(example)}; "
        f"{len(mirrored)}/{len(named)} test files are named after a module)."
    )


EXAMPLES = (
    AnalyzerExample(  # most tests are `tests.py`: no test is named after a module there
        files={
            **{
                f"app/{name}/{module}.py": "X = 1\n"
                for name in "abcdefg"
                for module in ("views", "tests")
            },
            **{
                f"core/{where}{m}.py": "def test_it():\n    pass\n"
                for m in ("a", "b", "c", "d", "e")
                for where in ("tests/test_", "")
            },
        },
        expect={
            "tests.python.layout": (
                Level.ADVISE,
                {"pattern": "tests.py", "template": "app/<folder>/tests.py", "mirror": False},
            )
        },
    ),
    AnalyzerExample(
        files={f"tests/test_m{i}.py": f"def test_m{i}():\n    assert True\n" for i in range(5)},
        expect={
            "tests.python.layout": (
                Level.ENFORCE,
                {
                    "pattern": "test_*.py",
                    "layout": "tests-dir",
                    "template": "tests/test_<module>.py",
                },
            )
        },
    ),
    AnalyzerExample(
        files={
            **{
                f"{app}/{module}.py": "X = 1\n"
                for app in ("shop", "blog")
                for module in ("forms", "views", "models")
            },
            **{
                f"{app}/tests/test_{module}.py": "def test_it():\n    pass\n"
                for app in ("shop", "blog")
                for module in ("forms", "views", "models")
            },
        },
        expect={
            "tests.python.layout": (
                Level.ENFORCE,
                {"template": "<app>/tests/test_<module>.py", "mirror": True},
            )
        },
    ),
)
