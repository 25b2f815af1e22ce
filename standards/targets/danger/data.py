"""The one data object the dangerfile reads: every check with its standard's values.

Repo values reach the dangerfile only as this JSON (escaped by `js_json`), never as
code. Each check names its standard's id, level and evidence, so a message can say
which rule a change breaks and how often the repo follows it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from standards.analyzers import naming
from standards.languages import LANGUAGES
from standards.model import Analysis, Level, Standard
from standards.store import standard_dict
from standards.targets.custom import rules
from standards.targets.danger import history, lockfiles, size, tested

CLASSES = {
    "python": r"^class\s+([A-Za-z_]\w*)\s*(?:\(([^)]*)\))?",
    "javascript": r"^(?:export\s+)?(?:default\s+)?class\s+([A-Za-z_$][\w$]*)"
    r"(?:\s+extends\s+([\w$.]+))?",
    "typescript": r"^(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)"
    r"(?:<[^>]*>)?(?:\s+extends\s+([\w$.]+))?",
    "ruby": r"^class\s+([A-Z]\w*)(?:\s*<\s*([\w:]+))?",
}
"""A top-level class declared on one line, and what it extends, in each language: enough
to read the classes of a new file from its added lines."""

FAMILY = re.compile(r"^structure\.[^.]+\.family\.")


def checks(analysis: Analysis) -> dict[str, Any]:
    """Every check the dangerfile runs, keyed by kind; empty when none applies."""
    standards = analysis.standards
    found: dict[str, list[dict[str, Any]]] = {
        "tested": [
            {**_common(s), "untested": tested.untested(s, analysis.facts)}
            for s in _matching(standards, lambda s: s.id == tested.standard_id(s.language))
        ],
        "module_case": [
            {**_common(s), "pattern": _style(s)}
            for s in _matching(standards, lambda s: s.id == f"naming.{s.language}.module-case")
            if str(s.parameters["style"]) in naming.STYLES
        ],
        "file_affix": _named(standards, "file-affix"),
        "class_affix": [
            {**c, "classes": CLASSES[c["language"]]}
            for c in _named(standards, "class-affix")
            if c["language"] in CLASSES
        ],
        "family": [_common(s) for s in _matching(standards, _family)],
        "checked": [_named_only(s) for s in _matching(standards, _checked)],
        "size": [_common(s) for s in _matching(standards, lambda s: s.id == size.ID)],
        "lockfiles": [
            _common(s)
            for s in _matching(standards, lambda s: s.id in lockfiles.standard_ids(s.language))
        ],
    }
    found = {kind: items for kind, items in found.items() if items}
    if not found:
        return {}
    return {
        "checks": found,
        "languages": _languages(analysis),
        "lockfiles": sorted(lockfiles.LOCKFILES),
        "out": analysis.settings.out,
        "prefix": history.prefix(analysis.root),
    }


def _matching(standards: Sequence[Standard], keep: Callable[[Standard], bool]) -> list[Standard]:
    return [s for s in standards if keep(s)]


def _family(s: Standard) -> bool:
    """A family of sibling folders from the structure analyzer: the folder that holds
    them (`folder`, empty at the top) and the entries each has (`skeleton`: files, and
    folders with a trailing slash)."""
    folder, skeleton = s.parameters.get("folder"), s.parameters.get("skeleton")
    return bool(FAMILY.match(s.id)) and isinstance(folder, str) and isinstance(skeleton, tuple)


def _checked(s: Standard) -> bool:
    """A standard `standards check` applies and its analyzer gives Danger too, for what a
    change's added lines break (a query on a column no index covers, a migration adding a
    reference without one)."""
    return "danger" in s.targets and rules.rule_for(s) is not None


def _named(standards: Sequence[Standard], kind: str) -> list[dict[str, Any]]:
    prefix = re.compile(rf"^naming\.[^.]+\.{kind}\.")
    return [_common(s) for s in standards if prefix.match(s.id)]


def _common(s: Standard) -> dict[str, Any]:
    """What every check needs: the standard, its level and evidence, its parameters."""
    ev = s.evidence
    return {
        "id": s.id,
        "language": s.language,
        "rule": s.rule,
        "report": "fail" if s.level is Level.ENFORCE else "warn",
        "evidence": f"followed {ev.followed}/{ev.total}",
        "parameters": standard_dict(s)["parameters"],
    }


def _named_only(s: Standard) -> dict[str, Any]:
    """A check `standards check` makes: the dangerfile needs its id and level, never its
    parameters (an index standard carries the whole schema)."""
    return {k: v for k, v in _common(s).items() if k != "parameters"}


def _style(s: Standard) -> str:
    return "^(?:" + naming.STYLES[str(s.parameters["style"])].pattern + ")$"


def _languages(analysis: Analysis) -> dict[str, Mapping[str, Any]]:
    """Each present language's extensions and path roles, for the dangerfile to tell a
    test, glue or tool-owned file by its path as the analysis did."""
    found: dict[str, Mapping[str, Any]] = {}
    for name in sorted({f.language for f in analysis.facts}):
        language, r = LANGUAGES[name], LANGUAGES[name].ROLES
        found[name] = {
            "extensions": list(language.EXTENSIONS),
            "test_files": list(r.test_files),
            "test_folders": sorted(r.test_folders),
            "glue_files": list(r.glue_files),
            "package_files": list(r.package_files),
            "tool_folders": sorted(r.tool_folders),
            "tool_files": list(r.tool_files),
        }
    return found
