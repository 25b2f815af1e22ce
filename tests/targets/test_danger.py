"""Danger end to end: the real danger-js 14 on a git repo with history, one branch per case.

The repo is built here with the history the checks learn from: seven tested source
files in app/, each with its test under tests/, twenty-four small commits that change a
service with its test, and
package.json changing with its lockfile. Each case branches off main, commits a change,
and runs `danger local --base main --failOnErrors` with the generated dangerfile.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

import pytest

from standards import node, pipeline
from standards.model import Evidence, Level, Standard, Verification
from standards.targets import danger
from standards.targets.danger.run import Report, danger_local
from standards.templating import render

from ..conftest import FIXTURES, git, make_repo

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
            return danger_local(shop, out / "dangerfile.js", "main")
        finally:
            git(shop, "checkout", "-q", "main")

    return run


def test_learned_standards_come_from_the_repo_and_its_history(shop: Path) -> None:
    found = {
        s["id"]: s
        for s in json.loads((shop / ".standards/standards.json").read_text())["standards"]
    }
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


def test_a_new_file_named_against_its_folder_fails_each_naming_standard(
    change: Callable[..., Report],
) -> None:
    report = change(
        "names",
        {
            "app/services/Billing.py": "class Billing:\n    pass\n\n\n"
            "class BillingError(Exception):\n    pass\n",
            "tests/test_Billing.py": "def test_billing():\n    assert True\n",
        },
    )
    case = "Name modules in snake_case. (naming.python.module-case: followed 14/14)"
    assert report.status == 1
    assert report.fails == (
        f"New file app/services/Billing.py is not named in snake_case. {case}",
        f"New file tests/test_Billing.py is not named in snake_case. {case}",
        'New file app/services/Billing.py lacks the suffix "_service" its neighbours have. '
        "Give module files in app/services/ the suffix '_service'. "
        "(naming.python.file-affix.app-services: followed 5/5)",
        'New class Billing in app/services/Billing.py lacks the suffix "Service". '
        "Give classes in app/services/ the suffix 'Service'. "
        "(naming.python.class-affix.app-services: followed 5/5)",
    )


def test_a_lockfile_without_its_manifest_fails_and_the_reverse(
    change: Callable[..., Report],
) -> None:
    lock = change("lock-only", {"package-lock.json": _package(99)["package-lock.json"]})
    manifest = change("manifest-only", {"package.json": _package(99)["package.json"]})
    assert lock == Report(
        (
            "package-lock.json changed without package.json. In this repo a lockfile changes "
            "together with its manifest: change both in one commit. "
            "(dependencies.javascript.lock-with-manifest: followed 7/7)",
        ),
        (),
        1,
    )
    assert manifest.fails == (
        "package.json changed without package-lock.json. In this repo a manifest changes "
        "together with its lockfile: change both in one commit. "
        "(dependencies.javascript.manifest-with-lock: followed 7/7)",
    )
    assert change("both", _package(99)) == Report((), (), 0)


def test_a_change_much_larger_than_usual_warns_and_never_fails(
    change: Callable[..., Report],
) -> None:
    files = {
        f"app/services/{n}_service.py": _service(n) + "".join(f"# {i}\n" for i in range(9))
        for n in SERVICES
    }
    assert change("large", files) == Report(
        (),
        (
            "This change touches 5 files; 9 in 10 of this repo's last 31 "
            "commits stay within 2 files and 7 lines. Consider splitting it. "
            "(changes.all.size: followed 30/31)",
        ),
        0,
    )


def test_a_change_of_many_lines_in_few_files_warns(change: Callable[..., Report]) -> None:
    text = "class Account:\n" + "".join(f"    field_{i} = {i}\n" for i in range(20))
    assert change("long", {"app/models/account.py": text}).warnings == (
        "This change touches 21 lines; 9 in 10 of this repo's last 31 commits stay within "
        "2 files and 7 lines. Consider splitting it. (changes.all.size: followed 30/31)",
    )


def test_a_changed_source_whose_test_exists_passes(change: Callable[..., Report]) -> None:
    path = "app/models/account.py"
    assert change("edit", {path: "class Account:\n    name = 'a'\n"}) == Report((), (), 0)


def test_a_crafted_folder_name_stays_data_in_the_dangerfile(tmp_path: Path) -> None:
    folder = 'app/we"; process.exit(1); ${x}`</script>'
    root = tmp_path / "crafted"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    files = {f"{folder}/{n}_repo.py": f"def {n}():\n    return 1\n" for n in "abcde"}
    _commit(root, {**files, ".gitignore": ".standards/\n"}, "start")
    pipeline.run(root, verify=False)
    text = (root / ".standards/dangerfile.js").read_text(encoding="utf-8")
    assert "</script>" not in text
    git(root, "checkout", "-q", "-b", "crafted")
    _commit(root, {f"{folder}/f.py": "def f():\n    return 1\n"}, "one more")
    out = root / ".standards"
    report = danger_local(root, out / "dangerfile.js", "main")
    assert report.status == 1
    [message] = report.fails
    assert message.startswith(f'New file {folder}/f.py lacks the suffix "_repo"')
    assert f"Give module files in {folder}/ the suffix '_repo'." in message


def test_repo_values_reach_the_dangerfile_only_as_json_data(tmp_path: Path) -> None:
    crafted = 'x"; process.exit(1); // `${x}` </script>\u2028\u2029'
    data = {"checks": {"size": [{"id": crafted}]}, "languages": {}, "lockfiles": [crafted]}
    data |= {"out": crafted, "prefix": ""}
    text = render("danger/dangerfile.js.j2", data=data)
    assert "</script>" not in text and "\u2028" not in text and "\u2029" not in text
    literal = text.split("const STANDARDS = ", 1)[1].split(";\n\nconst CHECKS", 1)[0]
    assert json.loads(literal) == data
    (tmp_path / "dangerfile.js").write_text(text, encoding="utf-8")
    assert node.run_node(["--check", "dangerfile.js"], cwd=tmp_path).returncode == 0


def test_verification_runs_the_dangerfile_on_the_last_commit_and_output_is_stable(
    shop: Path,
) -> None:
    before = (shop / ".standards/dangerfile.js").read_bytes()
    learned = pipeline.run(shop, verify=False).standards
    assert (shop / ".standards/dangerfile.js").read_bytes() == before
    analysis = replace(pipeline.analyze(shop), standards=learned)
    verified = danger.verify(analysis, shop / ".standards")
    assert verified == Verification("danger", True, 7, (), "HEAD~1..HEAD: 0 fails, 0 warnings")


def test_a_folder_outside_git_learns_no_history_and_is_not_verified(tmp_path: Path) -> None:
    for n in SERVICES:
        (tmp_path / "app").mkdir(exist_ok=True)
        (tmp_path / f"app/{n}_service.py").write_text(_service(n))
    analysis = pipeline.analyze(tmp_path)
    assert not [s for s in danger.learn(analysis) if s.category in ("changes", "dependencies")]
    assert danger.verify(analysis, tmp_path / ".standards") is None


def test_a_new_family_member_without_the_skeleton_fails(tmp_path: Path) -> None:
    """The structure analyzer's families, read as its `folder` and `skeleton` parameters."""
    root = tmp_path / "plugins"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    skeleton = ("client.py", "tests/", "transport.py")
    files = {
        f"integrations/{m}/{f}": ""
        for m in ("stripe", "paypal", "adyen")
        for f in ("__init__.py", "client.py", "transport.py", "tests/test_client.py")
    }
    _commit(root, {**files, ".gitignore": ".standards/\n"}, "start")
    family = Standard(
        id="structure.python.family.integrations",
        language="python",
        rule="Give every integration in integrations/ the same skeleton: client.py, tests/, "
        "transport.py.",
        why="Every integration has them.",
        parameters={"folder": "integrations", "skeleton": skeleton},
        evidence=Evidence(3, 3),
        confidence=0.4,
        level=Level.ENFORCE,
        targets=("playbook",),
    )
    analysis = pipeline.analyze(root)
    analysis = replace(analysis, standards=(*analysis.standards, family))
    out = root / ".standards"
    out.mkdir()
    for file in danger.emit(analysis, ".standards"):
        (out / file.path).write_text(file.content, encoding="utf-8")
    assert danger.verify(analysis, out) is None, "one commit: no change to run it on"
    git(root, "checkout", "-q", "-b", "mollie")
    new = {"integrations/mollie/__init__.py": "", "integrations/mollie/client.py": ""}
    _commit(root, {**new, "integrations/stripe/extra.py": ""}, "mollie")
    assert danger_local(root, out / "dangerfile.js", "main").fails == (
        f"New integrations/mollie/ lacks tests/, transport.py. {family.rule} "
        "(structure.python.family.integrations: followed 3/3)",
    )


def _fixture(tmp_path: Path, name: str, pinned: bool = True) -> Path:
    """A fixture as a git repo with its standards generated; unpinned, its standards
    take the level the evidence gives them."""
    root = make_repo(FIXTURES / name, tmp_path / name)
    if not pinned:
        (root / "standards.toml").unlink()
        _commit(root, {}, "unpin")
    _commit(root, {".gitignore": ".standards/\n"}, "ignore")
    pipeline.run(root, verify=False)
    return root


def _danger(root: Path, branch: str, files: Files) -> Report:
    git(root, "checkout", "-q", "-b", branch, "main")
    try:
        _commit(root, files, branch)
        return danger_local(root, root / ".standards" / "dangerfile.js", "main")
    finally:
        git(root, "checkout", "-q", "main")


UNSERVED = (
    "no index covers what this query filters on ({}; model); this repo filters on indexed "
    "columns: add the index in the same change, or filter on an indexed column"
)


def test_an_added_query_on_an_unindexed_column_fails_and_one_on_an_index_passes(
    tmp_path: Path,
) -> None:
    """`standards check` tells, and only the lines the change adds count: the fixture's
    own unindexed queries in the same file are not the change's."""
    root = _fixture(tmp_path, "indexes_django")
    services = (root / "shop/services.py").read_text()
    added = services + "\n\ndef by_note(note):\n    return Order.objects.filter(note=note)\n"
    line = added.count("\n")
    assert _danger(root, "unindexed", {"shop/services.py": added}).fails == (
        f"shop/services.py:{line}: {UNSERVED.format('Order.note')} "
        "(indexes.python.queried-columns: followed 7/14)",
    )
    indexed = services + "\n\ndef fresh():\n    return Order.objects.filter(status=1)\n"
    assert _danger(root, "indexed", {"shop/services.py": indexed}) == Report((), (), 0)


def test_a_migration_adding_a_reference_without_an_index_fails(tmp_path: Path) -> None:
    root = _fixture(tmp_path, "indexes_django")
    migration = (root / "shop/migrations/0003_order_coupon.py").read_text()
    added = migration.replace("0002_drop_reference_index", "0003_order_coupon").replace(
        '"coupon"', '"voucher"'
    )
    report = _danger(root, "migration", {"shop/migrations/0004_order_voucher.py": added})
    assert report.fails == (
        "shop/migrations/0004_order_voucher.py:8: this migration adds the reference column "
        "order.voucher without an index; this repo indexes the references it adds: index it "
        "in the same migration (indexes.python.foreign-keys: followed 1/2)",
    )


def test_advice_warns_and_never_fails(tmp_path: Path) -> None:
    root = _fixture(tmp_path, "indexes_rails", pinned=False)
    path = "app/services/order_search.rb"
    source = (root / path).read_text()
    added = source.replace(
        "class OrderSearch\n", "class OrderSearch\n  def noted(n) = Order.where(note: n)\n\n"
    )
    report = _danger(root, "advice", {path: added})
    assert report.fails == ()
    assert report.warnings == (
        f"{path}:4: {UNSERVED.format('Order.note')} (indexes.ruby.queried-columns: followed 8/13)",
    )


def test_without_standards_the_dangerfile_says_what_went_unchecked(tmp_path: Path) -> None:
    root = _fixture(tmp_path, "indexes_django")
    services = (root / "shop/services.py").read_text() + "\n\ndef f():\n    return 1\n"
    git(root, "checkout", "-q", "-b", "bare", "main")
    _commit(root, {"shop/services.py": services}, "bare")
    binary = node.installed() / ".bin" / "danger"
    dangerfile = root / ".standards" / "dangerfile.js"
    args = ["local", "--base", "main", "--dangerfile", str(dangerfile), "-j"]
    tools = {str(Path(shutil.which(t) or t).parent) for t in ("git", "node")}
    env = {"PATH": os.pathsep.join(sorted(tools)), "HOME": str(tmp_path)}  # no standards
    done = subprocess.run([str(binary), *args], cwd=root, env=env, capture_output=True, text=True)
    warnings = [w["message"] for w in json.loads(done.stdout)["warnings"]]
    assert warnings == [
        "standards check did not run (ENOENT), so indexes.python.foreign-keys, "
        "indexes.python.queried-columns went unchecked: install standards where Danger runs"
    ]


def test_colocated_tests_and_todays_untested_files(tmp_path: Path) -> None:
    """JavaScript tests beside their code; a file untested today may change, not be added."""
    root = tmp_path / "web"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    files = {f"src/{n}.js": f"module.exports = {{ {n}: 1 }};\n" for n in SERVICES}
    files |= {f"src/{n}.test.js": f"test('{n}', () => {{}});\n" for n in SERVICES}
    settings = "[tool.standards]\nenforce-ratio = 0.8\n"
    legacy = {"src/legacy.js": "module.exports = {};\n", "pyproject.toml": settings}
    _commit(root, {**files, **legacy, ".gitignore": ".standards/\n"}, "start")
    pipeline.run(root, verify=False)
    out = root / ".standards"
    cases: dict[str, tuple[Files, tuple[str, ...]]] = {
        "legacy": ({"src/legacy.js": "module.exports = { legacy: 2 };\n"}, ()),
        "tested": ({"src/cart.js": "module.exports = {};\n", "src/cart.test.js": "\n"}, ()),
        "elsewhere": (
            {"src/cart.js": "module.exports = {};\n", "test/cart.test.js": "\n"},
            (
                "src/cart.js was added without a test: add cart.test.js beside it. Give each "
                "source file a test named *.test.js beside it. "
                "(tests.javascript.tested-sources: followed 5/6)",
            ),
        ),
    }
    for branch, (change, fails) in cases.items():
        git(root, "checkout", "-q", "-b", branch, "main")
        _commit(root, change, branch)
        assert danger_local(root, out / "dangerfile.js", "main").fails == fails, branch
        git(root, "checkout", "-q", "main")


def test_a_folder_inside_a_larger_checkout_checks_only_its_own_files(tmp_path: Path) -> None:
    top = tmp_path / "mono"
    top.mkdir()
    git(top, "init", "-q", "-b", "main")
    api = {f"services/api/app/services/{n}_service.py": _service(n) for n in SERVICES}
    _commit(top, {**api, ".gitignore": ".standards/\n", "web/page.py": ""}, "start")
    root = top / "services/api"
    pipeline.run(root, verify=False)
    git(top, "checkout", "-q", "-b", "names")
    _commit(top, {"services/api/app/services/Billing.py": "", "web/Bad.py": ""}, "names")
    assert danger_local(root, root / ".standards/dangerfile.js", "main").fails == (
        "New file app/services/Billing.py is not named in snake_case. Name modules in "
        "snake_case. (naming.python.module-case: followed 5/5)",
        'New file app/services/Billing.py lacks the suffix "_service" its neighbours have. '
        "Give module files in app/services/ the suffix '_service'. "
        "(naming.python.file-affix.app-services: followed 5/5)",
    )
