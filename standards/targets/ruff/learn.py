"""What ruff learns about a repo, step by step, each step using the settings before it.

1. limits and `target-version` (one run): the analyzers' line length and sizes, or the
   team's configured values where the code keeps to them; the oldest Python the
   metadata claims and the syntax allows;
2. quotes, docstring convention, pytest style (one run per candidate rank);
3. the formatter (`ruff format --check`), from the team's format settings if any, and
   then a doc-line limit below the line length, where the code has one;
4. import order (I001), wrapped at the formatter's line length;
5. every stable rule at once (`--select ALL`) with all of it, and the comparison with
   the team's own config.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from standards.analyzers import evidence, roles
from standards.model import Analysis, FileFacts, Level, Param, Settings, Standard, Violation
from standards.targets.ruff import (
    agreement,
    catalogue,
    formatter,
    isort,
    limits,
    probe,
    repo_config,
    rules,
    run,
    settings,
    styles,
    versions,
)
from standards.targets.ruff.repo_config import Setting
from standards.targets.ruff.search import Scope
from standards.templating import toml_value

DOC = "lint.pycodestyle.max-doc-length"
TARGET = "target-version"
Notes = dict[tuple[str, str], str]
"""What the code does against one configured value, by (key, value as text)."""


def learn(analysis: Analysis) -> tuple[Standard, ...]:
    python = set(run.python_files(analysis.facts))
    authored = [f for f in analysis.facts if f.path in python and not roles.is_tool_owned(f.path)]
    if not authored:
        return ()
    gate = analysis.settings
    files = tuple(f.path for f in authored)
    scope = Scope(analysis.root, files, gate.enforce_ratio, gate.min_cases)
    configured = repo_config.read(analysis.root)
    notes: Notes = {}
    base = settings.settings(analysis.standards)
    chosen, formatting, order = _settings(scope, authored, base, configured, notes)
    formatting, order = _gated(formatting, gate), _gated(order, gate)
    probed = probe.run_all(scope, chosen, "lint.pydocstyle.convention" in chosen)
    enforced = formatting.level is Level.ENFORCE and formatter.NAME not in gate.disable
    learned = settings.learned_codes(analysis.standards)
    lint, kept = rules.learn(probed, chosen, learned, agreement.repo_ignored(configured), enforced)
    judges = {"format.": formatting, "lint.isort.": order}
    outcome = agreement.Outcome(chosen, kept, _reasons(lint), notes, judges)
    compared = agreement.learn(configured, outcome)
    found = tuple(_gated(s, gate) for s in (formatting, order, lint, compared) if s is not None)
    return found + settings.unchecked(analysis.standards, kept)


def _settings(
    scope: Scope,
    facts: Sequence[FileFacts],
    base: Mapping[str, Param],
    configured: Sequence[Setting],
    notes: Notes,
) -> tuple[dict[str, Param], Standard, Standard]:
    """Steps 1 to 4: every setting, each on top of those before it, with the formatter
    and import-order standards they yield."""
    accepted = _accepted(configured, notes)
    wanted = repo_config.values(accepted)
    chosen, measured = _limits(scope, base, accepted, notes)
    chosen.update(styles.learn(scope, chosen, wanted, styles.uses_pytest(facts)))
    chosen.update({k: v for k, v in wanted.items() if k.startswith("format.")})
    formatting, layout = formatter.learn_formatter(scope, chosen)
    chosen.update(layout)
    chosen.update(_doc_length(scope, facts, measured, chosen, accepted, notes))
    order, sorting = isort.learn(scope, chosen, wanted, facts)
    chosen.update(sorting)
    return chosen, formatting, order


def _gated(s: Standard, gate: Settings) -> Standard:
    """At the level the team's gate gives it; a pinned standard is enforced outright."""
    found = evidence.level(s.evidence, gate.enforce_ratio, gate.min_cases)
    return replace(s, level=Level.ENFORCE if s.id in gate.enforce else found)


def _limits(
    scope: Scope, base: Mapping[str, Param], configured: Sequence[Setting], notes: Notes
) -> tuple[dict[str, Param], limits.Limits]:
    """Base settings with each limit checked, and what was measured."""
    keys = limits.measurable({*base, *(s.key for s in configured), "line-length", DOC})
    start, claimed = _claimed(scope, repo_config.values(tuple(configured)))
    probing = {**_lowest(base, configured, keys), TARGET: versions.name(start)}
    rules = [limits.RULES[k] for k in keys]
    found = run.probe(scope.root, scope.files, probing, rules)
    measured = limits.Limits.of(found)
    chosen = {k: v for k, v in base.items() if k != DOC}
    for key in (k for k in keys if k != DOC):
        value = _configured_limit(scope, measured, key, configured, notes)
        chosen.update({key: value} if value is not None else {})
    syntax = (Violation(p, *f) for p, kept in found.items() for f in kept if f[1] == run.SYNTAX)
    minor = versions.resolve(start, versions.needed(syntax), scope.allowed, claimed)
    chosen[TARGET] = versions.name(minor)
    if minor != start:
        said = f"more than 5% of files use syntax newer than Python 3.{start}"
        notes.update({(TARGET, str(v)): said for v in _values(configured, TARGET)})
    return chosen, measured


def _lowest(
    base: Mapping[str, Param], configured: Sequence[Setting], keys: Sequence[str]
) -> dict[str, Param]:
    """Base settings with each limit at its lowest candidate (learned, configured, or the
    lowest doc limit), so one run shows every breach of any higher value."""
    probing: dict[str, Param] = {k: v for k, v in base.items() if k not in keys}
    for key in keys:
        values = [base.get(key), *_values(configured, key)]
        floor = [limits.DOC_LIMITS[0]] if key == DOC else []
        probing[key] = min([v for v in values if isinstance(v, int)] + floor or [88])
    return probing


def _accepted(configured: Sequence[Setting], notes: Notes) -> tuple[Setting, ...]:
    """The configured settings this ruff accepts (rule selectors are read, not passed);
    each one it rejects gets a note saying so."""

    def option(s: Setting) -> tuple[str, str]:
        return (s.key, toml_value(s.value))

    settings = [s for s in configured if s.key not in agreement.RULE_KEYS]
    if catalogue.accepts(tuple(option(s) for s in settings)):
        return tuple(configured)
    rejected = [s for s in settings if not catalogue.accepts((option(s),))]
    notes.update({(s.key, str(s.value)): "ruff does not accept it" for s in rejected})
    return tuple(s for s in configured if s not in rejected)


def _values(configured: Sequence[Setting], key: str) -> list[Param]:
    return [s.value for s in configured if s.key == key]


def _configured_limit(
    scope: Scope, measured: limits.Limits, key: str, configured: Sequence[Setting], notes: Notes
) -> int | None:
    """The first configured value of a limit the code keeps to, if any; every
    configured value gets a note of how many files go beyond it."""
    kept = None
    for value in _values(configured, key):
        if isinstance(value, int) and not isinstance(value, bool):
            over = len(measured.failing(key, value))
            notes[(key, str(value))] = f"{over} of {len(scope.files)} files go beyond {value}"
            kept = value if kept is None and scope.passes(over) else kept
    return kept


def _doc_length(
    scope: Scope,
    facts: Sequence[FileFacts],
    measured: limits.Limits,
    chosen: Mapping[str, Param],
    configured: Sequence[Setting],
    notes: Notes,
) -> dict[str, Param]:
    """The team's doc-line limit if kept, else one the code has below the line length."""
    if (value := _configured_limit(scope, measured, DOC, configured, notes)) is not None:
        return {DOC: value}
    length = chosen.get("line-length", 88)
    assert isinstance(length, int)
    found = limits.doc_length(measured, facts, length, scope)
    return {DOC: found} if found is not None else {}


def _claimed(scope: Scope, wanted: Mapping[str, Param]) -> tuple[int, bool]:
    """The oldest Python the team names (ruff's or black's config, else the metadata),
    or the oldest ruff knows when nobody names one; and whether somebody did."""
    oldest = catalogue.target_versions()[0]
    named = str(wanted.get(TARGET, ""))
    if named.startswith("py3") and named[3:].isdigit():
        return max(oldest, int(named[3:])), True
    claim = versions.claimed(scope.root)
    return (max(oldest, claim[0]), True) if claim else (oldest, False)


def _reasons(lint: Standard) -> dict[str, Mapping[str, Param]]:
    """Why each code was left out, by reason (statuses list codes without one)."""
    left_out = lint.parameters["left-out"]
    assert isinstance(left_out, Mapping)
    reasons = {k: v for k, v in left_out.items() if isinstance(v, Mapping)}
    failed = reasons.pop("failed-gate", {})
    rates = {c: f"{float(r):.1%} of files pass" for c, r in failed.items()}  # type: ignore[arg-type]
    return {**reasons, "failed-gate": rates}
