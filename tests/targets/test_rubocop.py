"""The RuboCop target on a git copy of the Rails fixture: the probe, the config RuboCop
loads, the Metrics limits, the custom cops held to the analysis' counter-examples, and
repo values that stay inert text in the YAML RuboCop runs through ERB."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from standards import pipeline
from standards.model import Level, Violation
from standards.targets import rubocop
from standards.targets.rubocop import config, probe, settings

from ..conftest import FIXTURES, make_repo

PLANTED = {
    "app/controllers/reports_controller.rb": "# frozen_string_literal: true\n\n"
    "class ReportsController < ApplicationController\n  def index\n"
    + "".join(f"    @count_{i} = Order.where(state: 's{i}').count\n" for i in range(18))
    + "    render(json: @count_0)\n  end\nend\n",
    "app/models/product.rb": None,
    "app/controllers/application_controller.rb": None,
}
SHARED_HELPER = (
    "  def shop_totals\n"
    + "".join(f"    @total_{i} = Order.where(state: 's{i}').count\n" for i in range(18))
    + "  end\n\n  private\n"
)
"""A public helper of the controller every other derives from: no action (human-essentials'
ApplicationController has 16), so neither too long nor querying."""


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pipeline.Result]:
    """The fixture with a fat action and a model naming a controller, analyzed."""
    root = tmp_path_factory.mktemp("rubocop") / "shop"
    make_repo(FIXTURES / "rails_app", root)
    (root / "app/controllers/reports_controller.rb").write_text(
        str(PLANTED["app/controllers/reports_controller.rb"])
    )
    model = root / "app/models/product.rb"
    model.write_text(
        model.read_text().replace(
            "  def self.lookup", "  def self.admin = ProductsController\n\n  def self.lookup"
        )
    )
    base = root / "app/controllers/application_controller.rb"
    base.write_text(base.read_text().replace("  private\n", SHARED_HELPER, 1))
    (root / ".rubocop.yml").write_text("require:\n  - ./does_not_exist.rb\n")
    (root / "standards.toml").write_text(
        'enforce = ["controllers.ruby.delegate-to-services", "controllers.ruby.handler-length"]\n'
    )
    return root, pipeline.run(root)


def test_the_config_loads_and_the_cops_agree_with_the_evidence(planted) -> None:
    root, result = planted
    rubocop = next(v for v in result.verifications if v.tool == "rubocop")
    assert rubocop.ok, rubocop.message
    found = {(v.rule, v.path, v.line) for v in rubocop.violations}
    assert ("Standards/NoQueriesInActions", "app/controllers/reports_controller.rb", 4) in found
    assert ("Standards/ActionLength", "app/controllers/reports_controller.rb", 4) in found
    assert ("Standards/LayerDirection", "app/models/product.rb", 8) in found
    shared = "app/controllers/application_controller.rb"
    assert not {rule for rule, path, _ in found if path == shared and rule.startswith("Standards/")}
    standards = {s.id: s for s in result.standards}
    assert standards["controllers.ruby.delegate-to-services"].evidence.counter_examples


def test_the_probe_keeps_obeyed_cops_with_learned_styles_and_limits(planted) -> None:
    root, result = planted
    learned = next(s for s in result.standards if s.id == "lint.ruby.rubocop-cops")
    cops = learned.parameters["cops"]
    assert '"single_quotes"' in cops["Style/StringLiterals"]
    assert '"always"' in cops["Style/FrozenStringLiteralComment"]
    assert "Style/StringLiterals" not in learned.parameters["left_out"]
    assert learned.parameters["require"] == ("rubocop-rspec",)
    # each kept cop on each file it applies to is a case; a Metrics cop breaks above its limit
    assert learned.level is Level.ENFORCE, learned.evidence
    assert learned.evidence.followed >= 0.95 * learned.evidence.total
    playbook = (root / ".standards/playbook.md").read_text()
    assert "cops the code already obeys.** (enforced by `rubocop`;" in playbook
    text = (root / ".standards/rubocop.yml").read_text()
    assert "Metrics/MethodLength:\n  Enabled: true\n  Max: 10\n" in text
    assert '  - "./cops/standards.rb"\n' in text and "DisabledByDefault: true" in text


def test_generated_files_are_byte_identical_on_a_second_run(planted) -> None:
    root, _ = planted
    before = (root / ".standards/rubocop.yml").read_text()
    pipeline.run(root, verify=False)
    assert (root / ".standards/rubocop.yml").read_text() == before


@pytest.mark.parametrize(
    "name", ['#{system("touch pwned")}', "'; exit 1; '", '<%= system("touch pwned") %>']
)
def test_hostile_folder_names_stay_inert_text(name: str, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    folder = root / "app" / name
    folder.mkdir(parents=True)
    for service in (f"task{i}" for i in range(20)):
        (folder / f"{service}_service.rb").write_text(
            f"# frozen_string_literal: true\n\nclass {service.title()}Service\n  def call\n"
            "    nil\n  end\nend\n"
        )
    (folder / "helper.rb").write_text("# frozen_string_literal: true\n\nclass Helper\nend\n")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    result = pipeline.run(root)
    rubocop = next(v for v in result.verifications if v.tool == "rubocop")
    assert rubocop.ok, rubocop.message
    assert not (root / "pwned").exists() and not (root / ".standards" / "pwned").exists()
    flagged = {(v.rule, v.path) for v in rubocop.violations}
    assert ("Standards/ClassAffix", f"app/{name}/helper.rb") in flagged


def test_yaml_values_cannot_open_erb_tags() -> None:
    assert config.yaml_value("<%= x %>") == '"\\u003c%= x %>"'
    assert config.yaml_value("'; exit 1; '") == "\"'; exit 1; '\""


def test_wiring_inherits_from_the_generated_config_and_keeps_a_persons_file(
    tmp_path: Path,
) -> None:
    out = tmp_path / ".standards"
    out.mkdir()
    (out / "rubocop.yml").write_text(config.MARKER)
    (created,) = rubocop.wire(tmp_path, out)
    assert created.before is None and '  - ".standards/rubocop.yml"' in created.after
    own = "# ours\nAllCops:\n  NewCops: enable\n"
    (tmp_path / ".rubocop.yml").write_text(own)
    (kept,) = rubocop.wire(tmp_path, out)
    assert kept.before == own and ".standards/rubocop.yml" in kept.after
    assert set(own.splitlines()) <= set(kept.after.splitlines())


def test_metrics_limits_are_the_p95_of_what_rubocop_measured_outside_tests() -> None:
    message = "Method has too many lines. [{}/0]"
    found = [
        Violation(f"app/m{n}.rb", 1, "Metrics/MethodLength", message.format(n), "rubocop")
        for n in range(1, 41)
    ]
    found.append(Violation("spec/x_spec.rb", 1, "Metrics/MethodLength", message.format(90), "r"))
    abc = "Assignment Branch Condition size for x is too high. [<3, 4, 1> 5.1/0]"
    assert settings.measured(abc) == 6
    limits, over = probe._limits(found)
    assert limits["Metrics/MethodLength"] == 38
    assert over["Metrics/MethodLength"] == {"app/m39.rb", "app/m40.rb", "spec/x_spec.rb"}
    assert limits["Metrics/ClassLength"] == 100  # RuboCop's default where nothing measured


def test_a_ruby_newer_than_rubocop_knows_is_read_as_the_newest_it_knows(tmp_path: Path) -> None:
    """RuboCop 1.39 refuses to run at all under `TargetRubyVersion: 4.0`."""
    (tmp_path / ".ruby-version").write_text("4.0.0\n")
    (tmp_path / "app.rb").write_text("# frozen_string_literal: true\n\nputs(1)\n")
    version = settings.target_ruby(tmp_path)
    assert 3.0 <= version < 4.0
    (tmp_path / "rubocop.yml").write_text(f"AllCops:\n  TargetRubyVersion: {version}\n")
    command = ["rubocop", "--config", "rubocop.yml", "--format", "json", "app.rb"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    (tmp_path / ".ruby-version").write_text("ruby-2.7.8\n")
    assert settings.target_ruby(tmp_path) == 2.7
