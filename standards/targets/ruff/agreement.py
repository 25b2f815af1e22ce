"""Where the code agrees with the team's own linter config, and where it does not.

Why: the generated config must never contradict a team's choice without saying so.
Every configured setting is compared with the one written: the same value means the
code passes the team's choice (each was probed), another value says what the code does
instead. Every configured rule selector is compared with what was kept. The result is
the `lint.python.repo-config` standard, examples pointing at the config lines.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from standards.analyzers.evidence import evidence, standard
from standards.model import Example, Level, Param, Standard
from standards.targets.ruff import catalogue, selection, settings
from standards.targets.ruff.repo_config import Setting
from standards.targets.ruff.search import Settings

ID = "lint.python.repo-config"
RULE_KEYS = ("lint.select", "lint.ignore")
Verdict = tuple[bool, str]
"""Whether the generated config keeps a configured choice, and what the code does."""


@dataclass(frozen=True)
class Outcome:
    """What the generated config ended up with, to hold the team's settings against.

    `notes` say how the code fares against one configured value, by (key, value as
    text); `judges` are the standards that judge settings by key prefix (`format.`: the
    formatter), so a setting kept as the team's but not passed yet says so.
    """

    settings: Settings
    kept: Collection[str]
    left_out: Mapping[str, Mapping[str, Param]]
    notes: Mapping[tuple[str, str], str]
    judges: Mapping[str, Standard]


def codes(selector: str) -> tuple[str, ...]:
    """The ruff codes a configured selector names: a ruff prefix, a flake8 code, or a
    pylint message (`pylint:too-many-arguments`, `pylint:C0114`) by its ruff twin."""
    rules = catalogue.rules()
    if selector.upper() == "ALL":
        return tuple(sorted(rules))
    if selector.startswith("pylint:"):
        name = selector.removeprefix("pylint:")
        return tuple(
            c
            for c, r in sorted(rules.items())
            if r.family.startswith("PL") and name in (r.name, c[2:])
        )
    return tuple(c for c in sorted(rules) if selection.under(c, selector.upper()))


def repo_ignored(configured: Sequence[Setting]) -> dict[str, str]:
    """Stable codes the team's config ignores, with where it says so."""
    stable = set(catalogue.stable())
    found: dict[str, str] = {}
    for s in configured:
        if s.key == "lint.ignore" and isinstance(s.value, tuple):
            for selector in s.value:
                found.update(
                    {c: f"ignored in {s.source}" for c in codes(str(selector)) if c in stable}
                )
    return dict(sorted(found.items()))


def learn(configured: Sequence[Setting], outcome: Outcome) -> Standard | None:
    """The comparison, or None when the repo configures nothing ruff can express."""
    if not configured:
        return None
    verdicts = [(s, *v) for s in configured for v in _verdicts(s, outcome)]
    ev = evidence(
        [Example(s.path, s.line, detail) for s, agrees, detail in verdicts if agrees],
        [Example(s.path, s.line, detail) for s, agrees, detail in verdicts if not agrees],
    )
    return standard(
        ID,
        language="python",
        rule=f"Keep the team's own linter settings: the code passes {ev.followed} of the "
        f"{ev.total} they configure; the generated config says where it differs.",
        why="A generated config that silently overrode the team's choices would not be "
        "trusted; each difference is one the code itself shows.",
        parameters={"configured": tuple(_setting(*v) for v in verdicts)},
        ev=ev,
        targets=("ruff", "playbook"),
    )


def _verdicts(s: Setting, outcome: Outcome) -> list[Verdict]:
    """Whether the generated config keeps `s` (one verdict per rule selector), and why."""
    if s.key in RULE_KEYS:
        selectors = s.value if isinstance(s.value, tuple) else ()
        return [_selector(s.key, str(selector), outcome) for selector in selectors]
    used = outcome.settings.get(s.key)
    detail = f"{s.key} = {settings.shown(s.value)} ({s.section})"
    note = outcome.notes.get((s.key, str(s.value)), "")
    note = f"; {note}" if note else ""
    if used != s.value:
        wrote = "left unset" if used is None else f"wrote {settings.shown(used)}"
        return [(False, f"{detail}: {wrote}{note}")]
    judge = next((j for prefix, j in outcome.judges.items() if s.key.startswith(prefix)), None)
    if judge is not None and judge.level is not Level.ENFORCE:
        ev = judge.evidence
        return [(False, f"{detail}: kept, the team's, but {ev.followed} of {ev.total} files pass")]
    return [(True, f"{detail}: kept, the code passes it{note}")]


def _selector(key: str, selector: str, outcome: Outcome) -> Verdict:
    named = codes(selector)
    if key == "lint.ignore":
        said = "left out of the generated config too" if named else "ruff has no such rule"
        return True, f"ignores {selector.removeprefix('pylint:')}: {said}"
    stable = [c for c in named if catalogue.rules()[c].status == catalogue.STABLE]
    if not stable:
        said = "only preview or removed rules, left out" if named else "ruff has no such rule"
        return False, f"selects {selector}: {said}"
    ignored = outcome.left_out.get("repo-config", {})
    missing = [c for c in stable if c not in outcome.kept and c not in ignored]
    if not missing:
        skipped = [c for c in stable if c in ignored]
        but = f", but {', '.join(skipped)}, which the team ignores" if skipped else ""
        return True, f"selects {selector}: every stable rule of it is kept{but}"
    reasons = {c: str(why) for reason in outcome.left_out.values() for c, why in reason.items()}
    shown = ", ".join(f"{c} ({reasons.get(c, 'not kept')})" for c in missing[:3])
    more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
    return False, f"selects {selector}: left out {shown}{more}"


def _setting(s: Setting, agrees: bool, detail: str) -> dict[str, Param]:
    return {"source": s.source, "line": s.line, "agrees": agrees, "detail": detail}
