"""Prettier on files it cannot parse: not formatting findings, and not the tool failing."""

from __future__ import annotations

from pathlib import Path

import pytest

from standards.targets import ToolError, prettier


def test_a_template_saved_as_js_is_left_to_the_problems_not_a_failed_run(tmp_path: Path) -> None:
    files = {
        "static/catalog.js": "{% autoescape off %}\nconst a = {{ value }};\n",
        "static/ugly.js": "const   a = {b:1}\n",
        "static/clean.js": "const a = { b: 1 };\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    out = tmp_path / ".standards"
    out.mkdir()
    found = prettier._unformatted(tmp_path, out, ["--no-config"], sorted(files))
    assert found == {"static/ugly.js"}
    with pytest.raises(ToolError):
        prettier._unformatted(tmp_path, out, ["--no-config"], ["static/missing.js"])
