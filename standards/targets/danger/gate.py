"""The team's gate, applied to what Danger learns: enforced checks fail a change, advice
warns, and nothing is checked that the repo does not mostly do already."""

from __future__ import annotations

from dataclasses import replace

from standards.analyzers.evidence import level, mostly_broken
from standards.model import Settings, Standard


def gated(s: Standard, settings: Settings) -> Standard | None:
    """The standard at the level its evidence earns under the settings, or None when too
    few cases show it or most of them break it (as analyzers' advice is gated)."""
    ev = s.evidence
    found = level(ev, settings.enforce_ratio, settings.min_cases)
    if ev.total < settings.min_cases or mostly_broken(ev):
        return None
    return s if found is s.level else replace(s, level=found)
