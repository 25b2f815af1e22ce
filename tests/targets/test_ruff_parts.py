"""The ruff target's parts on small inputs: other tools' settings in ruff's words, version
claims, how codes are written, and what ruff's messages measure."""

from __future__ import annotations

from pathlib import Path

import pytest

from standards import pipeline
from standards.model import Level, Violation
from standards.targets.ruff import (
    agreement,
    config_map,
    limits,
    repo_config,
    run,
    selection,
    versions,
)
from standards.targets.ruff.search import Scope, pick


def test_isort_sections_and_flags_from_an_ini_file() -> None:
    found = config_map.isort(
        {
            "profile": "black",
            "sections": "FUTURE,STDLIB,DJANGO,THIRDPARTY,FIRSTPARTY,LOCALFOLDER",
            "known_django": "django",
            "no_lines_before": "LOCALFOLDER",
            "lines_after_imports": "2",
            "force_single_line": "True",
        }
    )
    assert {key: value for key, value, _ in found} == {
        "lint.isort.force-single-line": True,
        "lint.isort.lines-after-imports": 2,
        "lint.isort.no-lines-before": ("local-folder",),
        "lint.isort.section-order": (
            "future",
            "standard-library",
            "django",
            "third-party",
            "first-party",
            "local-folder",
        ),
        "lint.isort.sections": {"django": ("django",)},
    }


def test_black_defaults_flake8_quotes_and_pylint_names() -> None:
    black = {k: v for k, v, _ in config_map.black({"target-version": ["py311", "py39"]})}
    assert black == {
        "line-length": 88,
        "format.quote-style": "double",
        "format.skip-magic-trailing-comma": False,
        "target-version": "py39",
    }
    flake8 = config_map.flake8(
        {"inline-quotes": "'", "max-line-length": "119", "ignore": "E203,W503"}
    )
    assert [(k, v) for k, v, _ in flake8] == [
        ("line-length", 119),
        ("lint.flake8-quotes.inline-quotes", "single"),
        ("lint.ignore", ("E203", "W503")),
    ]
    assert agreement.codes("pylint:too-many-arguments") == ("PLR0913",)
    assert agreement.codes("pylint:C0414") == ("PLC0414",)


def test_legacy_top_level_ruff_keys_move_under_lint() -> None:
    found = config_map.ruff({"select": ["E"], "isort": {"force-single-line": True}, "exclude": []})
    assert [(k, v) for k, v, _ in found] == [
        ("lint.select", ("E",)),
        ("lint.isort.force-single-line", True),
    ]


def test_settings_point_at_their_line(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_text("[metadata]\nname = x\n\n[flake8]\nmax-complexity = 7\n")
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 99\n")
    found = [(s.key, s.value, s.source, s.line) for s in repo_config.read(tmp_path)]
    assert found == [
        ("line-length", 99, "pyproject.toml [tool.black]", 2),
        ("format.quote-style", "double", "pyproject.toml [tool.black]", 1),
        ("format.skip-magic-trailing-comma", False, "pyproject.toml [tool.black]", 1),
        ("lint.mccabe.max-complexity", 7, "setup.cfg [flake8]", 5),
    ]


@pytest.mark.parametrize(
    ("files", "claim"),
    [
        ({"pyproject.toml": '[project]\nrequires-python = ">=3.9, <4"\n'}, 9),
        ({"setup.cfg": "[options]\npython_requires = ~=3.8\n"}, 8),
        ({"setup.py": "setup(name='x', python_requires='>3.10')\n"}, 11),
        ({"tox.ini": "[tox]\nenvlist = py{311,312}, lint\n"}, 11),
        ({"README": "no metadata"}, None),
    ],
)
def test_version_claims(tmp_path: Path, files: dict[str, str], claim: int | None) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    found = versions.claimed(tmp_path)
    assert (found[0] if found else None) == claim


def test_syntax_raises_a_claim_only_past_the_gate() -> None:
    needs = versions.needed(
        [
            Violation(
                f"m{i}.py",
                1,
                "syntax-error",
                "Cannot use `match` statement on Python 3.9 (syntax was added in Python 3.10)",
                "ruff",
            )
            for i in range(2)
        ]
    )
    assert needs == {"m0.py": 10, "m1.py": 10}
    assert versions.resolve(9, needs, allowed=2, claimed=True) == 9
    assert versions.resolve(9, needs, allowed=1, claimed=True) == 10
    assert versions.resolve(7, needs, allowed=2, claimed=False) == 10


def test_codes_are_written_as_families_where_whole() -> None:
    universe = ["E401", "E402", "E501", "E711", "E712", "C901", "PLR0911", "PLR0912", "PLR0913"]
    chosen = {"E401", "E402", "E711", "C901", "PLR0911", "PLR0912", "PLR0913"}
    assert selection.compact(chosen, universe) == ("C90", "E4", "E711", "PLR")
    assert selection.ignored(("E", "PLR"), ["EM101", "E501", "PLR2004"]) == ("E501", "PLR2004")


def test_limits_read_the_sizes_ruff_reports() -> None:
    measured = limits.Limits.of(
        {
            "a.py": (
                (3, "E501", "Line too long (97 > 79)", "ruff", ""),
                (9, "E501", "Line too long (130 > 79)", "ruff", ""),
            ),
            "b.py": ((1, "C901", "`f` is too complex (12 > 5)", "ruff", ""),),
        }
    )
    assert measured.failing("line-length", 100) == {"a.py"}
    assert measured.failing("line-length", 130) == frozenset()
    assert measured.failing("lint.mccabe.max-complexity", 10) == {"b.py"}


def test_a_search_keeps_the_first_candidate_unless_another_passes() -> None:
    scope = Scope(Path("."), tuple(f"m{i}.py" for i in range(20)))
    one, three = frozenset({"m1.py"}), frozenset({"m1.py", "m2.py", "m3.py"})
    assert pick(scope, [one, frozenset()]) == 0
    assert pick(scope, [three, one, frozenset()]) == 2
    assert pick(scope, [three, three | {"m4.py"}]) == 0


def test_settings_ruff_rejects_are_left_out_and_said(tmp_path: Path) -> None:
    """Beside three ignores the generated config keeps (the comparison is advice only
    while the code passes most of the team's choices)."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ruff]\nline-length = "wide"\n\n[tool.ruff.lint]\nignore = ["E501", "D100", "T201"]'
        "\n\n[tool.ruff.lint.isort]\nfrobnicate = true\n"
    )
    for name in ("a", "b", "c", "d", "e"):
        (tmp_path / f"{name}.py").write_text(f'"""Module {name}."""\n\nVALUE = "{name}"\n')
    result = pipeline.run(tmp_path)
    assert all(v.ok for v in result.verifications)
    compared = next(s for s in result.standards if s.id == "lint.python.repo-config")
    assert [e.detail for e in compared.evidence.counter_examples] == [
        "line-length = wide (tool.ruff): wrote 79; ruff does not accept it",
        "lint.isort.frobnicate = true (tool.ruff): left unset; ruff does not accept it",
    ]


def test_a_file_name_with_a_line_separator_is_one_finding(tmp_path: Path) -> None:
    name = "odd\u2028name.py"
    (tmp_path / name).write_text("import os\n")
    found = run.probe(tmp_path, [name], {}, ["F401"])
    assert [(path, f[1]) for path, kept in found.items() for f in kept] == [(name, "F401")]


BREAKS = {
    "m0": "print(VALUE)\n",
    "m1": "import os\n",
    "m2": "assert VALUE\n",
    "m3": "l = 1\n",
    "m4": "# TODO: x\n",
    "m5": "breakpoint()\n",
    "m6": "VALUES = [x for x in [1, 2]]\n",
    "m7": 'if VALUE == "a" or VALUE == "b":\n    VALUE = "c"\n',
    "m8": 'SAME = type(VALUE) == type("")\n',
    "m9": "OTHER = dict()\n",
}
"""Half of twenty files break rules, 14 in all (m1 E402 and F401; m4 FIX002, TD002 and
TD003; m8 E721 and UP003), each rule in one file of twenty: every one is kept."""


def test_the_kept_rules_are_weighed_rule_by_rule_not_by_clean_files(tmp_path: Path) -> None:
    """Only half the files are clean of every kept rule, yet each rule is kept by 95% of
    them: the bundle is enforced, its cases each rule on each file."""
    for i in range(20):
        name = f"m{i}"
        text = f'"""Module {name}."""\n\nVALUE = "{name}"\n{BREAKS.get(name, "")}'
        (tmp_path / f"{name}.py").write_text(text, encoding="utf-8")
    result = pipeline.run(tmp_path, verify=False)
    (bundle,) = (s for s in result.standards if s.id == "lint.python.ruff-rules")
    kept = int(bundle.rule.split()[4])
    assert (bundle.evidence.total, bundle.evidence.total - bundle.evidence.followed) == (
        kept * 20,
        14,
    )
    assert bundle.level is Level.ENFORCE
    assert {e.path for e in bundle.evidence.counter_examples} <= {f"{n}.py" for n in BREAKS}


def test_the_formatter_of_a_mostly_unformatted_repo_is_no_advice(tmp_path: Path) -> None:
    """Two files of ten are what `ruff format` writes: advising it would have agents
    reformat the other eight."""
    for i in range(10):
        spaced = "" if i < 2 else "  "
        (tmp_path / f"m{i}.py").write_text(f'"""Module m{i}."""\n\nVALUE ={spaced} {i}\n')
    result = pipeline.run(tmp_path, verify=False)
    assert "formatting.python.formatter" not in {s.id for s in result.standards}
    assert "ruff format" not in (result.out / "playbook.md").read_text(encoding="utf-8")
