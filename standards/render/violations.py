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
    advised = f", {len(result.advised)} advised" if result.advised else ""
    lines.append(
        f"{len(result.violations)} new violations in {len(result.files)} files "
        f"({result.baselined} baselined{advised})"
    )
    return "\n".join(lines) + "\n"


def json_(result: CheckResult) -> str:
    document = {
        "files": list(result.files),
        "baselined": result.baselined,
        "violations": [_plain(v) for v in result.violations],
        "advised": [_plain(v) for v in result.advised],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _plain(v: Violation) -> dict[str, object]:
    return {"path": v.path, "line": v.line, "rule": v.rule, "tool": v.tool, "message": v.message}


def sarif(result: CheckResult) -> str:
    rules = sorted({v.rule for v in result.violations})
    run = {
        "tool": {
            "driver": {
                "name": "standards",
                "version": __version__,
                "rules": [{"id": rule} for rule in rules],
            }
        },
        "results": [
            {
                "ruleId": v.rule,
                "ruleIndex": rules.index(v.rule),
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
            for v in result.violations
        ],
    }
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
