"""File roles, families and recipes read only language-neutral facts: the same code finds
them in JavaScript as in Python."""

from __future__ import annotations

from pathlib import Path

from standards.analyzers import families, file_roles
from standards.languages import javascript
from standards.model import Level

TRANSPORT = (
    "import {{ Transport }} from '../base.js';\n\n"
    "export class {0}Transport extends Transport {{\n"
    "  send(message) {{\n    return message;\n  }}\n}}\n"
)


def _facts() -> list:
    files = {"src/plugins/base.js": "export class Transport {}\n"}
    for name in ("slack", "email", "discord", "matrix", "webhook"):
        files[f"src/plugins/{name}/transport.js"] = TRANSPORT.format(name.title())
        files[f"src/plugins/{name}/form.js"] = f"export class {name.title()}Form {{}}\n"
    parsed = [javascript.parse(path, text.encode()) for path, text in sorted(files.items())]
    return list(javascript.link(Path(), parsed))


def test_a_javascript_family_and_its_main_classes() -> None:
    found = {s.id: s for s in families.analyze(_facts(), javascript)}
    family = found["structure.javascript.family.src-plugins"]
    assert family.level is Level.ENFORCE
    assert family.parameters["skeleton"] == ("form.js", "transport.js")
    mains = family.parameters["main_classes"]
    assert {"file": "transport.js", "suffix": "Transport", "base": "Transport"} in mains  # type: ignore[operator]
    steps = [part for step in family.parameters["steps"] for part in step]  # type: ignore[union-attr]
    assert not [p for p in steps if "(" in p]  # no Python syntax in a JavaScript recipe


def test_javascript_file_roles_are_written_down_not_claimed_checked() -> None:
    found = {s.id: s for s in file_roles.analyze(_facts(), javascript)}
    role = found["naming.javascript.file-role.transport"]
    assert (role.parameters["affix"], role.parameters["base"]) == ("Transport", "Transport")
    assert role.targets == ("playbook",)  # ESLint's plugin has no file-role rule
