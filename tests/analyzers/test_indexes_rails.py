"""The index analyzer on a Rails app: `db/schema.rb` when there is one, else its
migrations replayed in timestamp order; exactly the planted unindexed columns, resolved
through scopes, class methods, `belongs_to` and associations, and nothing on an indexed
column."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from standards import pipeline
from standards.analyzers.indexes import query_sites
from standards.analyzers.indexes.schema import Schema, build
from standards.languages.ruby import inflect
from standards.model import Analysis, Level, Standard
from standards.targets import custom, of_analysis

from ..conftest import FIXTURES, make_repo

QUERIED = "indexes.ruby.queried-columns"
KEYS = "indexes.ruby.foreign-keys"
UNINDEXED = [
    ("Order", "placed_at", 2, ("app/controllers/orders_controller.rb:9", "app/models/order.rb:9")),
    ("Customer", "name", 1, ("app/models/customer.rb:11",)),
    ("Order", "note", 1, ("app/services/order_search.rb:17",)),
    ("Order", "reference", 1, ("app/models/order.rb:8",)),
    ("Order", "state", 1, ("app/controllers/orders_controller.rb:9",)),
]
INDEXED = {
    ("Customer", "email"),
    ("Order", "customer_id"),
    ("Order", "id"),
    ("Product", "sku"),
    ("LineItem", "order_id"),
}


def _analysis(tmp: pytest.TempPathFactory, dumped: bool) -> Analysis:
    """The fixture as it is, or without `db/schema.rb` (its migrations then tell)."""
    source = tmp.mktemp("src") / "indexes_rails"
    shutil.copytree(FIXTURES / "indexes_rails", source)
    if not dumped:
        (source / "db" / "schema.rb").unlink()
    return pipeline.analyze(make_repo(source, tmp.mktemp("r") / "indexes_rails"), jobs=1)


def _by_id(analysis: Analysis) -> dict[str, Standard]:
    return {s.id: s for s in analysis.standards}


def _unindexed(s: Standard) -> list[tuple[object, ...]]:
    found = s.parameters["unindexed"]
    assert isinstance(found, tuple)
    return [(f["model"], f["column"], f["queries"], f["sites"]) for f in found]  # type: ignore[index]


@pytest.fixture(scope="module", params=[True, False], ids=["schema.rb", "migrations"])
def rails(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    return _analysis(tmp_path_factory, request.param)


def test_unindexed_columns_most_queried_first(rails: Analysis) -> None:
    s = _by_id(rails)[QUERIED]
    assert (s.evidence.followed, s.evidence.total) == (8, 13)
    assert s.level is Level.ENFORCE  # pinned by the fixture's standards.toml
    assert _unindexed(s) == UNINDEXED
    first = s.parameters["unindexed"][0]  # type: ignore[index]
    assert first["migration"] == "a migration (db/migrate/) with add_index :orders, :placed_at"  # type: ignore[index]
    found = {(m, c) for m, c, _, _ in _unindexed(s)}
    assert not found & INDEXED


def test_the_schema_after_every_migration(rails: Analysis) -> None:
    """A composite index, `t.references` indexed by default, `index: false` honoured, an
    index a later migration removed gone (its `down` re-adding it does not count), and
    `self.table_name` naming the table of `LineItem`."""
    schema = Schema.of(_by_id(rails)[QUERIED].parameters["schema"])  # type: ignore[arg-type]
    assert schema.indexed == {
        "Customer": (("email",), ("id",)),
        "LineItem": (("id",), ("order_id",)),
        "Order": (("customer_id",), ("customer_id", "state"), ("id",)),
        "Product": (("id",), ("sku",)),
    }
    assert schema.aliases["order_lines"] == ("LineItem", "table order_lines")
    assert schema.relations["LineItem"] == {"order": "Order", "product": "Product"}
    assert schema.flags["Product"] == ("active",)
    assert schema.columns["Order"] == (
        "customer_id",
        "id",
        "note",
        "placed_at",
        "reference",
        "state",
    )


def test_queries_resolve_through_scopes_belongs_to_and_associations(rails: Analysis) -> None:
    sites = {
        (s.path, s.line): {(q.model, q.column, q.indexed) for q in s.queries}
        for s in query_sites(build(rails.facts), rails.facts, "ruby")
    }
    assert sites[("app/models/order.rb", 7)] == {  # a scope on the composite index
        ("Order", "customer_id", True),
        ("Order", "state", True),
    }
    assert sites[("app/models/customer.rb", 7)] == {("Customer", "email", True)}  # class method
    assert sites[("app/services/order_search.rb", 5)] == {("Order", "customer_id", True)}
    assert sites[("app/services/order_search.rb", 21)] == {  # order.line_items.where(sku:)
        ("LineItem", "sku", False),
        ("LineItem", "order_id", True),
    }
    assert ("app/services/order_search.rb", 13) not in sites  # calling a scope filters nothing


def test_migrations_index_their_references(rails: Analysis) -> None:
    s = _by_id(rails)[KEYS]
    assert (s.evidence.followed, s.evidence.total) == (2, 4)
    assert {(e.path, e.line, e.detail) for e in s.evidence.counter_examples} == {
        ("db/migrate/20240103000000_create_order_lines.rb", 5, "LineItem.order_id"),
        ("db/migrate/20240103000000_create_order_lines.rb", 5, "LineItem.product_id"),
    }


@pytest.mark.parametrize(
    ("model", "table"),
    [
        ("LineItem", "line_items"),
        ("Person", "people"),
        ("Category", "categories"),
        ("Address", "addresses"),
        ("IssueStatus", "issue_statuses"),
        ("HTTPRequest", "http_requests"),
        ("Wife", "wives"),
        ("News", "news"),
        ("Key", "keys"),
    ],
)
def test_table_names_follow_rails_inflection(model: str, table: str) -> None:
    assert inflect.table_name(model) == table


HOSTILE = 'x"#{`id`} | <b> </script>'


def test_a_crafted_table_name_stays_data(tmp_path: Path) -> None:
    """A table name that looks like markup or interpolating Ruby is a plain Ruby string in
    the remedy, escaped in the playbook and kept whole in standards.json."""
    literal = HOSTILE.replace("'", "\\'")
    (tmp_path / "app" / "models").mkdir(parents=True)
    (tmp_path / "db").mkdir()
    (tmp_path / "app" / "models" / "order.rb").write_text(
        f"class Order < ApplicationRecord\n  self.table_name = '{literal}'\n"
        + "".join(f"\n  def self.f{n}\n    where(id: {n})\n  end\n" for n in range(5))
        + "\n  def self.g\n    where(note: 1)\n  end\nend\n"
    )
    (tmp_path / "db" / "schema.rb").write_text(
        f"create_table '{literal}' do |t|\n  t.string 'note'\nend\n"
    )
    result = pipeline.run(tmp_path, verify=False)
    written = json.loads((result.out / "standards.json").read_text())
    found = next(s for s in written["standards"] if s["id"] == QUERIED)
    migration = found["parameters"]["unindexed"][0]["migration"]
    assert migration.endswith('with add_index "x\\"\\#{`id`} | <b> </script>", :note')
    playbook = (result.out / "playbook.md").read_text()
    assert "no index on Order.note" in playbook
    assert "</script>" not in playbook.replace("\\</script>", "")
    assert "| <b>" not in playbook


def test_standards_check_flags_the_planted_queries_and_migration(
    rails: Analysis, tmp_path: Path
) -> None:
    """RuboCop cannot see the schema and the models together: `standards check` checks
    Ruby's index standards, and its hook runs on Ruby files."""
    found = custom.check(of_analysis(rails, tmp_path))
    assert {(v.rule, v.path, v.line) for v in found if v.rule.startswith("indexes.")} == {
        *((QUERIED, path, line) for path, line in _sites()),
        (KEYS, "db/migrate/20240103000000_create_order_lines.rb", 5),
    }
    verification = custom.verify(rails, tmp_path)
    assert verification is not None and verification.ok, verification
    assert [h.types for h in custom.hooks(rails)] == [("ruby",)]


def _sites() -> set[tuple[str, int]]:
    return {(p, int(n)) for *_, sites in UNINDEXED for p, n in (s.rsplit(":", 1) for s in sites)}
