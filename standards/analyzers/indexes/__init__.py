"""Indexes: whether the columns the code queries carry an index, from source alone.

Why: a filter on an unindexed column is a full table scan that grows with the table; it
passes every test on a small database and times out in production. The tools that look
for it need a live database and see only foreign keys; this reads the models and
migrations (Django, SQLAlchemy/Alembic, Prisma, TypeORM, ActiveRecord) and counts where,
and how often, the code filters or orders by each column. A query counts once, served when an index
covers any column it filters on (a composite index its leading columns).
Emits `indexes.<language>.queried-columns` (of the queries, how many an index serves;
the columns of the others, most-queried first, with the index to add in the repo's own
style) and `indexes.<language>.foreign-keys` (migrations that add a reference column
index it). `standards check` checks both in every language: a linter plugin cannot see
the schema, the migrations and the models a query names all at once; Danger reports
what a change adds.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from standards.analyzers import AnalyzerExample, roles
from standards.analyzers.evidence import MAX_EXAMPLES, standard
from standards.analyzers.indexes import remedy
from standards.analyzers.indexes.schema import Query, Schema, build, queries
from standards.languages import Language
from standards.model import Call, Evidence, Example, FileFacts, Level, Param, Standard

MAX_FINDINGS = 10
"""Unindexed columns listed with their call sites and remedy."""
MAX_SITES = 5
"""Call sites listed per unindexed column."""


@dataclass(frozen=True)
class Site:
    """One query (the calls of one chain, which share their first line) and the columns
    it filters or orders by; an index serves it when one covers any of them."""

    path: str
    line: int
    queries: tuple[Query, ...]

    @property
    def served(self) -> bool:
        return any(q.indexed for q in self.queries)

    def example(self) -> Example:
        shown = next((q for q in self.queries if q.indexed), self.queries[0])
        return Example(self.path, self.line, f"{shown.model}.{shown.column} ({shown.how})")


def analyze(facts: Sequence[FileFacts], language: Language) -> list[Standard]:
    lang = language.NAME
    targets = ("standards-check", "danger", "playbook")
    schema = build(facts)
    found = []
    sites = list(query_sites(schema, facts, lang))
    if sites:
        found.append(_queried(lang, targets, schema, facts, sites))
    keys = [k for f in facts if f.language == lang for k in migration_keys(f)]
    if keys:
        found.append(_foreign_keys(lang, targets, keys))
    return found


def query_sites(schema: Schema, facts: Sequence[FileFacts], lang: str) -> Iterator[Site]:
    """Every query of the language's own code (not its tests) on a model the schema knows."""
    for f in roles.authored(facts, lang):
        if not roles.is_test(f.path):
            yield from file_sites(schema, f)


def file_sites(schema: Schema, f: FileFacts) -> Iterator[Site]:
    by_line: dict[int, list[Call]] = {}
    for call in f.calls:
        if call.kind == "orm-query":
            by_line.setdefault(call.line, []).append(call)
    for line, calls in sorted(by_line.items()):
        if found := queries(schema, calls):
            yield Site(f.path, line, tuple(found))


def _queried(
    lang: str,
    targets: tuple[str, ...],
    schema: Schema,
    facts: Sequence[FileFacts],
    sites: list[Site],
) -> Standard:
    good = [s for s in sites if s.served]
    bad = [s for s in sites if not s.served]
    findings = _findings(bad, facts)
    ev = Evidence(
        len(good),
        len(sites),
        tuple(sorted(s.example() for s in good)[:MAX_EXAMPLES]),
        tuple(_counter_examples(bad, findings)),
    )
    top = findings[0] if findings else None
    why = (
        "A filter on an unindexed column scans the whole table, and the table grows; "
        f"{len(good)} of {len(sites)} queries here filter on an indexed column."
    )
    if top is not None:
        why += (
            f" Most queried without one: {top['model']}.{top['column']} "
            f"({_queries(top['queries'])}; {top['migration']})."
        )
    return standard(
        f"indexes.{lang}.queried-columns",
        language=lang,
        rule="Filter on an indexed column: a query on columns no index covers comes with "
        "the migration that indexes one.",
        why=why,
        parameters={
            "ratio": round(len(good) / len(sites), 3),
            "queried_columns": len({(q.model, q.column) for s in sites for q in s.queries}),
            "unindexed": tuple(findings[:MAX_FINDINGS]),
            "summary": tuple(_summary(f) for f in findings[:MAX_EXAMPLES]),
            "schema": schema.parameters(),
        },
        ev=ev,
        targets=targets,
    )


def _summary(finding: Mapping[str, Param]) -> str:
    """One playbook line: the unindexed column, how often and where, and the fix."""
    sites = finding["sites"]
    first = sites[0] if isinstance(sites, tuple) and sites else ""
    return (
        f"no index on {finding['model']}.{finding['column']}: {_queries(finding['queries'])} "
        f"(first {first}); add {finding['migration']}"
    )


def _queries(count: Param) -> str:
    return f"{count} {'query' if count == 1 else 'queries'}"


def _findings(bad: list[Site], facts: Sequence[FileFacts]) -> list[dict[str, Param]]:
    """Columns of the queries no index serves, most-queried first, with their call sites
    and the remedy."""
    by_column: dict[tuple[str, str], list[tuple[Site, Query]]] = {}
    for site in sorted(bad, key=lambda s: (s.path, s.line)):
        for q in site.queries:
            by_column.setdefault((q.model, q.column), []).append((site, q))
    tables = {t.model: t for f in facts if f.migration is None for t in f.tables}
    style = remedy.django_style(facts)
    ordered = sorted(by_column.items(), key=lambda item: (-len(item[1]), item[0]))
    return [
        {
            "model": model,
            "column": column,
            "queries": len(found),
            "sites": tuple(f"{s.path}:{s.line}" for s, _ in found[:MAX_SITES]),
            "how": found[0][1].how,
            "migration": remedy.remedy(tables.get(model), model, column, style),
        }
        for (model, column), found in ordered
    ]


def _counter_examples(bad: list[Site], findings: list[dict[str, Param]]) -> list[Example]:
    """The first query of each of the most-queried unindexed columns, each once."""
    chosen: list[Example] = []
    for finding in findings:
        path, _, line = str(finding["sites"][0]).rpartition(":")  # type: ignore[index]
        how = finding["how"]
        detail = f"{finding['model']}.{finding['column']} ({how})"
        if all((e.path, e.line) != (path, int(line)) for e in chosen):
            chosen.append(Example(path, int(line), detail))
        if len(chosen) == MAX_EXAMPLES:
            break
    return chosen


# --- foreign keys in migrations ---------------------------------------------------------

Key = tuple[str, int, str, str, bool]
"""(file, line, model, column, indexed) of a reference column a migration adds."""


def migration_keys(f: FileFacts) -> Iterator[Key]:
    """Each reference column a migration adds, indexed when the same migration indexes it."""
    if f.migration is None:
        return
    leading = {(i.model.lower(), i.columns[0]) for i in f.indexes if i.columns and not i.removed}
    for t in f.tables:
        for key in t.foreign_keys:
            yield f.path, t.line, t.model, key, (t.model.lower(), key) in leading


def _foreign_keys(lang: str, targets: tuple[str, ...], keys: list[Key]) -> Standard:
    flagged = {(p, line) for p, line, _, _, indexed in keys if not indexed}
    good = [Example(p, line, f"{m}.{c}") for p, line, m, c, ok in keys if ok]
    bad = sorted(Example(p, line, f"{m}.{c}") for p, line, m, c, ok in keys if not ok)
    examples = sorted(e for e in good if (e.path, e.line) not in flagged)
    return standard(
        f"indexes.{lang}.foreign-keys",
        language=lang,
        rule="A migration that adds a reference column (a foreign key, an `_id`) indexes it.",
        why="Joins and deletes look rows up by their references; without an index each "
        "one scans the referencing table.",
        parameters={"ratio": round(len(good) / len(keys), 3)},
        ev=Evidence(
            len(good), len(keys), tuple(examples[:MAX_EXAMPLES]), tuple(bad[:MAX_EXAMPLES])
        ),
        targets=targets,
    )


EXAMPLES = (
    AnalyzerExample(
        files={
            "shop/models.py": "from django.db import models\n\n\n"
            "class Order(models.Model):\n"
            "    status = models.CharField(db_index=True)\n"
            "    note = models.TextField()\n",
            "shop/services.py": "".join(
                f"def f{n}():\n    return Order.objects.filter(status=1)\n\n\n" for n in range(5)
            )
            + "def g():\n    return Order.objects.filter(note=1)\n",
        },
        expect={"indexes.python.queried-columns": (Level.ADVISE, {"ratio": 0.833})},
    ),
    AnalyzerExample(
        files={"app.py": "def f():\n    return Order.objects.filter(status=1)\n"},
        expect={},
        absent=("indexes.python.queried-columns",),
    ),
)
