"""Violations found by `standards check`, as text, JSON, SARIF 2.1.0 or GitLab Code Quality."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any
from urllib.parse import quote

from standards import __version__
from standards.check.runner import CheckResult
from standards.languages import name_for
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


def codequality(result: CheckResult) -> str:
    """GitLab's Code Quality report, which merge requests show: new violations are major,
    findings in advice-only paths minor."""
    from standards.render import sarif_rules  # every target's rules: these reports alone

    found = [(v, "major") for v in result.violations] + [(v, "minor") for v in result.advised]
    seen: Counter[tuple[str, ...]] = Counter()
    issues = []
    for v, severity in found:
        key = (v.tool, v.rule, v.path, v.fingerprint)
        seen[key] += 1
        issues.append(
            {
                "description": f"{v.rule}: {v.message}",
                "check_name": sarif_rules.rule_id(v.tool, v.rule),
                "fingerprint": _unique((*key, str(seen[key]))),
                "severity": severity,
                "location": {"path": v.path, "lines": {"begin": v.line}},
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _unique(key: tuple[str, ...]) -> str:
    """One key per issue that survives edits elsewhere: the baseline's key (which names
    the line's text, not its number) and which occurrence of it this is."""
    return hashlib.sha256("\0".join(key).encode()).hexdigest()[:32]


def sarif(result: CheckResult) -> str:
    """SARIF 2.1.0: every rule described from its standard or its tool, new violations as
    errors (or the standard's level), findings in advice-only paths as notes, and those a
    comment in the code suppresses marked so with its reason (code scanning shows them as
    dismissed rather than dropping them)."""
    from standards.render import sarif_rules  # every target's rules: these reports alone

    suppressed = [s.violation for s in result.suppressed]
    found = [*result.violations, *result.advised, *suppressed]
    languages = _languages(found)
    keys = sorted({(v.tool, v.rule) for v in found}, key=lambda k: sarif_rules.rule_id(*k))
    rules = [sarif_rules.descriptor(*k, languages[k], result.standards) for k in keys]
    index = {key: i for i, key in enumerate(keys)}
    results = [_result(v, rules[index[v.tool, v.rule]], index[v.tool, v.rule]) for v in found]
    shown = len(result.violations)
    for advice in results[shown : shown + len(result.advised)]:
        advice["level"] = "note"
    for done, s in zip(results[shown + len(result.advised) :], result.suppressed, strict=True):
        done["suppressions"] = [{"kind": "inSource", "justification": s.reason}]
    driver = {"name": "standards", "version": __version__, "rules": rules}
    run = {"tool": {"driver": driver}, "results": results}
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _languages(found: list[Violation]) -> dict[tuple[str, str], list[str]]:
    """The languages of the files each (tool, rule) was found in."""
    seen: dict[tuple[str, str], set[str]] = {}
    for v in found:
        language = name_for(v.path)
        seen.setdefault((v.tool, v.rule), set()).update([language] if language else [])
    return {key: sorted(names) for key, names in seen.items()}


def _result(v: Violation, rule: dict[str, Any], index: int) -> dict[str, Any]:
    """One finding; its path percent-encoded, as a URI must be."""
    location = {"artifactLocation": {"uri": quote(v.path)}, "region": {"startLine": v.line}}
    return {
        "ruleId": rule["id"],
        "ruleIndex": index,
        "level": rule["defaultConfiguration"]["level"],
        "message": {"text": v.message},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"standards/v1": v.fingerprint},
    }
