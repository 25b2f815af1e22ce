"""Prettier on files it cannot parse: not formatting findings, and not the tool failing;
the same from the command run once and from a loaded process."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import pytest

from standards import node
from standards.targets import ToolError, prettier


@pytest.mark.parametrize("loaded", [False, True])
def test_a_template_saved_as_js_is_left_to_the_problems_not_a_failed_run(
    tmp_path: Path, loaded: bool
) -> None:
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
    with node.Warm(out, prettier.CLI, tmp_path, os.cpu_count() or 1) as warm:
        run = warm.run if loaded else partial(node.run, out, "prettier", cwd=tmp_path)
        found = prettier._unformatted(tmp_path, run, ["--no-config"], sorted(files))
        assert found == {"static/ugly.js"}
        with pytest.raises(ToolError):
            prettier._unformatted(tmp_path, run, ["--no-config"], ["static/missing.js"])
        assert prettier._unformatted(tmp_path, run, ["--no-config"], sorted(files)) == found
