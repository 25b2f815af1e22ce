"""tsc and mypy at the strictness the code passes today, run for real: today's repo passes
its hooks, a planted type error fails them, and a repo that does not pass gets advice."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from standards import node, pipeline
from standards.model import Level, Standard, Violation
from standards.targets import mypy, tsc

from ..conftest import FIXTURES, make_repo

ONLY_TYPES = 'disable = ["eslint", "prettier", "ruff", "ruff-format"]\n'
"""The other tools' probes cost minutes on a busy machine and are tested elsewhere."""
NOT_NULL_SAFE = (
    "export function first(items: string[]): string {\n  return items.find(Boolean);\n}\n"
)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Standard]:
    root = make_repo(FIXTURES / "typed_ts_library", tmp_path_factory.mktemp("t") / "ledger")
    (root / "standards.toml").write_text(ONLY_TYPES)
    return root, _standard(root, tsc.STANDARD_ID)


def _standard(root: Path, standard_id: str, verify: bool = True) -> Standard:
    standards = pipeline.run(root, verify=verify).standards
    (found,) = [s for s in standards if s.id == standard_id]
    return found


def _hooks(root: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home")}
    config = [".standards/pre-commit-config.yaml"]
    return subprocess.run(
        ["pre-commit", "run", "-c", *config, *(["--files", *files] if files else ["-a"])],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_tsc_learns_the_strict_flags_the_code_already_passes(
    ledger: tuple[Path, Standard],
) -> None:
    root, found = ledger
    assert found.level is Level.ENFORCE
    assert found.parameters["flags"][0] == "strict" and found.parameters["errors"] == 0
    assert "id: standards-tsc" in (root / ".standards/pre-commit-config.yaml").read_text()
    assert (
        "free of new type errors.** (enforced by `tsc`;"
        in (root / ".standards/playbook.md").read_text()
    )
    assert not list(root.glob("*.tsbuildinfo")) and not list(root.rglob("src/**/*.js"))


def test_tsc_hook_passes_today_and_fails_on_a_planted_type_error(
    ledger: tuple[Path, Standard],
) -> None:
    root, _ = ledger
    today = _hooks(root)
    assert today.returncode == 0, today.stdout
    money = root / "src/money.ts"
    original = money.read_text()
    money.write_text(original + "\nexport const zero: Money = { cents: '0', currency: 'EUR' };\n")
    try:
        done = _hooks(root, "src/money.ts")
    finally:
        money.write_text(original)
    assert done.returncode == 1 and "src/money.ts:17" in done.stdout and "TS2322" in done.stdout


def test_tsc_leaves_off_a_flag_the_code_breaks(fixture_repo: Callable[[str], Path]) -> None:
    root = fixture_repo("typed_ts_library")
    (root / "standards.toml").write_text(ONLY_TYPES)
    (root / "src/first.ts").write_text(NOT_NULL_SAFE)
    found = _standard(root, tsc.STANDARD_ID, verify=False)
    assert "strict" not in found.parameters["flags"] and found.parameters["errors"] == 0


def test_tsc_is_no_advice_where_most_files_do_not_type_check(
    fixture_repo: Callable[[str], Path],
) -> None:
    """Without its dependencies installed most files fail on modules tsc cannot find:
    advice most of the code breaks is no advice, and no hook runs tsc."""
    root = fixture_repo("nest_prisma")
    (root / "standards.toml").write_text(ONLY_TYPES)
    result = pipeline.run(root)
    assert tsc.STANDARD_ID not in {s.id for s in result.standards}
    assert "tsc" not in {v.tool for v in result.verifications}
    assert tsc.hooks(replace(pipeline.analyze(root), standards=result.standards)) == ()


def test_tsc_advice_says_when_missing_modules_explain_errors() -> None:
    paths = [f"src/m{i}.ts" for i in range(10)]
    errors = [
        Violation("src/m0.ts", 1, "TS2307", "Cannot find module 'x'.", "tsc"),
        Violation("src/m1.ts", 2, "TS2322", "Type 'string' is not assignable.", "tsc"),
    ]
    found = tsc._standard(paths, (), errors, 0.95)
    assert found.level is Level.ADVISE and found.evidence.followed == 8
    assert "TS2307" in found.evidence.counter_examples[0].detail
    assert "1 of the errors are modules tsc cannot find: install the dependencies" in found.why


PLANTED = {
    "src/first.ts": NOT_NULL_SAFE,
    "src/sign.ts": (
        "export function sign(n: number): string {\n  if (n > 0) {\n    return '+';\n  }\n}\n"
    ),
    "src/kind.ts": (
        "export function kind(n: number): string {\n  let k = '';\n  switch (n) {\n"
        "    case 0:\n      k = 'zero';\n    case 1:\n      k += 'small';\n      break;\n"
        "    default:\n      k = 'big';\n  }\n  return k;\n}\n"
    ),
    "src/shape.ts": (
        "class Shape {\n  area(): number {\n    return 0;\n  }\n}\n"
        "export class Square extends Shape {\n  area(): number {\n    return 1;\n  }\n}\n"
    ),
}
"""One error for each candidate flag: strict, noImplicitReturns, noFallthroughCasesInSwitch,
noImplicitOverride."""


def test_the_loaded_checker_says_what_the_command_line_says(
    fixture_repo: Callable[[str], Path],
) -> None:
    """Every set of flags the search may try, in one process that keeps what it parsed:
    the same output and exit status as `tsc` run anew, for clean and failing runs."""
    root = fixture_repo("typed_ts_library")
    for path, text in PLANTED.items():
        (root / path).write_text(text)
    out = root / ".standards"
    sets = [
        [],
        list(tsc.CANDIDATES),
        *([c] for c in tsc.CANDIDATES),
        ["strict", "noImplicitOverride"],
        [],
    ]
    errors: dict[tuple[str, ...], int] = {}
    with tsc.checker(root, out) as run:
        for names in sets:
            args = ["-p", tsc.CONFIG, *tsc.OPTIONS, *(f"--{n}" for n in names)]
            loaded, alone = run(args), node.run(out, "tsc", args, cwd=root)
            assert (loaded.returncode, loaded.stdout) == (alone.returncode, alone.stdout), names
            errors[tuple(names)] = alone.stdout.count(": error TS")
    assert all(errors[(c,)] > errors[()] for c in tsc.CANDIDATES)  # each flag finds a plant
    assert not (out / tsc.PROBE_FILE).exists()


@pytest.mark.parametrize("config", [None, '{"files": [], "references": [{"path": "./src"}]}'])
def test_no_tsc_without_a_program_to_check(
    config: str | None, fixture_repo: Callable[[str], Path]
) -> None:
    root = fixture_repo("typed_ts_library")
    (root / "standards.toml").write_text(ONLY_TYPES)
    if config is None:
        (root / "tsconfig.json").unlink()
    else:
        (root / "tsconfig.json").write_text(config)
    standards = pipeline.run(root, verify=False).standards
    assert [s.id for s in standards if s.id.startswith("typing.typescript")] == [
        "typing.typescript.annotations"
    ]


def test_mypy_learns_the_strictness_the_typed_code_passes(
    fixture_repo: Callable[[str], Path],
) -> None:
    root = fixture_repo("formatted_library")
    (root / "standards.toml").write_text(ONLY_TYPES)
    standards = pipeline.run(root).standards
    (found,) = [s for s in standards if s.id == mypy.STANDARD_ID]
    assert found.parameters["flags"] == mypy.CANDIDATES and found.level is Level.ENFORCE
    assert _hooks(root).returncode == 0
    planted = root / "ledger/untyped.py"
    planted.write_text("def total(values):\n    return sum(values)\n")
    done = _hooks(root, "ledger/untyped.py")
    assert done.returncode == 1 and "no-untyped-def" in done.stdout, done.stdout


@pytest.mark.parametrize("config", ["pyproject.toml", "setup.cfg", "mypy.ini", ""])
def test_mypy_runs_where_the_team_configures_it_though_little_is_annotated(
    tmp_path: Path, config: str
) -> None:
    """A team that runs mypy wants it in its hooks: its config says so, whatever share of
    the code is annotated (here none)."""
    source = tmp_path / "source"
    (source / "app").mkdir(parents=True)
    for n in range(6):
        (source / f"app/m{n}.py").write_text(f"def f{n}(x):\n    return x\n")
    section = {"pyproject.toml": "[tool.mypy]\n", "setup.cfg": "[mypy]\n", "mypy.ini": "[mypy]\n"}
    if config:
        (source / config).write_text(section[config] + "warn_unused_ignores = true\n")
    (source / "standards.toml").write_text(ONLY_TYPES)
    root = make_repo(source, tmp_path / "repo")
    standards = pipeline.run(root).standards
    found = [s for s in standards if s.id == mypy.STANDARD_ID]
    hooks = (root / ".standards/pre-commit-config.yaml").read_text()
    if not config:
        assert not found and "standards-mypy" not in hooks
        return
    assert found[0].parameters["configured"] == config and found[0].level is Level.ENFORCE
    assert "standards-mypy" in hooks and _hooks(root).returncode == 0
    (root / "app/bad.py").write_text("value: int = 'text'\n")
    done = _hooks(root, "app/bad.py")
    assert done.returncode == 1 and "app/bad.py:1" in done.stdout, done.stdout


def test_mypy_names_modules_from_where_imports_start(tmp_path: Path) -> None:
    """poetry's `src/poetry/` has no `__init__.py`: mypy crawled up to it, named
    `config/config.py` `config.config`, and read `import json` as poetry's `json/`
    package (30 files with errors that were none). The hook names them the same way."""
    source = tmp_path / "source"
    for folder in ("src/shop/config", "src/shop/json", "tests"):
        (source / folder).mkdir(parents=True)
        (source / folder / "__init__.py").write_text("")
    (source / "src/shop/json/__init__.py").write_text(
        "def dumps(value: object) -> str:\n    return ''\n"
    )
    for n in range(5):
        (source / f"src/shop/config/c{n}.py").write_text(
            "import json\n\nfrom shop.json import dumps\n\n\n"
            f"def load{n}(text: str) -> object:\n    return json.loads(dumps(text))\n"
        )
    (source / "tests/test_c.py").write_text(
        "from shop.config.c0 import load0\n\n\ndef test_load() -> None:\n    load0('1')\n"
    )
    (source / "standards.toml").write_text(ONLY_TYPES)
    root = make_repo(source, tmp_path / "repo")
    found = _standard(root, mypy.STANDARD_ID)
    assert found.parameters["bases"] == ("src",)
    assert (found.evidence.followed, found.evidence.total) == (9, 9), found.evidence
    (root / "src/shop/config/c0.py").write_text("import json\n\nx: int = json.dumps(1)\n")
    done = _hooks(root, "src/shop/config/c0.py")
    assert done.returncode == 1 and "src/shop/config/c0.py:3" in done.stdout, done.stdout


@pytest.mark.skipif(sys.version_info >= (3, 14), reason="this Python reads `except A, B:`")
def test_no_mypy_hook_where_mypy_cannot_read_the_code(tmp_path: Path) -> None:
    """The FastAPI template needs Python 3.14 (`except A, B:`): mypy on 3.11 called that
    file invalid, stopped there, and its hook flagged every new file written like it."""
    source = tmp_path / "source"
    (source / "app").mkdir(parents=True)
    for n in range(6):
        (source / f"app/m{n}.py").write_text(f"def f{n}(x: int) -> int:\n    return x\n")
    (source / "app/parse.py").write_text(
        "def number(text: str) -> int | None:\n    try:\n        return int(text)\n"
        "    except ValueError, TypeError:\n        return None\n"
    )
    (source / "standards.toml").write_text(ONLY_TYPES)
    root = make_repo(source, tmp_path / "repo")
    result = pipeline.run(root)
    (found,) = [s for s in result.standards if s.id == mypy.STANDARD_ID]
    assert found.level is Level.ADVISE and found.parameters["unreadable"] == ("app/parse.py",)
    (annotated,) = [s for s in result.standards if s.id == mypy.TYPED_ID]
    assert annotated.level is Level.ENFORCE and annotated.targets == ("playbook",)
    assert "mypy" not in {v.tool for v in result.verifications}
    assert "standards-mypy" not in (root / ".standards/pre-commit-config.yaml").read_text()


def test_mypy_caches_outside_the_repo_and_keeps_the_most_recently_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STANDARDS_CACHE", str(tmp_path / "cache"))
    old = tmp_path / "cache" / "mypy"
    for n in range(mypy.KEPT_CACHES + 4):
        (old / f"old{n:02}").mkdir(parents=True)
        os.utime(old / f"old{n:02}", (n, n))
    repo = tmp_path / "repo"
    repo.mkdir()
    option = mypy._cache(repo, ["--check-untyped-defs"])
    ours = Path(option.removeprefix("--cache-dir="))
    kept = sorted(p.name for p in old.iterdir())
    assert ours.is_dir() and ours.parent == old and not ours.is_relative_to(repo)
    assert len(kept) == mypy.KEPT_CACHES and "old00" not in kept and ours.name in kept
    assert mypy._cache(repo, []) != option
