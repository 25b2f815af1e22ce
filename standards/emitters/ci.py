"""`ci/github-actions.yml` and `ci/gitlab-ci.yml`: the same checks on every pull request.

A job installs `standards` and the tools its hooks call, runs the generated hooks on the
files the pull request changes (`pre-commit run --from-ref`), and reports them where the
forge shows findings: SARIF for GitHub code scanning, a Code Quality report on GitLab;
where there is a dangerfile, Danger comments on the pull request with what only the
change shows (it calls the `standards check` installed in the same job). The files
are written into the output folder; a team copies or includes them (`.github/workflows/`,
an `include: local:` of `.gitlab-ci.yml`), since a workflow is theirs to own.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

from standards import __version__, node
from standards.emitters import precommit
from standards.model import Analysis, Change, GeneratedFile
from standards.targets import active_targets, danger, eslint, prettier
from standards.templating import render, yaml_str

GITHUB = "ci/github-actions.yml"
GITLAB = "ci/gitlab-ci.yml"
REQUIREMENT = f"standards=={__version__}"
"""What the jobs install: this release, so CI checks with the rules that wrote the files."""
NODE_TARGETS = frozenset([eslint.NAME, prettier.NAME])
"""Targets whose tools run on Node (installed by `standards` itself on first use)."""
SARIF = "standards.sarif"
CODE_QUALITY = "gl-code-quality-report.json"
DIFF = "standards-diff.md"


def emit(analysis: Analysis, out: str) -> tuple[GeneratedFile, ...]:
    """Both jobs, where there are hooks to run; Node is set up only for the tools on it."""
    hooks = [h for t in active_targets(analysis.settings) for h in t.hooks(analysis)]
    if not hooks:
        return ()
    dangerfile = f"{out}/{danger.FILE_NAME}"
    has_danger = danger.NAME not in analysis.settings.disable and bool(danger.data.checks(analysis))
    values = {
        "install": shlex.join(["python", "-m", "pip", "install", REQUIREMENT, "pre-commit"]),
        "node": has_danger or any(h.target in NODE_TARGETS for h in hooks),
        "danger": has_danger,
        "sarif": SARIF,
        "code_quality": CODE_QUALITY,
    }
    github = _commands(out, '"origin/$BASE_REF"', '"$GITHUB_STEP_SUMMARY"', ("sarif", SARIF))
    gitlab_base = '"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"'
    gitlab = _commands(out, gitlab_base, DIFF, ("codequality", CODE_QUALITY))
    if has_danger:
        run = ["npx", "--yes", f"danger@{_danger_version()}", "ci", "--dangerfile", dangerfile]
        github["danger_run"] = gitlab["danger_run"] = shlex.join([*run, "--failOnErrors"])
    return (
        GeneratedFile(
            GITHUB, render("ci/github-actions.yml.j2", **values, **_yaml(_github(github), 10))
        ),
        GeneratedFile(
            GITLAB,
            render("ci/gitlab-ci.yml.j2", **values, **_yaml(gitlab, 6), diff_file=DIFF),
        ),
    )


def _danger_version() -> str:
    """The danger-js this release verifies its dangerfiles with."""
    return str(json.loads(node.pinned("package.json"))["devDependencies"]["danger"])


def wire(root: Path, out: Path) -> tuple[Change, ...]:
    """Nothing: a CI workflow is the team's to adopt, not ours to edit in."""
    return ()


def _commands(out: str, base: str, summary: str, report: tuple[str, str]) -> dict[str, str]:
    """The shell lines both jobs run: `base` is the shell word naming the base branch,
    `summary` the file the Markdown of `standards diff` goes to, `report` the format and
    file of the findings the forge shows."""
    config = shlex.quote(f"{out}/{precommit.FILE_NAME}")
    check = shlex.join(["standards", "check", "--out", out, "--format", report[0]])
    changed = f"git diff -z --name-only --diff-filter=d {base}...HEAD"
    return {
        "check": f"mapfile -d '' files < <({changed})\n"
        f'{check} -- "${{files[@]}}" > {report[1]} || [ $? -eq 1 ]',
        "diff": f"standards diff --base {base} >> {summary}",
        "hooks": f"pre-commit run --config {config} --show-diff-on-failure "
        f"--from-ref {base} --to-ref HEAD",
    }


def _yaml(commands: dict[str, str], indent: int) -> dict[str, str]:
    """Each script as YAML: a literal block people read, indented to sit under its key,
    or one escaped string where a line holds what a block cannot (a control character,
    a line break inside a quoted path)."""

    def block(script: str) -> str:
        lines = script.split("\n")
        if not all(line.isprintable() for line in lines):
            return yaml_str(script)
        return "|\n" + "\n".join(" " * indent + line for line in lines)

    return {name: block(script) for name, script in commands.items()}


def _github(commands: dict[str, str]) -> dict[str, str]:
    """GitHub evaluates `${{ }}` in every string: a repo value holding one stays text."""
    return {k: v.replace("${{", "${{ '${{' }}") for k, v in commands.items()}
