"""The index analyzer on the Python fixtures: exactly the planted unindexed columns, with
their call sites, and the checks that flag them (and nothing on an indexed column)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from standards import pipeline
from standards.analyzers.indexes.schema import Schema, build
from standards.model import Analysis, FileFacts, Level, Standard, Table
from standards.targets import custom, of_analysis

from ..conftest import FIXTURES, make_repo

QUERIED = "indexes.python.queried-columns"
KEYS = "indexes.python.foreign-keys"


def _analysis(tmp: pytest.TempPathFactory, name: str) -> Analysis:
    return pipeline.analyze(make_repo(FIXTURES / name, tmp.mktemp("r") / name), jobs=1)


def _by_id(analysis: Analysis) -> dict[str, Standard]:
    return {s.id: s for s in analysis.standards}


def _unindexed(s: Standard) -> list[tuple[object, ...]]:
    found = s.parameters["unindexed"]
    assert isinstance(found, tuple)
    return [(f["model"], f["column"], f["queries"], f["sites"]) for f in found]  # type: ignore[index]


def _flagged(analysis: Analysis, tmp_path: Path) -> set[tuple[str, str, int]]:
    found = custom.check(of_analysis(analysis, tmp_path))
    return {(v.rule, v.path, v.line) for v in found if v.rule.startswith("indexes.")}


@pytest.fixture(scope="module")
def django(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    return _analysis(tmp_path_factory, "indexes_django")


@pytest.fixture(scope="module")
def alchemy(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    return _analysis(tmp_path_factory, "indexes_sqlalchemy")


def test_django_unindexed_columns_most_queried_first(django: Analysis) -> None:
    s = _by_id(django)[QUERIED]
    assert (s.evidence.followed, s.evidence.total) == (7, 14)
    assert s.level is Level.ENFORCE  # pinned by the fixture's standards.toml
    assert _unindexed(s) == [
        (
            "Order",
            "reference",
            3,
            ("shop/services.py:19", "shop/services.py:23", "shop/services.py:27"),
        ),
        ("Customer", "city", 1, ("shop/services.py:39",)),
        ("Order", "note", 1, ("shop/services.py:43",)),
        ("Order", "paid_at", 1, ("shop/models.py:6",)),
        ("Order", "state", 1, ("shop/services.py:59",)),
    ]
    first = s.parameters["unindexed"][0]  # type: ignore[index]
    assert first["migration"].startswith("db_index=True on Order.reference")  # type: ignore[index]


def test_django_resolution_follows_lookups_managers_and_composites(django: Analysis) -> None:
    schema = Schema.of(_by_id(django)[QUERIED].parameters["schema"])  # type: ignore[arg-type]
    assert schema.indexed["Order"] == (
        ("created", "state"),
        ("customer",),
        ("id",),
        ("pk",),
        ("status",),
    )
    assert schema.indexed["Customer"] == (("email",), ("id",), ("pk",))
    assert schema.aliases["orderqueryset"] == ("Order", "manager OrderQuerySet")
    assert schema.relations["Order"] == {"coupon": "Coupon", "customer": "Customer"}


def test_django_checks_flag_the_planted_queries_and_migration(
    django: Analysis, tmp_path: Path
) -> None:
    assert _flagged(django, tmp_path) == {
        (QUERIED, "shop/services.py", 19),
        (QUERIED, "shop/services.py", 23),
        (QUERIED, "shop/services.py", 27),
        (QUERIED, "shop/services.py", 39),
        (QUERIED, "shop/services.py", 43),
        (QUERIED, "shop/services.py", 59),
        (QUERIED, "shop/models.py", 6),
        (KEYS, "shop/migrations/0003_order_coupon.py", 8),
    }
    verification = custom.verify(django, tmp_path)
    assert verification is not None and verification.ok, verification


def test_sqlalchemy_unindexed_columns_after_replaying_alembic(alchemy: Analysis) -> None:
    s = _by_id(alchemy)[QUERIED]
    assert (s.evidence.followed, s.evidence.total) == (5, 10)
    assert _unindexed(s) == [
        ("Post", "slug", 3, ("blog/services.py:15", "blog/services.py:19", "blog/services.py:35")),
        ("Post", "author_id", 1, ("blog/services.py:31",)),
        ("Post", "published_at", 1, ("blog/services.py:27",)),
    ]
    first = s.parameters["unindexed"][0]  # type: ignore[index]
    assert 'op.create_index("ix_posts_slug", "posts", ["slug"])' in first["migration"]  # type: ignore[index]


def test_sqlalchemy_checks(alchemy: Analysis, tmp_path: Path) -> None:
    assert _flagged(alchemy, tmp_path) == {
        (QUERIED, "blog/services.py", 15),
        (QUERIED, "blog/services.py", 19),
        (QUERIED, "blog/services.py", 27),
        (QUERIED, "blog/services.py", 31),
        (QUERIED, "blog/services.py", 35),
        (KEYS, "migrations/versions/5d3e_post_editor.py", 12),
        (KEYS, "migrations/versions/9a1f_initial.py", 19),
    }
    keys = _by_id(alchemy)[KEYS]
    assert (keys.evidence.followed, keys.evidence.total) == (1, 3)


GIFT = {("Order", "is_gift")}
"""A boolean: a plain index rarely serves one, so a query on it asks for none."""


def test_no_finding_on_an_indexed_column_or_a_flag(django: Analysis, alchemy: Analysis) -> None:
    for analysis, indexed in (
        (django, {("Order", "status"), ("Order", "created"), ("Customer", "email")} | GIFT),
        (alchemy, {("User", "email"), ("User", "org_id"), ("Post", "status")}),
    ):
        found = {(m, c) for m, c, _, _ in _unindexed(_by_id(analysis)[QUERIED])}
        assert not found & indexed


HOSTILE = 'x"y`z | <b> </script>'


def test_a_crafted_table_name_stays_data(tmp_path: Path) -> None:
    """A table name that looks like markup or code is quoted in the remedy, escaped in the
    playbook and kept whole in standards.json."""
    (tmp_path / "models.py").write_text(
        "class Order(Base):\n"
        f"    __tablename__ = {HOSTILE!r}\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    note = Column(String)\n"
    )
    queries = "".join(
        f"def f{n}(s):\n    return s.query(Order).filter(Order.id == {n})\n\n\n" for n in range(5)
    )
    (tmp_path / "services.py").write_text(
        queries + "def g(s):\n    return s.query(Order).filter(Order.note == 1)\n"
    )
    result = pipeline.run(tmp_path, verify=False)
    written = json.loads((result.out / "standards.json").read_text())
    found = next(s for s in written["standards"] if s["id"] == QUERIED)
    migration = found["parameters"]["unindexed"][0]["migration"]
    assert f"op.create_index({json.dumps('ix_' + HOSTILE + '_note')}, {json.dumps(HOSTILE)}" in (
        migration
    )
    playbook = (result.out / "playbook.md").read_text()
    assert "no index on Order.note" in playbook
    assert "</script>" not in playbook.replace("\\</script>", "")
    assert "| <b>" not in playbook


def test_one_model_declared_twice_at_the_same_line() -> None:
    """Two apps may each declare `Order` on the same line, one naming its table and one not;
    the schema takes both without comparing a missing table name to a present one."""
    facts = [
        FileFacts(path, "python", 9, tables=(Table("Order", 3, table, "django", ("note",)),))
        for path, table in (("a/models.py", "shop_order"), ("b/models.py", None))
    ]
    schema = build(facts)
    assert schema.columns["Order"] == ("note",)


def test_models_among_the_tests_stay_out_of_the_schema() -> None:
    """A test's own models are never queried by the code, and the schema is read by every
    `standards check`: Django's suite alone declares 1,500 of them."""
    facts = [
        FileFacts(path, "python", 9, tables=(Table(model, 3, None, "django", ("note",)),))
        for path, model in (("shop/models.py", "Order"), ("tests/models.py", "Fixture"))
    ]
    assert set(build(facts).columns) == {"Order"}
