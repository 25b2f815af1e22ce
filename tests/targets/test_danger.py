"""Danger end to end: the real danger-js 14 on a git repo with history, one branch per case.

The repo is built here with the history the checks learn from: seven tested source
files in app/, each with its test under tests/, twenty-four small commits that change a
service with its test, and
package.json changing with its lockfile. Each case branches off main, commits a change,
and runs `danger local --base main --failOnErrors` with the generated dangerfile.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from standards import pipeline
from standards.targets.danger.run import Report, danger_local

from ..conftest import git

SERVICES = ("user", "order", "product", "invoice", "mail")
MODELS = ("account", "ledger")

Files = Mapping[str, str | None]


def _commit(root: Path, files: Files, message: str) -> None:
    for path, text in files.items():
        target = root / path
        if text is None:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, "--no-gpg-sign")


def _service(name: str) -> str:
    return f"class {name.title()}Service:\n    def load(self):\n        return []\n"


def _package(version: int) -> dict[str, str]:
    return {
        "package.json": json.dumps({"name": "shop", "dependencies": {"left-pad": f"1.{version}"}}),
        "package-lock.json": json.dumps({"name": "shop", "lockfileVersion": 3, "v": version}),
    }


def _build(root: Path) -> Path:
    """main: the sources and their tests, then small commits and dependency bumps."""
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    files = {f"app/services/{n}_service.py": _service(n) for n in SERVICES}
    files |= {f"app/models/{n}.py": f"class {n.title()}:\n    pass\n" for n in MODELS}
    for name in (*(f"{n}_service" for n in SERVICES), *MODELS):
        files[f"tests/test_{name}.py"] = f"def test_{name}():\n    assert True\n"
    ignored = {".gitignore": ".standards/\n", "app/__init__.py": ""}
    _commit(root, {**files, **_package(0), **ignored}, "start")
    for i in range(24):
        name = SERVICES[i % len(SERVICES)]
        path, test = f"app/services/{name}_service.py", f"tests/test_{name}_service.py"
        code = (root / path).read_text() + f"\n    def step_{i}(self):\n        return {i}\n"
        check = (root / test).read_text() + f"\n\ndef test_step_{i}():\n    assert True\n"
        _commit(root, {path: code, test: check}, f"step {i}")
        if i % 4 == 0:
            _commit(root, _package(i + 1), f"bump {i}")
    return root


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _build(tmp_path_factory.mktemp("danger") / "shop")
    pipeline.run(root, verify=False)
    return root


@pytest.fixture
def change(shop: Path) -> Callable[[str, Files], Report]:
    """Commit `files` on a new branch off main, run Danger against main, go back."""

    def run(branch: str, files: Files) -> Report:
        git(shop, "checkout", "-q", "-b", branch, "main")
        try:
            _commit(shop, files, branch)
            out = shop / ".standards"
            return danger_local(shop, out, out / "dangerfile.js", "main")
        finally:
            git(shop, "checkout", "-q", "main")

    return run


def test_learned_standards_come_from_the_repo_and_its_history(shop: Path) -> None:
    found = {s["id"]: s for s in json.loads((shop / ".standards/standards.json").read_text())[
        "standards"
    ]}
    assert found["tests.python.tested-sources"]["level"] == "enforce"
    assert found["tests.python.tested-sources"]["evidence"]["followed"] == 7
    size = found["changes.all.size"]
    assert size["level"] == "advise"
    assert size["parameters"] == {"commits": 31, "max_files": 2, "max_lines": 7}
    for direction in ("lock-with-manifest", "manifest-with-lock"):
        lock = found[f"dependencies.javascript.{direction}"]
        assert lock["level"] == "enforce", lock
        assert lock["parameters"]["pairs"] == [["package.json", "package-lock.json"]]


def test_a_change_that_follows_every_standard_passes(change: Callable[..., Report]) -> None:
    report = change(
        "clean",
        {
            "app/services/billing_service.py": _service("billing"),
            "tests/test_billing_service.py": "def test_billing():\n    assert True\n",
        },
    )
    assert report == Report((), (), 0)


def test_a_source_added_without_its_test_fails(change: Callable[..., Report]) -> None:
    report = change("untested", {"app/services/refund_service.py": _service("refund")})
    assert report.status == 1
    assert report.fails == (
        "app/services/refund_service.py was added without a test: add test_refund_service.py "
        "in a test folder. Give each source file a test named test_*.py in a test folder. "
        "(tests.python.tested-sources: followed 7/7)",
    )
