"""RuboCop: a config with every cop the repo already obeys and custom cops for our own
checks, for Ruby; learned and verified by running Debian's RuboCop (1.39).

The config is standalone (`DisabledByDefault`, every kept cop named) and loads its
custom cops with `require:` (RuboCop 1.39 has no `plugins:`). RuboCop always runs with
`--config` naming it, so the repo's own `.rubocop.yml`, and whatever it requires, is
never loaded. `standards check --tool rubocop` runs it on the changed files with the
baseline applied; verification also holds the custom cops to the analysis' evidence.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from standards.analyzers import roles
from standards.model import Analysis, Change, GeneratedFile, Standard, Verification, Violation
from standards.targets import CheckRun, Hook, ToolError, check_all
from standards.targets.rubocop import config, cops, inherit, probe, settings
from standards.targets.rubocop.run import run_rubocop

NAME = "rubocop"
TOOLS: tuple[str, ...] = ("rubocop",)
AFTER: tuple[str, ...] = ()
READS: tuple[str, ...] | None = ("ruby",)
FILE_NAME = "rubocop.yml"
ALWAYS_EXCLUDED = ("vendor/**/*", "node_modules/**/*", "tmp/**/*")


def learn(analysis: Analysis) -> tuple[Standard, ...]:
    """The cops the code passes; nothing when RuboCop is missing (verification says so)."""
    if not any(f.language == probe.LANGUAGE for f in analysis.facts):
        return ()
    try:
        return probe.probe(analysis, analysis.root / analysis.settings.out)
    except ToolError:
        return ()


def emit(analysis: Analysis, out: str) -> tuple[GeneratedFile, ...]:
    learned = _learned(analysis.standards)
    if learned is None:
        return ()
    custom = cops.configured(analysis.standards, analysis.facts)
    p = learned.parameters
    required = [str(r) for r in _tuple(p["require"])] + (["./" + cops.FILE_NAME] if custom else [])
    tests = list(_tuple(p["tests"]))
    kept = {
        name: {"Enabled": True}
        | json.loads(str(value))
        | ({"Exclude": tests} if name in _tuple(p["off_in_tests"]) and tests else {})
        for name, value in _mapping(p["cops"]).items()
    }
    document = (
        {
            "require": required,
            "AllCops": {
                "DisabledByDefault": True,
                "NewCops": "disable",
                "SuggestExtensions": False,
                "TargetRubyVersion": settings.target_ruby(analysis.root),
                "Exclude": _excluded(analysis, out),
            },
        }
        | kept
        | custom
    )
    files = [GeneratedFile(FILE_NAME, config.dump(document))]
    if custom:
        files.append(GeneratedFile(cops.FILE_NAME, cops.source()))
    return tuple(files)


def hooks(analysis: Analysis) -> tuple[Hook, ...]:
    if _learned(analysis.standards) is None:
        return ()
    name = "rubocop (learned cops and custom cops, baseline applied)"
    return (Hook("standards-rubocop", NAME, name, ("ruby",)),)


def check(run: CheckRun) -> list[Violation]:
    settings = run.out / FILE_NAME
    files = run.paths_of(probe.LANGUAGE)
    if not settings.exists() or not files:
        return []
    return run_rubocop(run.root, settings, sorted(files))


def verify(analysis: Analysis, out: Path) -> Verification | None:
    learned = _learned(analysis.standards)
    if learned is None:
        if any(f.language == probe.LANGUAGE for f in analysis.facts):
            return Verification(NAME, False, 0, (), "RuboCop could not run: is it installed?")
        return None
    enabled = len(_mapping(learned.parameters["cops"]))
    result = check_all(NAME, check, analysis, out, enabled)
    if not result.ok:
        return result
    checked, problems = cops.self_test(analysis.standards, result.violations)
    message = "; ".join(problems[:5])
    return Verification(NAME, not problems, enabled + checked, result.violations, message)


def wire(root: Path, out: Path) -> tuple[Change, ...]:
    return inherit.wire(root, out)


def _excluded(analysis: Analysis, out: str) -> list[str]:
    """What RuboCop must never check: tool-owned files, vendored code, our own output."""
    ruby = [f.path for f in analysis.facts if f.language == probe.LANGUAGE]
    owned = [f"{folder}/**/*" for folder in roles.tool_owned_folders(ruby)]
    owned += sorted(p for p in ruby if roles.is_tool_owned(p) and not _under(p, owned))
    return [*ALWAYS_EXCLUDED, f"{out}/**/*", *owned]


def _under(path: str, globs: list[str]) -> bool:
    return any(path.startswith(glob.removesuffix("**/*")) for glob in globs)


def _learned(standards: tuple[Standard, ...]) -> Standard | None:
    return next((s for s in standards if s.id == probe.STANDARD_ID), None)


def _mapping(value: object) -> Mapping[str, object]:
    return value if isinstance(value, Mapping) else {}


def _tuple(value: object) -> tuple[object, ...]:
    return value if isinstance(value, tuple) else ()
