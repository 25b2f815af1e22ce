"""The index analyzer on the Prisma and TypeORM fixtures: the planted unindexed columns
with their call sites, relation filters followed, and an index a migration dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from standards import pipeline
from standards.model import Analysis, Standard
from standards.targets import custom, of_analysis

from ..conftest import FIXTURES, make_repo

QUERIED = "indexes.typescript.queried-columns"
SERVICE = "src/posts/posts.service.ts"
ORDERS = "src/orders/orders.service.ts"


def _standards(tmp: pytest.TempPathFactory, name: str) -> dict[str, Standard]:
    root = make_repo(FIXTURES / name, tmp.mktemp("r") / name)
    analysis: Analysis = pipeline.analyze(root, jobs=1)
    return {s.id: s for s in analysis.standards}


def _unindexed(s: Standard) -> list[tuple[object, ...]]:
    found = s.parameters["unindexed"]
    assert isinstance(found, tuple)
    return [(f["model"], f["column"], f["sites"], f["how"]) for f in found]  # type: ignore[index]


def test_prisma_queries_against_the_schema(tmp_path_factory: pytest.TempPathFactory) -> None:
    s = _standards(tmp_path_factory, "indexes_prisma")[QUERIED]
    assert (s.evidence.followed, s.evidence.total) == (4, 9)
    assert _unindexed(s) == [
        ("Post", "slug", (f"{SERVICE}:7", f"{SERVICE}:11"), "model"),
        ("Post", "authorId", (f"{SERVICE}:23",), "model"),
        ("Post", "createdAt", (f"{SERVICE}:19",), "model"),
        ("User", "name", (f"{SERVICE}:31",), "model, via Post.author"),
    ]
    first = s.parameters["unindexed"][0]  # type: ignore[index]
    assert first["migration"].startswith("@@index([slug]) in model Post")  # type: ignore[index]


def test_typeorm_entities_repositories_and_dropped_index(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    found = _standards(tmp_path_factory, "indexes_typeorm")
    s = found[QUERIED]
    how = "repository orderRepository"
    assert (s.evidence.followed, s.evidence.total) == (4, 7)
    assert _unindexed(s) == [
        ("Order", "reference", (f"{ORDERS}:8", f"{ORDERS}:12"), how),
        ("Customer", "city", (f"{ORDERS}:28",), f"{how}, via Order.customer"),
    ]
    keys = found["indexes.typescript.foreign-keys"]
    assert [(e.path, e.line) for e in keys.evidence.counter_examples] == [
        ("src/migrations/1700000200000-OrderCoupon.ts", 6)
    ]
    assert [(e.path, e.line) for e in keys.evidence.examples] == [
        ("src/migrations/1700000000000-Initial.ts", 8)
    ]


def test_standards_check_flags_the_planted_queries(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """ESLint cannot read the Prisma schema: `standards check` checks TypeScript's index
    standard, and its hook runs on TypeScript files."""
    root = make_repo(FIXTURES / "indexes_prisma", tmp_path_factory.mktemp("r") / "p")
    analysis = pipeline.analyze(root, jobs=1)
    found = custom.check(of_analysis(analysis, tmp_path))
    assert sorted((v.rule, v.path, v.line) for v in found if v.rule.startswith("indexes.")) == [
        (QUERIED, SERVICE, line) for line in (7, 11, 19, 23, 31)
    ]
    verification = custom.verify(analysis, tmp_path)
    assert verification is not None and verification.ok, verification
    assert [h.types for h in custom.hooks(analysis)] == [("ts", "tsx")]
