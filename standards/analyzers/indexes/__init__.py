"""Indexes: whether the columns the code queries carry an index, from source alone.

Why: a filter on an unindexed column is a full table scan that grows with the table; it
passes every test on a small database and times out in production. The tools that look
for it need a live database and see only foreign keys; this reads the models and
migrations (Django, SQLAlchemy/Alembic, Prisma, TypeORM) and counts where, and how often,
the code filters or orders by each column.
Emits `indexes.<language>.queried-columns` (of the query sites, how many hit an index;
the unindexed columns most-queried first, with the index to add in the repo's own style)
and `indexes.<language>.foreign-keys` (migrations that add a reference column index it).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from standards.analyzers import AnalyzerExample, roles
from standards.analyzers.evidence import MAX_EXAMPLES, standard
from standards.analyzers.indexes import remedy
from standards.analyzers.indexes.schema import Query, Schema, build, queries
from standards.languages import Language
from standards.model import Evidence, Example, FileFacts, Level, Param, Standard

MAX_FINDINGS = 10
"""Unindexed columns listed with their call sites and remedy."""
MAX_SITES = 5

Site = tuple[str, int, Query]
"""(file, line, the column queried there)."""


def analyze(facts: Sequence[FileFacts], language: Language) -> list[Standard]:
    lang = language.NAME
    targets = (language.CHECKER, "playbook") if language.CHECKER == "standards-check" else ()
    schema = build(facts)
    found = []
    sites = list(query_sites(schema, facts, lang))
    if sites:
        found.append(_queried(lang, targets or ("playbook",), schema, facts, sites))
    keys = [k for f in facts if f.language == lang for k in migration_keys(f)]
    if keys:
        found.append(_foreign_keys(lang, targets or ("playbook",), keys))
    return found


def query_sites(schema: Schema, facts: Sequence[FileFacts], lang: str) -> Iterator[Site]:
    """Every column a query of the language's own code (not its tests) filters on."""
    for f in roles.authored(facts, lang):
        if not roles.is_test(f.path):
            yield from file_sites(schema, f)


def file_sites(schema: Schema, f: FileFacts) -> Iterator[Site]:
    for call in f.calls:
        if call.kind == "orm-query":
            yield from ((f.path, call.line, q) for q in queries(schema, call))


def _queried(
    lang: str,
    targets: tuple[str, ...],
    schema: Schema,
    facts: Sequence[FileFacts],
    sites: list[Site],
) -> Standard:
    bad = [s for s in sites if not s[2].indexed]
    flagged = {(p, line) for p, line, _ in bad}
    good = [s for s in sites if s[2].indexed]
    findings = _findings(bad, facts)
    examples = sorted(_example(s) for s in good if (s[0], s[1]) not in flagged)
    ev = Evidence(
        len(good),
        len(sites),
        tuple(examples[:MAX_EXAMPLES]),
        tuple(_counter_examples(bad, findings)),
    )
    top = findings[0] if findings else None
    why = (
        "A filter on an unindexed column scans the whole table, and the table grows; "
        f"{len(good)} of {len(sites)} query sites here hit an index."
    )
    if top is not None:
        why += (
            f" Most queried without one: {top['model']}.{top['column']} "
            f"({top['queries']} sites; {top['migration']})."
        )
    return standard(
        f"indexes.{lang}.queried-columns",
        language=lang,
        rule="Index the columns you filter or order by: a new query on an unindexed "
        "column comes with the migration that indexes it.",
        why=why,
        parameters={
            "ratio": round(len(good) / len(sites), 3),
            "queried_columns": len({(q.model, q.column) for _, _, q in sites}),
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
        f"no index on {finding['model']}.{finding['column']}: {finding['queries']} "
        f"queries (first {first}); add {finding['migration']}"
    )


def _example(site: Site) -> Example:
    path, line, q = site
    return Example(path, line, f"{q.model}.{q.column} ({q.how})")


def _findings(bad: list[Site], facts: Sequence[FileFacts]) -> list[dict[str, Param]]:
    """Unindexed columns, most-queried first, with their call sites and the remedy."""
    by_column: dict[tuple[str, str], list[Site]] = {}
    for site in sorted(bad, key=lambda s: (s[0], s[1])):
        by_column.setdefault((site[2].model, site[2].column), []).append(site)
    tables = {t.model: t for f in facts if f.migration is None for t in f.tables}
    style = remedy.django_style(facts)
    ordered = sorted(by_column.items(), key=lambda item: (-len(item[1]), item[0]))
    return [
        {
            "model": model,
            "column": column,
            "queries": len(found),
            "sites": tuple(f"{p}:{line}" for p, line, _ in found[:MAX_SITES]),
            "how": found[0][2].how,
            "migration": remedy.remedy(tables.get(model), model, column, style),
        }
        for (model, column), found in ordered
    ]


def _counter_examples(bad: list[Site], findings: list[dict[str, Param]]) -> list[Example]:
    first = {}
    for site in sorted(bad, key=lambda s: (s[0], s[1])):
        first.setdefault((site[2].model, site[2].column), site)
    return [_example(first[(str(f["model"]), str(f["column"]))]) for f in findings[:MAX_EXAMPLES]]


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
