"""Prettier on files it cannot parse: not formatting findings, and not the tool failing;
the same from the command run once and from a loaded process."""

from __future__ import annotations

import os
import random
from collections.abc import Sequence
from functools import partial
from itertools import product
from pathlib import Path

import pytest

from standards import node, pipeline
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


def _exhaustive(
    base: dict[str, object], paths: list[str], unformatted: prettier.Unformatted
) -> tuple[dict[str, object], set[str]] | None:
    """The search as it reads without stopping early: every candidate on the whole sample."""
    sample = paths[:: max(1, len(paths) // prettier.SAMPLE)]
    best: tuple[dict[str, object], set[str]] | None = None
    for values in product(*prettier.TRIED.values()):
        options = {**base, **dict(zip(prettier.TRIED, values, strict=True))}
        failing = unformatted(prettier._flags(options), sample)
        if best is None or len(failing) < len(best[1]):
            best = (options, failing)
        if not failing:
            break
    assert best is not None
    if len(best[1]) * 2 >= len(sample):
        return None
    rest = [p for p in paths if p not in set(sample)]
    return best[0], best[1] | (unformatted(prettier._flags(best[0]), rest) if rest else set())


def _table(seed: int, files: int, rates: tuple[float, ...]) -> dict[str, dict[str, bool]]:
    """Whether each file fails under each candidate's flags: `rates[i]` of the files fail
    candidate i, mostly the same files (a file off the mark usually stays off)."""
    pick = random.Random(seed)
    flags = [
        " ".join(prettier._flags(dict(zip(prettier.TRIED, values, strict=True))))
        for values in product(*prettier.TRIED.values())
    ]
    paths = [f"src/f{i:04}.js" for i in range(files)]
    shared = {p: pick.random() for p in paths}
    return {
        key: {p: (shared[p] if pick.random() < 0.8 else pick.random()) < rate for p in paths}
        for key, rate in zip(flags, rates, strict=True)
    }


@pytest.mark.parametrize(
    ("seed", "files", "rates"),
    [
        (1, 43, (0.8, 0.8, 0.85, 0.9)),  # most files unformatted whatever the options
        (2, 233, (0.0, 0.5, 0.5, 0.5)),  # formatted with the defaults
        (3, 233, (0.3, 0.32, 0.05, 0.2)),  # another candidate wins
        (4, 900, (0.2, 0.1, 0.1, 0.4)),  # chosen on a sample, then the rest is checked
        (5, 12, (0.5, 0.45, 0.6, 0.5)),  # a few files
        (6, 1, (1.0, 0.0, 1.0, 1.0)),  # one file, formatted by the second candidate
    ],
)
def test_stopping_losing_candidates_early_gives_the_exhaustive_answer(
    seed: int, files: int, rates: tuple[float, float, float, float]
) -> None:
    table = _table(seed, files, rates)
    checked = {"pruned": 0, "exhaustive": 0}

    def counted(which: str) -> prettier.Unformatted:
        def unformatted(flags: Sequence[str], paths: Sequence[str]) -> set[str]:
            checked[which] += len(paths)
            failing = table[" ".join(f for f in flags if f.split("=")[0] != "--tab-width")]
            return {p for p in paths if failing[p]}

        return unformatted

    paths = sorted(next(iter(table.values())))
    base: dict[str, object] = {"tabWidth": 2}
    found = prettier._search(base, paths, counted("pruned"))
    assert found == _exhaustive(base, paths, counted("exhaustive"))
    assert checked["pruned"] <= checked["exhaustive"]
    if seed == 1:
        assert checked["pruned"] < checked["exhaustive"] * 0.7


def test_a_loaded_process_answers_as_the_command_does_even_when_prettier_exits(
    tmp_path: Path,
) -> None:
    """Prettier exits on an option it cannot use; the loaded process answers first and
    the next run starts another."""
    (tmp_path / "a.js").write_text("const a = {b:1}\n")
    out = tmp_path / ".standards"
    exiting = ["--list-different", "--no-color", "--no-config", "--parser=nonexistent", "a.js"]
    listing = ["--list-different", "--no-color", "--no-config", "a.js"]
    once = [node.run(out, "prettier", args, cwd=tmp_path) for args in (exiting, listing)]
    with node.Warm(out, prettier.CLI, tmp_path, 1) as warm:
        loaded = [warm.run(args) for args in (exiting, listing)]
        assert len(warm.started) == 2
    for command, process in zip(once, loaded, strict=True):
        assert (process.returncode, process.stdout, process.stderr) == (
            command.returncode,
            command.stdout,
            command.stderr,
        )
    assert loaded[0].returncode == 1 and loaded[1].stdout == "a.js\n"


def test_files_the_repos_prettierignore_hides_are_no_evidence(tmp_path: Path) -> None:
    """human-essentials' `.prettierignore` is `**`: Prettier checked none of its files, and
    the analysis said all 33 were formatted and enforced Prettier on them."""
    formatted = "const a = { b: 1 };\n\nmodule.exports = a;\n"
    for n in range(6):
        (tmp_path / f"src/m{n}.js").parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / f"src/m{n}.js").write_text(formatted)
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy/old.js").write_text("var   a = {b:1}\nmodule.exports = a\n")
    (tmp_path / ".prettierignore").write_text("legacy/\n")
    found = {s.id: s for s in prettier.learn(pipeline.analyze(tmp_path))}
    learned = found["formatting.javascript.formatter"].evidence
    assert (learned.followed, learned.total) == (6, 6)
    (tmp_path / ".prettierignore").write_text("**\n")
    assert prettier.learn(pipeline.analyze(tmp_path)) == ()


def test_a_common_print_width_wins_where_the_longest_line_leaves_files_unformatted() -> None:
    """nestjs-boilerplate's longest line is 119 characters and its Prettier breaks at 80:
    with 119, 76 of its 189 files 'were unformatted' and Prettier was advice."""
    paths = [f"src/f{i:03}.ts" for i in range(40)]

    def unformatted(flags: Sequence[str], chosen: Sequence[str]) -> set[str]:
        width = next(f for f in flags if f.startswith("--print-width="))
        return (
            {p for p in chosen if int(p[-6:-3]) % 3 == 0} if width != "--print-width=80" else set()
        )

    found = prettier._search({"printWidth": 119, "tabWidth": 2}, paths, unformatted)
    assert found is not None and found[0]["printWidth"] == 80 and found[1] == set()
    assert prettier._search({"printWidth": 80}, paths, unformatted) == (
        {"printWidth": 80, "arrowParens": "always", "bracketSpacing": True},
        set(),
    )
