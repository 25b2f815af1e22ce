"""`standards diff`: what a change does to the analysis, on a scripted branch."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from standards import diff
from standards.cli import main
from standards.model import Evidence, Level, Standard
from standards.render import diff as render

from .conftest import git


def _standard(id_: str, followed: int, total: int, level: Level = Level.ENFORCE) -> Standard:
    evidence = Evidence(followed, total)
    return Standard(id_, "python", f"Rule of {id_}.", "Why.", {}, evidence, 0.9, level)


def test_compare_finds_added_dropped_and_moved_by_a_point_or_a_level() -> None:
    kept = _standard("naming.python.kept", 200, 200)
    nudged = _standard("sizes.python.nudged", 199, 200)  # half a point: not a move
    before = [
        kept,
        _standard("naming.python.gone", 9, 10),
        _standard("sizes.python.moved", 90, 100),
    ]
    before += [_standard("typing.python.level", 94, 100, Level.ADVISE), replace(nudged, id="x.n.y")]
    after = [kept, _standard("layering.python.new", 5, 5), _standard("sizes.python.moved", 91, 100)]
    after += [_standard("typing.python.level", 94, 100), _standard("x.n.y", 200, 200)]
    found = diff.compare("main", before, after)
    assert [s.id for s in found.added] == ["layering.python.new"]
    assert [s.id for s in found.dropped] == ["naming.python.gone"]
    assert [(m.after.id, round(m.points, 1)) for m in found.moved] == [
        ("sizes.python.moved", 1.0),
        ("typing.python.level", 0.0),
    ]


def test_markdown_escapes_what_the_repo_wrote() -> None:
    crafted = replace(_standard("naming.python.x", 5, 5), rule="Use *this* <img src=x> | `y`.")
    text = render.markdown(diff.compare("feature`x", [], [crafted]))
    assert "### standards: this change against ``feature`x``" in text
    assert "- `naming.python.x` (enforce, 5/5 (100.0%)): Use \\*this\\* \\<img" in text
    empty = render.markdown(diff.compare("main", [crafted], [crafted]))
    assert empty.endswith("No standard was added, dropped or moved.\n")


@pytest.fixture
def branch(fixture_repo: Callable[[str], Path]) -> Iterator[Path]:
    """Main as the fixture is; the working tree on `feature` adds a misnamed service
    class, commits it, and leaves a camelCase function uncommitted."""
    root = fixture_repo("flask_service_layer")
    git(root, "checkout", "-q", "-b", "feature")
    (root / "app/services/extra_service.py").write_text(
        '"""Extras."""\n\n\nclass Helper:\n    pass\n'
    )
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "extras", "--no-gpg-sign")
    email = root / "app/services/email_service.py"
    email.write_text(email.read_text() + "\n\ndef sendAll() -> None:\n    pass\n")
    cwd = os.getcwd()
    os.chdir(root)
    yield root
    os.chdir(cwd)


def test_diff_against_main_as_markdown_and_json(branch: Path) -> None:
    state = (git(branch, "status", "--porcelain"), git(branch, "worktree", "list"))
    index = (branch / ".git/index").read_bytes()
    result = CliRunner().invoke(main, ["diff", "--base", "main"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:3] == [
        "### standards: this change against `main`",
        "",
        "**0 added, 0 dropped, 2 changed**",
    ]
    moved = [line.split(" ", 2)[1] for line in lines if line.startswith("- ")]
    assert moved == [
        "`naming.python.class-affix.app-services`",
        "`naming.python.function-case`",
    ]
    affix = "- `naming.python.class-affix.app-services` (enforce → advise; "
    assert affix + "8/8 (100.0%) → 8/9 (88.9%), -11.1 points)" in result.output
    document = json.loads(
        CliRunner().invoke(main, ["diff", "--base", "main", "--format", "json"]).output
    )
    moved = document["changed"][0]
    assert (moved["before"]["level"], moved["after"]["level"], moved["points"]) == (
        "enforce",
        "advise",
        -11.1,
    )
    assert (git(branch, "status", "--porcelain"), git(branch, "worktree", "list")) == state
    assert (branch / ".git/index").read_bytes() == index
    assert not (branch / ".standards").exists()


def test_a_base_that_does_not_exist_is_a_usage_error(branch: Path) -> None:
    result = CliRunner().invoke(main, ["diff", "--base", "no-such-branch"])
    assert result.exit_code == 2
    assert "no revision 'no-such-branch'" in result.output
