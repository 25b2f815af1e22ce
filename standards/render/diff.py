"""`standards diff` as Markdown for a review comment, or as JSON for programs."""

from __future__ import annotations

import json
from typing import Any

from standards.diff import Diff, Moved
from standards.model import Standard
from standards.store import standard_dict
from standards.templating import md_inline, md_text


def markdown(diff: Diff) -> str:
    """Sections for what was added, dropped and moved; one line when nothing was."""
    title = f"### standards: this change against {md_inline(diff.base)}"
    if not (diff.added or diff.dropped or diff.moved):
        return f"{title}\n\nNo standard was added, dropped or moved.\n"
    counts = f"{len(diff.added)} added, {len(diff.dropped)} dropped, {len(diff.moved)} changed"
    parts = [title, f"**{counts}**"]
    sections = (
        ("Added", [_standard(s) for s in diff.added]),
        ("Dropped", [_standard(s) for s in diff.dropped]),
        ("Changed", [_moved(m) for m in diff.moved]),
    )
    parts += [f"#### {name}\n\n" + "\n".join(lines) for name, lines in sections if lines]
    return "\n\n".join(parts) + "\n"


def _standard(s: Standard) -> str:
    return f"- {md_inline(s.id)} ({s.level.value}, {_adherence(s)}): {md_text(s.rule)}"


def _moved(m: Moved) -> str:
    level = m.before.level.value
    if m.after.level != m.before.level:
        level = f"{level} → {m.after.level.value}"
    moved = f"{_adherence(m.before)} → {_adherence(m.after)}, {m.points:+.1f} points"
    return f"- {md_inline(m.after.id)} ({level}; {moved}): {md_text(m.after.rule)}"


def _adherence(s: Standard) -> str:
    ev = s.evidence
    return f"{ev.followed}/{ev.total} ({100 * ev.ratio:.1f}%)"


def json_(diff: Diff) -> str:
    document = {
        "base": diff.base,
        "added": [standard_dict(s) for s in diff.added],
        "dropped": [standard_dict(s) for s in diff.dropped],
        "changed": [_moved_dict(m) for m in diff.moved],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _moved_dict(m: Moved) -> dict[str, Any]:
    def side(s: Standard) -> dict[str, Any]:
        ev = s.evidence
        return {
            "level": s.level.value,
            "followed": ev.followed,
            "total": ev.total,
            "ratio": round(ev.ratio, 3),
        }

    points = round(m.points, 1)
    return {"id": m.after.id, "before": side(m.before), "after": side(m.after), "points": points}
