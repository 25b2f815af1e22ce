"""The `lint.python.ruff-rules` standard: what the probe keeps, how it is written, and
what was left out and why, in the words the playbook and standards.json use.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from fnmatch import fnmatchcase
from posixpath import basename

from standards.analyzers import roles
from standards.analyzers.evidence import bundled, standard
from standards.model import Example, Param, Standard
from standards.targets.ruff import catalogue, conflicts, probe, selection
from standards.targets.ruff.search import Settings

ID = "lint.python.ruff-rules"
SHOWN = 12
"""Codes the playbook names before saying how many more there are."""
REASONS = {
    "formatter": "the formatter's job",
    "conflict": "the other side of a conflicting pair",
    "repo-config": "ignored by the team's config",
    "convention": "outside the docstring convention",
}


def learn(
    probed: probe.Probed,
    settings: Settings,
    learned: Collection[str],
    repo_ignored: Mapping[str, str],
    formatter: bool,
) -> tuple[Standard, frozenset[str]]:
    """Keep every stable rule the gate (or an enforced standard) keeps; write it.
    Returns the standard and the codes kept."""
    convention = settings.get("lint.pydocstyle.convention")
    excluded = _excluded(probed, settings, repo_ignored, formatter)
    blocked = {c: why for reason in excluded.values() for c, why in reason.items()}
    silent = probe.convention_left_out(str(convention) if convention else None)
    universe = [c for c in catalogue.stable() if c not in blocked and c not in silent]
    exempt, failed = _gate(probed, universe, learned)
    kept = frozenset(exempt)
    select = selection.compact(kept, universe)
    left_out: dict[str, Param] = {"failed-gate": failed, **excluded, "convention": silent}
    left_out.update(probe.status_left_out())
    parameters: dict[str, Param] = {
        "select": select,
        "ignore": selection.ignored(select, blocked),
        "per-file-ignores": _per_file(probed, exempt, kept),
        "left-out": {k: v for k, v in left_out.items() if v},
        "settings": dict(sorted(settings.items())),
        "summary": _summary(select, kept, learned, exempt, left_out),
    }
    return _standard(probed, kept, exempt, parameters), kept


def _gate(
    probed: probe.Probed, universe: Sequence[str], learned: Collection[str]
) -> tuple[dict[str, tuple[str, ...]], dict[str, Param]]:
    """The kept codes with the path groups exempt from each, and the pass rate of every
    code the gate rejects (a code an enforced standard implies is kept regardless)."""
    exempt: dict[str, tuple[str, ...]] = {}
    failed: dict[str, Param] = {}
    for code in universe:
        verdict = probe.judge(probed, code)
        if verdict.kept or code in learned:
            exempt[code] = verdict.exempt
        else:
            failed[code] = round(verdict.rate, 3)
    return exempt, failed


def _excluded(
    probed: probe.Probed, settings: Settings, repo_ignored: Mapping[str, str], formatter: bool
) -> dict[str, dict[str, str]]:
    """Codes left out on purpose, by reason; a code has one reason, the first here."""
    convention = "lint.pydocstyle.convention" in settings
    found = {"formatter": conflicts.with_formatter(formatter, settings)}
    found["conflict"] = probe.pair_losers(probed, convention)
    seen = {c for reason in found.values() for c in reason}
    found["repo-config"] = {c: r for c, r in repo_ignored.items() if c not in seen}
    return found


def _per_file(
    probed: probe.Probed, exempt: Mapping[str, Sequence[str]], kept: Collection[str]
) -> dict[str, Param]:
    """Glob -> selectors for each path group some kept rule exempts; each glob lists the
    exempted rules its own files break (`manage.py` is glue, but has no docstring rule)."""
    result: dict[str, Param] = {}
    for group in probe.GROUPS:
        codes = {c for c, groups in exempt.items() if group in groups}
        for glob, files in globs(group, probed.groups[group]).items():
            broken = {c for c in codes if probed.failing(c) & files}
            result.update({glob: selection.compact(broken, kept)} if broken else {})
    return dict(sorted(result.items()))


def globs(group: str, files: Collection[str]) -> dict[str, frozenset[str]]:
    """The path-role globs that match `files` (repo-relative; names alone match anywhere),
    each with the files it matches."""
    found: dict[str, set[str]] = {}
    for path in files:
        role = roles.roles_of(path)
        folders = set(path.split("/")[:-1]) & role.test_folders if group == "tests" else set()
        names = role.test_files if group == "tests" else role.glue_files
        matched = [f"**/{name}/**" for name in folders] or [
            p for p in names if fnmatchcase(basename(path), p)
        ]
        for glob in matched:
            found.setdefault(glob, set()).add(path)
    return {glob: frozenset(paths) for glob, paths in sorted(found.items())}


def _summary(
    select: Sequence[str],
    kept: Collection[str],
    learned: Collection[str],
    exempt: Mapping[str, Sequence[str]],
    left_out: Mapping[str, Param],
) -> tuple[str, ...]:
    whole = catalogue.families()
    families = [s for s in select if s in whole]
    parts = [s for s in select if s not in kept and s not in families]
    singles = sorted(
        (s for s in select if s in kept and s not in families), key=lambda c: (c not in learned, c)
    )
    lines = [f"whole families: {', '.join(families) or 'none'}"]
    lines += [f"parts of families: {', '.join(parts)}"] if parts else []
    if singles:
        more = f" and {len(singles) - SHOWN} more" if len(singles) > SHOWN else ""
        lines.append(f"single rules: {', '.join(singles[:SHOWN])}{more}")
    for group in probe.GROUPS:
        codes = sorted(c for c, g in exempt.items() if group in g)
        if codes:
            lines.append(f"not in {group}: {', '.join(selection.compact(codes, kept))}")
    lines.append("left out: " + "; ".join(_left_out(left_out)))
    return tuple(lines)


def _left_out(left_out: Mapping[str, Param]) -> list[str]:
    said = []
    failed = left_out["failed-gate"]
    if isinstance(failed, Mapping) and failed:
        worst = sorted(failed, key=lambda c: (-float(failed[c]), c))  # type: ignore[arg-type]
        shown = ", ".join(f"{c} ({float(failed[c]):.1%} pass)" for c in worst[:3])  # type: ignore[arg-type]
        said.append(f"{len(failed)} that more than 5% of files break, the closest {shown}")
    for reason in REASONS:
        codes = left_out[reason]
        if isinstance(codes, Mapping) and codes:
            named = sorted(codes)
            more = f" and {len(named) - SHOWN} more" if len(named) > SHOWN else ""
            said.append(f"{', '.join(named[:SHOWN])}{more} ({REASONS[reason]})")
    for status in ("preview", "deprecated", "removed"):
        codes = left_out.get(status, ())
        said += [f"{len(codes)} {status}"] if isinstance(codes, tuple) and codes else []
    return said


def _standard(
    probed: probe.Probed,
    kept: Collection[str],
    exempt: Mapping[str, Sequence[str]],
    parameters: Mapping[str, Param],
) -> Standard:
    broken = sorted(probe.counter_examples(probed, kept, exempt))
    first: dict[str, probe.Located] = {}
    for found in broken:
        first.setdefault(found[0], found)
    return standard(
        ID,
        language="python",
        rule=f"Pass ruff with the {len(kept)} rules the code already obeys.",
        why="Each selected rule is one at least 95% of files already pass, so the "
        "remaining findings are exceptions, not a new style.",
        parameters=parameters,
        ev=bundled(
            probe.cases(probed, kept, exempt),
            len(broken),
            [Example(p, 1, "clean") for p in probed.scope.files if p not in first],
            [Example(p, line, f"{rule} {message}") for p, line, rule, message in first.values()],
        ),
        targets=("ruff",),
    )
