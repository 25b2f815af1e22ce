"""The RuboCop hook of the generated pre-commit config, on a git copy of the Rails
fixture: today passes, and each planted violation fails with its cop and file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from standards import pipeline

from .conftest import FIXTURES, git, make_repo
from .test_hooks import pre_commit

FAT_ACTION = (
    "\nclass ReportsController < ApplicationController\n  def index\n"
    + "".join(f"    @count_{i} = Order.where(state: 's{i}').count\n" for i in range(18))
    + "    render(json: @count_0)\n  end\nend\n"
)
PLANTS = {
    "camel-case-method": (
        "app/models/user.rb",
        "\nclass User\n  def fullName\n    name\n  end\nend\n",
        "Naming/MethodName",
    ),
    "service-without-affix": (
        "app/services/cleanup_service.rb",
        "\nclass Cleaner\n  def call\n    nil\n  end\nend\n",
        "Standards/ClassAffix",
    ),
    "model-names-a-controller": (
        "app/models/order.rb",
        "\nclass Order\n  def self.controller\n    OrdersController\n  end\nend\n",
        "Standards/LayerDirection",
    ),
    "fat-action-with-queries": (
        "app/controllers/reports_controller.rb",
        FAT_ACTION,
        "Standards/NoQueriesInActions",
    ),
}


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_repo(FIXTURES / "rails_app", tmp_path_factory.mktemp("rb") / "shop")
    result = pipeline.run(root)
    rubocop = next(v for v in result.verifications if v.tool == "rubocop")
    assert rubocop.ok, rubocop.message
    return root


def test_the_unchanged_repo_passes_its_hooks(analyzed: Path) -> None:
    done = pre_commit(analyzed)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "standards-rubocop" in (analyzed / ".standards/pre-commit-config.yaml").read_text()


@pytest.mark.parametrize("plant", sorted(PLANTS))
def test_a_planted_violation_fails_with_its_cop(plant: str, analyzed: Path, tmp_path: Path) -> None:
    root = tmp_path / "shop"
    shutil.copytree(analyzed, root, symlinks=True)
    path, text, cop = PLANTS[plant]
    target = root / path
    before = target.read_text() if target.exists() else "# frozen_string_literal: true\n"
    target.write_text(before + text)
    git(root, "add", "-A")
    done = pre_commit(root)
    assert done.returncode == 1, done.stdout
    assert f"{path}:" in done.stdout and cop in done.stdout, done.stdout


def test_methods_other_classes_share_are_no_query_in_an_action(
    analyzed: Path, tmp_path: Path
) -> None:
    """`BCrypt::Password.create` in an action is no ActiveRecord query: the cop counts
    `create`, `first`, `select` on the repo's models only, as the analysis does."""
    root = tmp_path / "shop"
    shutil.copytree(analyzed, root, symlinks=True)
    target = root / "app/controllers/passwords_controller.rb"
    lines = "".join(f"    @digest_{i} = BCrypt::Password.create(params[:p{i}])\n" for i in range(3))
    target.write_text(
        "# frozen_string_literal: true\n\nclass PasswordsController < ApplicationController\n"
        f"  def create\n{lines}    head(:ok)\n  end\nend\n"
    )
    git(root, "add", "-A")
    done = pre_commit(root)
    assert "Standards/NoQueriesInActions" not in done.stdout, done.stdout
    target.write_text(target.read_text().replace("BCrypt::Password.create", "Order.create"))
    git(root, "add", "-A")
    assert "Standards/NoQueriesInActions" in pre_commit(root).stdout
