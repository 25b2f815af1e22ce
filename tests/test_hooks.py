"""The generated pre-commit config, run by real pre-commit: today passes, new violations fail."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from standards import pipeline

from .conftest import FIXTURES, git, make_repo

FAT_ROUTE = (
    '\n\n@bp.get("/audit/<email>")\ndef audit(email: str):\n'
    + "    user = User.query.filter_by(email=email).first()\n"
    + "".join(f'    if user.name == "n{i}":\n        user.role = "r{i}"\n' for i in range(22))
    + '    return jsonify({"role": user.role})\n'
)
PLANTS = {
    "camel-case-function": (
        "app/services/user_service.py",
        "\n\ndef computeTotal(values: list[int]) -> int:\n    return sum(values)\n",
        "N802",
    ),
    "upward-import": (
        "app/services/product_service.py",
        "\nfrom app.routes.users import bp  # noqa: E402, F401\n",
        "layering.python.direction",
    ),
    "fat-handler-with-orm": (
        "app/routes/users.py",
        "\nfrom app.models.user import User  # noqa: E402\n" + FAT_ROUTE,
        "controllers.python.delegate-to-services",
    ),
    "helper-among-services": (
        "app/services/cache_service.py",
        '"""Caching."""\n\n\nclass FooHelper:\n    def get(self) -> None:\n        return None\n',
        "naming.python.class-affix.app-services",
    ),
    "single-quotes": (
        "app/services/email_service.py",
        "\n\ndef reply_to() -> str:\n    return 'noreply@example.invalid'\n",
        "app/services/email_service.py:17: format not formatted",
    ),
}


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_repo(FIXTURES / "flask_service_layer", tmp_path_factory.mktemp("h") / "shop")
    pipeline.run(root)
    return root


def pre_commit(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home")}
    return subprocess.run(
        ["pre-commit", "run", "-c", ".standards/pre-commit-config.yaml", "--all-files"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_unchanged_repo_passes_its_hooks(analyzed: Path) -> None:
    done = pre_commit(analyzed)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("plant", sorted(PLANTS))
def test_a_planted_violation_fails_with_its_rule(
    plant: str, analyzed: Path, tmp_path: Path
) -> None:
    root = tmp_path / "shop"
    shutil.copytree(analyzed, root, symlinks=True)
    path, text, rule = PLANTS[plant]
    with (root / path).open("a", encoding="utf-8") as handle:
        handle.write(text)
    git(root, "add", "-A")
    done = pre_commit(root)
    assert done.returncode == 1, done.stdout
    assert rule in done.stdout


def test_every_generated_ruff_config_is_accepted(tmp_path: Path) -> None:
    for name in ("flask_service_layer", "django_fat_views", "bad_input"):
        root = tmp_path / name
        shutil.copytree(FIXTURES / name, root, symlinks=True)
        result = pipeline.run(root)
        assert all(v.ok for v in result.verifications), (name, result.verifications)
        if (result.out / "ruff.toml").exists():
            done = subprocess.run(
                [
                    "ruff",
                    "check",
                    "--config",
                    ".standards/ruff.toml",
                    "--no-cache",
                    "--exit-zero",
                    ".",
                ],
                cwd=root,
                capture_output=True,
                text=True,
                check=False,
            )
            assert done.returncode == 0, done.stderr


def test_standards_passes_its_own_hooks(tmp_path: Path) -> None:
    project = Path(__file__).resolve().parent.parent
    tracked = git(project, "ls-files", "-z").split("\0")
    root = tmp_path / "standards"
    for name in filter(None, tracked):
        source = project / name
        if source.is_file() and not source.is_symlink():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    make_repo(root, tmp_path / "standards-repo")
    repo = tmp_path / "standards-repo"
    result = pipeline.run(repo)
    assert all(v.ok for v in result.verifications), result.verifications
    done = pre_commit(repo)
    assert done.returncode == 0, done.stdout + done.stderr
