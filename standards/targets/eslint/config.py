"""`eslint.config.mjs`: the flat config, as ESLint reads it from the repo root.

Every value from the repo (paths, patterns, learned options) is written as JSON data, so a
crafted folder name stays a string. `files` globs start with `**/` or a repo path, so the
config means the same whether ESLint is given it with `-c` or imports it from the repo's
own `eslint.config.*`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from standards.analyzers import roles
from standards.discovery import DECLARATIONS
from standards.languages import LANGUAGES
from standards.templating import glob_literal, render

IGNORED = ("node_modules", "dist", "build", "coverage", ".next", "vendor", "bower_components")
"""Built and vendored output, wherever it sits."""

Rules = Mapping[str, object]


def files_of(language: str) -> list[str]:
    return [f"**/*{extension}" for extension in LANGUAGES[language].EXTENSIONS]


def tests_of(language: str) -> list[str]:
    """Globs of a language's test files and of everything inside its test folders."""
    found = LANGUAGES[language].ROLES
    return sorted(
        [f"**/{pattern}" for pattern in found.test_files]
        + [f"**/{folder}/**" for folder in found.test_folders]
    )


def render_probe(settings: Mapping[str, Rules]) -> str:
    """A config that turns every candidate rule on, one block per language. Without
    TypeScript files it leaves typescript-eslint unloaded: no JavaScript rule needs it,
    and loading it costs each ESLint process most of a second."""
    blocks = [_block(lang, dict(rules)) for lang, rules in sorted(settings.items())]
    return render(
        "eslint/eslint.config.mjs.j2",
        ignores=ignored((), (), ""),
        blocks=blocks,
        plugin=False,
        typescript="typescript" in settings,
    )


def render_config(
    kept: Mapping[str, tuple[Rules, Sequence[str]]],
    checks: Mapping[str, Rules],
    ignores: Sequence[str],
) -> str:
    """The config: each language's kept rules, those off in tests, and our checks. It
    always names typescript-eslint, so that an `eslint-disable` comment for one of its
    rules is understood in any file the repo adds (ESLint reports a rule it cannot find)."""
    blocks = []
    for lang, (rules, off_in_tests) in sorted(kept.items()):
        blocks.append(_block(lang, dict(rules)))
        if off_in_tests:
            tests = _block(lang, {rule: "off" for rule in off_in_tests}, tests=True)
            blocks.append(tests)
        if checks.get(lang):
            blocks.append({**_block(lang, dict(checks[lang])), "ignores": _not_checked(lang)})
    return render(
        "eslint/eslint.config.mjs.j2",
        ignores=list(ignores),
        blocks=blocks,
        plugin=any(checks.values()),
        typescript=True,
    )


def _block(language: str, rules: dict[str, object], tests: bool = False) -> dict[str, object]:
    return {
        "files": tests_of(language) if tests else files_of(language),
        "typescript": language == "typescript",
        "tests": tests,
        "rules": {name: _setting(value) for name, value in rules.items()},
    }


def _setting(value: object) -> object:
    return json.loads(value) if isinstance(value, str) and value.startswith("[") else value


def _not_checked(language: str) -> list[str]:
    """Files our checks leave alone: tests, glue, tool-owned code."""
    found = LANGUAGES[language].ROLES
    glue = [f"**/{pattern}" for pattern in found.glue_files]
    tools = [f"**/{folder}/**" for folder in found.tool_folders]
    return sorted({*tests_of(language), *glue, *tools})


def _declaration(path: str) -> str | None:
    """The suffix of a declaration file: discovery skips them all, one glob says so."""
    return next((s for s in DECLARATIONS if path.endswith(s)), None)


def ignored(skipped: Sequence[str], paths: Sequence[str], out: str) -> list[str]:
    """Globs of what ESLint must not read: built and vendored output, our output folder,
    the files discovery skipped (generated, minified) and tool-owned folders."""
    ours = [f"{glob_literal(out)}/**"] if out else []
    tool = [f"{glob_literal(f)}/**" for f in roles.tool_owned_folders(paths)]
    files = [f"**/*{suffix}" if (suffix := _declaration(p)) else glob_literal(p) for p in skipped]
    return sorted({*(f"**/{name}/**" for name in IGNORED), *ours, *tool, *files})
