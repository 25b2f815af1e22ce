"""Violations found by `standards check`, as text, JSON or SARIF 2.1.0."""

from __future__ import annotations

import json

from standards import __version__
from standards.check.runner import CheckResult
from standards.model import Violation

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def text(result: CheckResult) -> str:
    lines = [f"{v.path}:{v.line}: {v.rule} {v.message}" for v in result.violations]
    lines += [f"{v.path}:{v.line}: {v.rule} (advice here) {v.message}" for v in result.advised]
    lines += [
        f"{s.violation.path}:{s.violation.line}: {s.violation.rule} (suppressed: "
        f"{s.reason or 'no reason given'})"
        for s in result.suppressed
    ]
    advised = f", {len(result.advised)} advised" if result.advised else ""
    suppressed = f", {len(result.suppressed)} suppressed" if result.suppressed else ""
    lines.append(
        f"{len(result.violations)} new violations in {len(result.files)} files "
        f"({result.baselined} baselined{advised}{suppressed})"
    )
    return "\n".join(lines) + "\n"


def json_(result: CheckResult) -> str:
    document = {
        "files": list(result.files),
        "baselined": result.baselined,
        "violations": [_plain(v) for v in result.violations],
        "advised": [_plain(v) for v in result.advised],
        "suppressed": [_plain(s.violation) | {"reason": s.reason} for s in result.suppressed],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _plain(v: Violation) -> dict[str, object]:
    return {"path": v.path, "line": v.line, "rule": v.rule, "tool": v.tool, "message": v.message}


def sarif(result: CheckResult) -> str:
    """New violations as results; suppressed ones too, marked as suppressed in source with
    their reason, so code scanning shows them as dismissed rather than dropping them."""
    found: list[tuple[Violation, str | None]] = [(v, None) for v in result.violations]
    found += [(s.violation, s.reason) for s in result.suppressed]
    rules = sorted({v.rule for v, _ in found})
    run = {
        "tool": {
            "driver": {
                "name": "standards",
                "version": __version__,
                "rules": [{"id": rule} for rule in rules],
            }
        },
        "results": [_result(v, rules.index(v.rule), reason) for v, reason in found],
    }
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _result(v: Violation, index: int, reason: str | None) -> dict[str, object]:
    """One SARIF result; `reason` is the justification of an in-source suppression."""
    result: dict[str, object] = {
        "ruleId": v.rule,
        "ruleIndex": index,
        "level": "error",
        "message": {"text": v.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": v.path},
                    "region": {"startLine": v.line},
                }
            }
        ],
        "partialFingerprints": {"standards/v1": v.fingerprint},
    }
    if reason is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": reason}]
    return result
