"""RuboCop, run for real to learn which of its cops the repo already obeys.

One run over the repo's own Ruby files with every cop enabled (rubocop-rspec's too,
where the repo has specs and it is installed), the learned styles, and the Metrics cops
at `Max: 0` so they measure. A cop is kept when at least 95% of the files pass it; a
cop only tests break is kept with the test folders excluded, as specs are written
differently; Metrics cops are kept at the repo's own 95th percentile.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from standards.analyzers import roles
from standards.analyzers.evidence import bundled, standard
from standards.model import Analysis, Example, Standard, Violation
from standards.targets import runs
from standards.targets.rubocop import catalog, config, settings
from standards.targets.rubocop.run import run_rubocop

LANGUAGE = "ruby"
STANDARD_ID = "lint.ruby.rubocop-cops"
PROBE_FILE = ".probe.rubocop.yml"
BROKEN = "Lint/Syntax"


def extensions(root: Path, paths: Sequence[str]) -> tuple[str, ...]:
    """The RuboCop extensions the repo uses and RuboCop can load here: rubocop-rspec
    where there are specs, others where the Gemfile or the team's config names them."""
    named = " ".join(
        (root / name).read_text(encoding="utf-8", errors="replace")
        for name in ("Gemfile", ".rubocop.yml")
        if (root / name).is_file()
    )
    wanted = {
        "rubocop-rspec": any(p.endswith("_spec.rb") for p in paths),
        "rubocop-performance": "rubocop-performance" in named,
    }
    return tuple(e for e, used in wanted.items() if used and catalog.installed(e))


def test_globs(paths: Sequence[str]) -> tuple[str, ...]:
    """Globs of the folders that hold tests (`spec/**/*`), for a cop's `Exclude`."""
    found = set()
    for path in paths:
        if roles.is_test(path):
            parts = path.split("/")
            folders = roles.roles_of(path).test_folders
            cut = next((i for i, part in enumerate(parts[:-1]) if part in folders), None)
            found.add("/".join(parts[: cut + 1]) + "/**/*" if cut is not None else path)
    return tuple(sorted(found))


def probe(analysis: Analysis, out: Path) -> tuple[Standard, ...]:
    files = [f.path for f in roles.authored(analysis.facts, LANGUAGE)]
    if not files:
        return ()
    required = extensions(analysis.root, files)
    cops = catalog.catalog(required)
    style = settings.learned(analysis.standards)
    measuring = settings.measuring()
    probing: dict[str, settings.Settings] = {
        name: style.get(name, {}) | measuring.get(name, {}) for name in sorted(cops)
    }
    document = {
        "require": list(required),
        "AllCops": {
            "EnabledByDefault": True,
            "NewCops": "enable",
            "SuggestExtensions": False,
            "TargetRubyVersion": settings.target_ruby(analysis.root),
        },
    } | {name: value for name, value in probing.items() if value}
    path = out / PROBE_FILE
    out.mkdir(parents=True, exist_ok=True)
    text = config.dump(document)
    path.write_text(text, encoding="utf-8")
    try:
        run = partial(run_rubocop, analysis.root, path)
        found = list(runs.per_file("rubocop", [str(analysis.root), text], files, run))
    finally:
        path.unlink(missing_ok=True)
    return (_standard(files, probing, found, analysis.settings.enforce_ratio, required),)


def _limits(found: Sequence[Violation]) -> tuple[dict[str, int], dict[str, set[str]]]:
    """Each Metrics cop's limit, learned from the sizes it measured outside tests, and the
    files with a size over it (tests included, to tell whether tests keep it too)."""
    measuring = settings.measuring()
    sizes: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for v in found:
        size = settings.measured(v.message) if v.rule in measuring else None
        if size is not None:
            sizes[v.rule].append((v.path, size))
    limits = settings.limits(
        {cop: [n for p, n in found if not roles.is_test(p)] for cop, found in sizes.items()}
    )
    over = {cop: {p for p, n in sizes[cop] if n > limit} for cop, limit in limits.items()}
    return limits, over


def _standard(
    files: Sequence[str],
    probing: dict[str, settings.Settings],
    found: Sequence[Violation],
    ratio: float,
    required: tuple[str, ...],
) -> Standard:
    broken = {v.path for v in found if v.rule == BROKEN}
    checked = [p for p in files if p not in broken]
    outside = [p for p in checked if not roles.is_test(p)]
    tests = len(checked) - len(outside)
    failing: dict[str, set[str]] = defaultdict(set)
    for v in found:
        if v.path not in broken:
            failing[v.rule].add(v.path)
    limits, over = _limits([v for v in found if v.path not in broken])
    kept: dict[str, str] = {}
    off_in_tests: list[str] = []
    left_out: dict[str, float] = {}
    for cop, value in sorted(probing.items()):
        paths = failing.get(cop, set())
        if cop in limits:
            kept[cop] = json.dumps(value | {"Max": limits[cop]})
            tests_over = [p for p in over[cop] if roles.is_test(p)]
            off_in_tests += [cop] if len(tests_over) > (1 - ratio) * tests else []
        elif len(paths) <= (1 - ratio) * len(checked):
            kept[cop] = json.dumps(value)
        elif len([p for p in paths if not roles.is_test(p)]) <= (1 - ratio) * len(outside):
            kept[cop] = json.dumps(value)
            off_in_tests.append(cop)
        else:
            left_out[cop] = round(1 - len(paths) / max(len(checked), 1), 3)
    breaking = {
        cop: {
            p
            for p in (over[cop] if cop in limits else failing.get(cop, set()))
            if not (cop in off_in_tests and roles.is_test(p))
        }
        for cop in kept
    }
    dirty = set().union(*breaking.values())
    cases = sum(len(outside) if cop in off_in_tests else len(checked) for cop in kept)
    return standard(
        STANDARD_ID,
        language=LANGUAGE,
        rule=f"Pass RuboCop with the {len(kept)} cops the code already obeys.",
        why="Each cop is one at least 95% of the files already pass (Metrics limits are the "
        "repo's own 95th percentile), so what remains are exceptions, not a new style.",
        parameters={
            "cops": kept,
            "off_in_tests": tuple(off_in_tests),
            "tests": test_globs(files),
            "require": required,
            "left_out": left_out,
        },
        ev=bundled(
            cases,
            sum(map(len, breaking.values())),
            [Example(p, 1, "clean") for p in checked if p not in dirty],
            [Example(p, 1, "has offenses") for p in checked if p in dirty],
        ),
        targets=("rubocop",),
    )
