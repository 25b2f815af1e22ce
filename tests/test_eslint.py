"""ESLint and Prettier end to end: the real tools and pre-commit on the JS and TS fixtures.

The unchanged repo passes its generated hooks; each violation planted after analysis
fails them with the rule that catches it and the file it is in.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from standards import pipeline
from standards.analyzers import layering
from standards.model import Evidence, Level, Standard
from standards.targets.eslint import options

from .conftest import FIXTURES, git, make_repo

FAT = "\n".join(
    [
        "router.post('/audit/:id', async (req, res) => {",
        *[
            f"  const found{i} = await Order.findAll({{ where: {{ userId: {i} }} }});"
            for i in range(18)
        ],
        "  res.json({ ok: true });",
        "});",
        "",
    ]
)
PLANTS = {
    "express_layers": {
        "snake-case-function": (
            "src/lib/format.js",
            "\nfunction format_money(cents) {\n  return cents / 100;\n}\n\n"
            "module.exports.format_money = format_money;\n",
            "camelcase",
        ),
        "upward-import": (
            "src/models/line.js",
            "\nconst { status } = require('../routes/health');\n\n"
            "module.exports.status = status;\n",
            "standards/layers",
        ),
        "fat-handler-with-orm": (
            "src/routes/carts.js",
            "\nconst { Order } = require('../models/order');\n\n" + FAT,
            "standards/no-queries-in-handlers",
        ),
        "long-handler-registered-from-another-file": (
            "src/routes/reportHandlers.js",
            "\nmodule.exports.daily = async (req, res) => {\n"
            + "".join(f"  const part{i} = await OrderService.linesOf({i});\n" for i in range(30))
            + "  res.json({ part0 });\n};\n",
            "standards/handler-length",
        ),
        "new-action-beside-the-registered-ones": (
            "src/routes/reportHandlers.js",
            "\nconst { Order } = require('../models/order');\n\nconst wrap = (fn) => fn;\n\n"
            "const weekly = wrap(async (req, res) => {\n"
            "  res.json(await Order.findAll({ where: { week: req.query.week } }));\n"
            "});\n\nmodule.exports.weekly = weekly;\n",
            "standards/no-queries-in-handlers",
        ),
        "snake-case-method": (
            "src/services/mailService.js",
            "\nclass Digest {\n  static send_all() {\n    return 1;\n  }\n}\n\n"
            "module.exports.Digest = Digest;\n",
            "standards/method-case",
        ),
        "snake-case-class": (
            "src/lib/format.js",
            "\nclass money_format {}\n\nmodule.exports.money_format = money_format;\n",
            "standards/class-case",
        ),
        "unformatted-file": (
            "src/lib/ugly.js",
            "const   ugly = {a:1,\n b : 2}\nmodule.exports = ugly\n",
            "prettier",
        ),
        "helper-among-services": (
            "src/services/cacheHelper.js",
            "'use strict';\n\nclass CacheHelper {\n  get() {\n    return null;\n  }\n}\n\n"
            "module.exports = { CacheHelper };\n",
            "standards/class-affix",
        ),
    },
    "file_routes": {
        "route-file-querying-a-repository": (
            "src/api/routes/admin/orders/refund-order.js",
            "export default async (req, res) => {\n"
            "  const orderRepository = req.scope.resolve('orderRepository');\n"
            "  const order = await orderRepository.findOne({ where: { id: req.params.id } });\n"
            "  res.json({ order });\n"
            "};\n",
            "standards/no-queries-in-handlers",
        ),
    },
    "koa_rpc_routes": {
        "fat-rpc-handler-with-orm": (
            "src/routes/api/teams.js",
            "\nconst { Team } = require('../../models/team');\n\n"
            + FAT.replace("'/audit/:id'", "'teams.audit'").replace("Order", "Team"),
            "standards/no-queries-in-handlers",
        ),
    },
    "nest_prisma": {
        "snake-case-method": (
            "src/users/users.service.ts",
            "\nexport function load_all(): number {\n  return 1;\n}\n",
            "camelcase",
        ),
        "service-imports-a-controller": (
            "src/prisma/prisma.service.ts",
            "\nexport { UserController } from '@app/users/users.controller';\n",
            "standards/layers",
        ),
    },
}


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Each fixture analyzed once for the module, in a git checkout of its own."""
    done: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in done:
            root = make_repo(FIXTURES / name, tmp_path_factory.mktemp(name) / name)
            result = pipeline.run(root)
            eslint = [v for v in result.verifications if v.tool == "eslint"]
            assert eslint and eslint[0].ok, eslint
            done[name] = root
        return done[name]

    return get


def _pre_commit(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home")}
    command = ["pre-commit", "run", "-c", ".standards/pre-commit-config.yaml", "--all-files"]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("fixture", sorted(PLANTS))
def test_the_unchanged_repo_passes_and_the_plugin_passes_its_examples(
    fixture: str, analyzed: Callable[[str], Path]
) -> None:
    root = analyzed(fixture)
    done = _pre_commit(root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "eslint" in done.stdout
    examples = root / ".standards/eslint-plugin-standards/examples.test.mjs"
    tested = subprocess.run(
        ["node", "--test", str(examples)], cwd=root, capture_output=True, text=True, check=False
    )
    assert tested.returncode == 0, tested.stdout[-2000:]
    assert "# fail 0" in tested.stdout


@pytest.mark.parametrize(
    ("fixture", "plant"), [(f, p) for f, plants in sorted(PLANTS.items()) for p in sorted(plants)]
)
def test_a_planted_violation_fails_with_its_rule(
    fixture: str, plant: str, analyzed: Callable[[str], Path], tmp_path: Path
) -> None:
    root = tmp_path / fixture
    shutil.copytree(analyzed(fixture), root, symlinks=True)
    path, text, rule = PLANTS[fixture][plant]
    with (root / path).open("a") as handle:
        handle.write(text)
    git(root, "add", "-A")
    done = _pre_commit(root)
    assert done.returncode == 1, done.stdout
    flagged = [line for line in done.stdout.splitlines() if line.startswith(f"{path}:")]
    assert any(rule in line for line in flagged), done.stdout


@pytest.mark.parametrize("fixture", sorted(PLANTS))
def test_learned_rules_are_recorded_with_what_was_left_out(
    fixture: str, analyzed: Callable[[str], Path]
) -> None:
    document = json.loads((analyzed(fixture) / ".standards/standards.json").read_text())
    learned = [s for s in document["standards"] if s["id"].endswith(".eslint-rules")]
    assert learned
    for s in learned:
        rules = s["parameters"]["rules"]
        assert "no-undef" in rules or s["language"] == "typescript"
        # every size has one limit, at least its floor: never the measuring run's 0
        for size in options.MEASURES:
            assert json.loads(rules[size.rule])[1]["max"] >= size.floor, size.rule
        assert "@typescript-eslint/max-params" not in rules
        assert all(0 <= ratio < 0.95 for ratio in s["parameters"]["left_out"].values())
        # each kept rule on each file is a case; a size rule breaks only above its limit
        assert s["level"] == "enforce", s["evidence"]
        assert s["evidence"]["followed"] >= 0.95 * s["evidence"]["total"]


def test_a_layer_of_files_named_for_their_role_is_checked_as_imports_name_them(
    tmp_path: Path,
) -> None:
    """`import ... from './article.controller'` names article.controller.ts: leaving out
    the extension keeps the role in the name (the plugin once cut it as an extension)."""
    source = tmp_path / "source"
    features = next(e for e in layering.EXAMPLES if "src/article/article.model.ts" in e.files)
    for path, text in features.files.items():
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        (source / path).write_text(text, encoding="utf-8")
    (source / "package.json").write_text('{"name": "features", "private": true}\n')
    root = make_repo(source, tmp_path / "features")
    result = pipeline.run(root)
    assert all(v.ok for v in result.verifications), result.verifications
    model = root / "src/article/article.model.ts"
    model.write_text(
        "import { get } from './article.controller';\n\n"
        + model.read_text()
        + "export const g = get;\n"
    )
    git(root, "add", "-A")
    done = _pre_commit(root)
    assert done.returncode == 1, done.stdout
    assert "src/article/article.model.ts:1: standards/layers model must not import controller" in (
        done.stdout
    )


def test_a_size_nothing_reported_gets_its_floor() -> None:
    """Files with no function (a repo's JavaScript only `.prettierrc.js`) report no size:
    the rule is kept at its floor, not at the measuring run's 0."""
    limits = options.measured([("max-params", "Function 'f' has too many parameters (7).")])
    assert limits["max-params"] == ["error", {"max": 5}]
    assert limits["max-nested-callbacks"] == ["error", {"max": 3}]
    assert limits["complexity"] == ["error", {"max": 8}]


def test_functions_may_take_the_case_of_the_repos_components() -> None:
    """naming-convention cannot tell a component from a function: with camelCase helpers
    and PascalCase components, functions may be either, or every component would fail."""
    found = [
        Standard(
            id=f"naming.typescript.{kind}-case",
            language="typescript",
            rule="",
            why="",
            parameters={"style": style},
            evidence=Evidence(followed=20, total=20),
            confidence=1.0,
            level=Level.ENFORCE,
        )
        for kind, style in (("function", "camelCase"), ("component", "PascalCase"))
    ]
    conventions = options.learned(found, "typescript")["@typescript-eslint/naming-convention"]
    functions = [c for c in conventions[1:] if isinstance(c, dict) and c["selector"] == "function"]
    assert functions[0]["format"] == ["camelCase", "PascalCase"]


def test_a_naming_standard_no_kept_rule_checks_loses_eslint() -> None:
    """parse-server: camelCase functions 'enforced by eslint', but the probe left
    `camelcase` out (91% of files pass it), so a planted snake_case function passed."""

    def named(kind: str, language: str) -> Standard:
        return Standard(
            id=f"naming.{language}.{kind}",
            language=language,
            rule="",
            why="",
            parameters={"style": "camelCase"},
            evidence=Evidence(followed=20, total=20),
            confidence=1.0,
            level=Level.ENFORCE,
            targets=("eslint", "playbook"),
        )

    def learned(language: str, rules: dict[str, str]) -> Standard:
        return replace(
            named("eslint-rules", language),
            id=f"lint.{language}.eslint-rules",
            parameters={"rules": rules},
        )

    functions, classes = named("function-case", "javascript"), named("class-case", "javascript")
    methods = named("method-case", "typescript")
    convention = json.dumps(["error", {"selector": "method", "format": ["camelCase"]}])
    checked = options.unchecked(
        [functions, classes, methods],
        [
            learned("javascript", {"camelcase": "[]"}),
            learned("typescript", {"@typescript-eslint/naming-convention": convention}),
        ],
    )
    assert checked == ()  # a JavaScript class's case is the plugin's `class-case`
    unchecked = options.unchecked(
        [functions, methods], [learned("javascript", {}), learned("typescript", {})]
    )
    assert [s.id for s in unchecked] == [
        "naming.javascript.function-case",
        "naming.typescript.method-case",
    ]


def test_a_formatting_standard_no_kept_rule_checks_loses_eslint() -> None:
    """An import style ('Import the repo's own modules with relative imports', CTFd) is
    checked by no ESLint rule, and `const`/`let` only where the probe kept `no-var`."""

    def found(standard_id: str, rules: dict[str, str] | None = None) -> Standard:
        return Standard(
            id=standard_id,
            language="javascript",
            rule="",
            why="",
            parameters={"rules": rules} if rules is not None else {},
            evidence=Evidence(followed=20, total=20),
            confidence=1.0,
            level=Level.ENFORCE,
            targets=("eslint", "playbook"),
        )

    habits = [found(f"formatting.javascript.{k}") for k in ("declarations", "import-style")]
    sizes = found("sizes.javascript.parameters")
    kept = found("lint.javascript.eslint-rules", {"no-var": "[]", "max-params": "[]"})
    unchecked = options.unchecked([*habits, sizes], [kept])
    assert [(s.id, s.targets) for s in unchecked] == [
        ("formatting.javascript.import-style", ("playbook",))
    ]
    without = options.unchecked(habits, [found("lint.javascript.eslint-rules", {})])
    assert [s.id for s in without] == [s.id for s in habits]
