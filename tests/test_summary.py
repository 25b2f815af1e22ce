"""What people read: the analysis summary keeps every id whole at any width and when
piped, and `explain` shows learned parameters as lists and edges, never Python reprs."""

from __future__ import annotations

import io
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from standards.model import (
    Analysis,
    Discovery,
    Evidence,
    Example,
    FileFacts,
    Level,
    Settings,
    Standard,
    Summary,
)
from standards.pipeline import Result
from standards.render import analysis as render

LONG_ID = "naming.python.class-affix.src-plugins-integrations-notifications-backends-folders"
LAYERING = Standard(
    id="layering.python.direction",
    language="python",
    rule="Import only downward through the layers: views > services > models.",
    why="Upward imports couple stable code to code that changes more.",
    parameters={
        "edges": (("services", "models"), ("views", "services")),
        "layers": (
            {"name": "views", "paths": ("app/views",), "tier": 1},
            {"name": "services", "paths": ("app/services", "app/jobs"), "tier": 2},
        ),
        "limits": {"max_lines": 15, "p90": 5},
        "strict": True,
    },
    evidence=Evidence(4, 5, (Example("app/views/a.py", 3, "views imports services"),)),
    confidence=0.7,
    level=Level.ADVISE,
)


def _standard(standard_id: str) -> Standard:
    return Standard(
        standard_id, "python", "Do it.", "Because.", {"affix": "Form", "position": "suffix"},
        Evidence(9, 10), 0.8, Level.ENFORCE,
    )  # fmt: skip


def _result(*standards: Standard, facts: tuple[FileFacts, ...] = ()) -> Result:
    analysis = Analysis(Path("/repo"), Discovery(Path("/repo"), (), ()), facts, standards)
    summary = Summary.of(analysis)
    return Result(analysis.root, Settings(), standards, summary, Path("/repo/.standards"), (), ())


def _rendered(width: int, *standards: Standard) -> str:
    buffer = io.StringIO()
    render.text(_result(*standards), Console(file=buffer, width=width, color_system=None))
    return buffer.getvalue()


@pytest.mark.parametrize("width", [40, 80, 200])
def test_every_id_is_whole_on_one_line_at_any_width(width: int) -> None:
    ids = [LONG_ID, "tests.python.layout", "naming.python.test-function-case"]
    output = _rendered(width, *map(_standard, ids))
    lines = output.splitlines()
    for standard_id in ids:
        assert any(standard_id in line for line in lines), (standard_id, output)
    assert not [line for line in lines if "naming.python.cl" in line and LONG_ID not in line]


def test_a_wide_terminal_gets_a_table_and_a_narrow_one_a_list() -> None:
    ids = [LONG_ID, "tests.python.layout"]
    assert "┃ standard" in _rendered(200, *map(_standard, ids))
    narrow = _rendered(80, *map(_standard, ids))
    assert "┃" not in narrow
    assert f"{LONG_ID}\n" in narrow


def test_piped_analyze_prints_whole_ids(
    fixture_repo: Callable[[str], Path], tmp_path: Path
) -> None:
    repo = fixture_repo("flask_service_layer")
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    command = ["standards", "analyze", str(repo), "--no-verify"]
    done = subprocess.run(
        [*command, "--out", str(tmp_path / "out")],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert "controllers.python.delegate-to-services\n" in done.stdout
    assert "naming.python.test-function-case\n" in done.stdout
    assert not [line for line in done.stdout.splitlines() if line.endswith(".…")]


def test_explain_shows_parameters_for_people() -> None:
    buffer = io.StringIO()
    render.explain(LAYERING, Console(file=buffer, width=80, color_system=None))
    output = buffer.getvalue()
    assert "    - services -> models\n    - views -> services\n" in output
    assert "    - name: views\n      paths: app/views\n      tier: 1\n" in output
    assert "      paths: app/services, app/jobs\n" in output
    assert "  limits: max_lines: 15, p90: 5\n" in output
    assert "  strict: yes\n" in output
    assert "(" not in output.split("learned:")[1].split("examples:")[0]


def test_many_problem_files_are_counted_by_kind_and_listed_whole_in_json() -> None:
    broken = [
        FileFacts(f"dist/m{i:02}.ts", "typescript", 3, problems=(f"syntax error at line {i}",))
        for i in range(1, 9)
    ]
    latin = FileFacts(
        "legacy/latin.js", "javascript", 1, problems=("not valid UTF-8 (byte 0xe9 at offset 3)",)
    )
    result = _result(facts=(*broken, latin))
    buffer = io.StringIO()
    render.text(result, Console(file=buffer, width=200, color_system=None))
    lines = buffer.getvalue().splitlines()
    listed = [line for line in lines if line.startswith("problem: ")]
    assert "problems: 1 not valid UTF-8, 8 syntax error; files read as far as they parse" in lines
    assert listed[0] == "problem: dist/m01.ts: syntax error at line 1" and len(listed) == 5
    assert "... 4 more problems, all listed by --format json" in lines
    document = json.loads(render.json_(result))
    assert len(document["problems"]) == 9
    assert document["problems"][-1] == {"path": "legacy/latin.js", "problem": latin.problems[0]}
