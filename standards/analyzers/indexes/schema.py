"""The repo's schema as the code sees it: which model each query means, and which of its
columns an index covers after every migration.

Models come from every file's `Table` facts, whatever the language (a Prisma schema
serves TypeScript queries). Indexes declared on models count as they are; migrations are
replayed in their declared order, so an index a later migration drops is gone. A
composite index covers its leading column only, which is what a query on one column can
use. The `Schema` is plain data, so the check rebuilds it from the standard's parameters.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import count

from standards.analyzers import roles
from standards.model import Call, DefinitionKind, FileFacts, Index, Param, Table

LOOKUP_SEPARATOR = "__"
UNINDEXABLE = frozenset(["contains", "icontains", "endswith", "iendswith", "regex", "iregex"])
"""Lookups a plain B-tree index cannot serve: asking for one there would be bad advice."""
REPOSITORY = re.compile(r"(?:repository|repo)_*$", re.IGNORECASE)
"""A TypeORM repository named for its entity: `orderRepository`, `orderRepository_`."""


@dataclass(frozen=True)
class Query:
    """One column one call site filters or orders by, on the model it resolved to."""

    model: str
    column: str
    how: str
    indexed: bool = False


@dataclass(frozen=True)
class Schema:
    """`aliases` map a lower-cased class, table, manager or client name to its model and
    how the name was resolved; `indexed` hold the column lists of each model's indexes."""

    aliases: Mapping[str, tuple[str, str]]
    indexed: Mapping[str, tuple[tuple[str, ...], ...]]
    columns: Mapping[str, tuple[str, ...]]
    relations: Mapping[str, Mapping[str, str]]
    flags: Mapping[str, tuple[str, ...]]

    def parameters(self) -> dict[str, Param]:
        return {
            "aliases": {k: tuple(v) for k, v in sorted(self.aliases.items())},
            "indexed": dict(sorted(self.indexed.items())),
            "columns": dict(sorted(self.columns.items())),
            "relations": {m: dict(sorted(r.items())) for m, r in sorted(self.relations.items())},
            "flags": dict(sorted(self.flags.items())),
        }

    @classmethod
    def of(cls, parameters: Mapping[str, Param]) -> Schema:
        """The schema a standard's parameters carry (see `parameters`)."""
        aliases, indexed, relations = (
            parameters["aliases"],
            parameters["indexed"],
            parameters["relations"],
        )
        assert isinstance(aliases, Mapping) and isinstance(indexed, Mapping)
        assert isinstance(relations, Mapping)
        return cls(
            {str(k): (str(v[0]), str(v[1])) for k, v in aliases.items() if isinstance(v, tuple)},
            {
                str(k): tuple(tuple(str(c) for c in i) for i in v if isinstance(i, tuple))
                for k, v in indexed.items()
                if isinstance(v, tuple)
            },
            _names(parameters["columns"]),
            {
                str(k): {str(f): str(t) for f, t in v.items()}
                for k, v in relations.items()
                if isinstance(v, Mapping)
            },
            _names(parameters["flags"]),
        )


def _names(value: Param) -> dict[str, tuple[str, ...]]:
    assert isinstance(value, Mapping)
    return {str(k): tuple(str(c) for c in v) for k, v in value.items() if isinstance(v, tuple)}


def build(facts: Sequence[FileFacts]) -> Schema:
    """The schema the code's files declare, with inherited fields and replayed migrations.

    Models among the tests are left out: they exist for a test's own database (Django's
    suite declares 1,500), the code never queries them, and the schema travels whole in
    the standard that `standards check` reads on every commit.
    """
    facts = [f for f in facts if not roles.is_test(f.path)]
    tables = [t for f in facts if f.migration is None for t in f.tables]
    bases = _bases(facts, {t.model for t in tables})
    parents = {b for found in bases.values() for b in found}
    aliases = {  # a base's manager serves every model that inherits it: none in particular
        k: v for k, v in _aliases(tables).items() if not (v[1] != "model" and v[0] in parents)
    }
    indexed: dict[str, set[tuple[str, ...]]] = {}
    for index in current_indexes(facts):
        model = aliases.get(index.model.lower(), (index.model.lower(), ""))[0]
        if index.columns:
            indexed.setdefault(model, set()).add(index.columns)
    columns: dict[str, set[str]] = {}
    flags: dict[str, set[str]] = {}
    relations: dict[str, dict[str, str]] = {}
    for t in tables:
        columns.setdefault(t.model, set()).update(t.columns)
        flags.setdefault(t.model, set()).update(t.flags)
        for name, target in t.relations:
            relations.setdefault(t.model, {})[name] = aliases.get(target.lower(), (target, ""))[0]
    for model, inherited in bases.items():
        for parent in inherited:
            indexed.setdefault(model, set()).update(indexed.get(parent, ()))
            columns.setdefault(model, set()).update(columns.get(parent, ()))
            flags.setdefault(model, set()).update(flags.get(parent, ()))
            relations.setdefault(model, {}).update(relations.get(parent, {}))
    return Schema(
        aliases,
        {m: tuple(sorted(i)) for m, i in indexed.items()},
        {m: tuple(sorted(c)) for m, c in columns.items() if c},
        {m: r for m, r in relations.items() if r},
        {m: tuple(sorted(f)) for m, f in flags.items() if f},
    )


def _aliases(tables: Sequence[Table]) -> dict[str, tuple[str, str]]:
    """Every name a query may use for a model: its class, its table, its managers."""
    found: dict[str, tuple[str, str]] = {}
    users: dict[str, set[str]] = {}
    for t in tables:
        for name in t.managers:
            users.setdefault(name, set()).add(t.model)
    for name, models in sorted(users.items()):
        if len(models) == 1:  # a manager many models share names none of them
            found[name.lower()] = (min(models), f"manager {name}")
    ordered = sorted(tables, key=lambda t: (t.model, t.line, t.table or ""))
    for t in ordered:
        for name in (_snake(t.model), t.table or ""):
            if name:
                found.setdefault(name.lower(), (t.model, f"table {name}"))
    for t in ordered:
        found[t.model.lower()] = (t.model, "model")
    return found


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _bases(facts: Sequence[FileFacts], models: set[str]) -> dict[str, list[str]]:
    """The models each model inherits from (abstract bases declare shared fields)."""
    direct = {
        d.name: [b.rsplit(".", 1)[-1] for b in d.bases]
        for f in facts
        for d in f.definitions
        if d.kind is DefinitionKind.CLASS and d.name in models
    }
    found: dict[str, list[str]] = {}
    for model in sorted(direct):
        seen: list[str] = []
        stack = [b for b in direct[model] if b in models and b != model]
        while stack:
            base = stack.pop()
            if base not in seen and base != model:
                seen.append(base)
                stack.extend(b for b in direct.get(base, []) if b in models)
        if seen:
            found[model] = seen
    return found


def current_indexes(facts: Sequence[FileFacts]) -> list[Index]:
    """Indexes models declare, and those migrations leave after replaying them in order.

    A removal drops by name (SQL's `DROP INDEX` names no table, so any table's), else by
    model and columns.
    """
    declared = [i for f in facts if f.migration is None for i in f.indexes if not i.removed]
    state: dict[int, Index] = {}
    by_name: dict[str, set[int]] = {}
    by_columns: dict[tuple[str, tuple[str, ...]], set[int]] = {}
    serial = count()
    for f in ordered_migrations(facts):
        for index in sorted(f.indexes, key=lambda i: (i.line, i.removed)):
            model = index.model.lower()
            if not index.removed:
                key = next(serial)
                state[key] = index
                by_name.setdefault((index.name or "").lower(), set()).add(key)
                by_columns.setdefault((model, index.columns), set()).add(key)
                continue
            named = by_name.get(index.name.lower(), set()) if index.name else set()
            found = named if index.name else by_columns.get((model, index.columns), set())
            for key in list(found):
                if key in state and (not model or state[key].model.lower() == model):
                    del state[key]
    return declared + list(state.values())


def ordered_migrations(facts: Sequence[FileFacts]) -> list[FileFacts]:
    """Migration files, each after those it names (by path among equals); a cycle or an
    unknown dependency never hides a migration."""
    files = {f.migration.id: f for f in sorted(facts, key=lambda f: f.path) if f.migration}
    waiting = {
        key: {a for a in f.migration.after if a in files and a != key}
        for key, f in files.items()
        if f.migration
    }
    followers: dict[str, list[str]] = {}
    for key, after in waiting.items():
        for before in after:
            followers.setdefault(before, []).append(key)
    ready = [(files[k].path, k) for k, after in waiting.items() if not after]
    heapq.heapify(ready)
    done: list[FileFacts] = []
    while len(done) < len(files):
        if not ready:  # a cycle: release its first file by path
            left = min((files[k].path, k) for k in waiting)
            waiting[left[1]].clear()
            ready.append(left)
        _, key = heapq.heappop(ready)
        if key not in waiting:
            continue
        del waiting[key]
        done.append(files[key])
        for follower in followers.get(key, []):
            if follower in waiting:
                waiting[follower].discard(key)
                if not waiting[follower]:
                    heapq.heappush(ready, (files[follower].path, follower))
    return done


def queries(schema: Schema, calls: Sequence[Call]) -> list[Query]:
    """The model columns one query (the calls of one chain) filters or orders by,
    following relation lookups; nothing for a model the schema does not know, nor for a
    name it has no column of (an annotation, a reverse relation)."""
    resolved = []
    for call in calls:
        found = _model_of(schema, call)
        if found is not None:
            model, how = found
            parts = (c.split(LOOKUP_SEPARATOR) for c in call.columns)
            resolved += [_follow(schema, model, p, how) for p in parts]
    unique = list(dict.fromkeys(q for q in resolved if q is not None))
    together = {(q.model, q.column) for q in unique}
    return [replace(q, indexed=_covered(schema, q, together)) for q in unique]


def _has_field(schema: Schema, model: str, name: str) -> bool:
    """Whether `name` is a field of `model`, not a lookup such as `in` or `iexact`."""
    if name in schema.relations.get(model, {}):
        return True
    return name in schema.columns.get(model, ()) or name.removesuffix("_id") in schema.columns.get(
        model, ()
    )


def _covered(schema: Schema, query: Query, together: set[tuple[str, str]]) -> bool:
    """An index covers a column when it leads, or when the columns before it in the index
    are filtered by the same query: (status, created) serves `status=... order by created`."""
    for columns in schema.indexed.get(query.model, ()):
        if query.column in columns:
            before = columns[: columns.index(query.column)]
            if all((query.model, c) in together for c in before):
                return True
    return False


def _model_of(schema: Schema, call: Call) -> tuple[str, str] | None:
    if call.model is not None:
        return schema.aliases.get(call.model.lower())
    name = call.receiver.rsplit(".", 1)[-1]
    if REPOSITORY.search(name):
        entity = REPOSITORY.sub("", name)
        model = schema.aliases.get(entity.lower())
        return (model[0], f"repository {name}") if model else None
    return None


def _follow(schema: Schema, model: str, parts: list[str], how: str) -> Query | None:
    relations = schema.relations.get(model, {})
    known = schema.columns.get(model)
    field = parts[0]
    if field.endswith("_id") and field[:-3] in relations and field[:-3] in (known or ()):
        field = field[:-3]  # Django's `customer_id` is the `customer` field's column
    elif len(parts) == 1 and field in relations and f"{field}_id" in (known or ()):
        field = f"{field}_id"  # ActiveRecord's `customer` is the `customer_id` column
    target = relations.get(field)
    if len(parts) > 1 and target is not None and _has_field(schema, target, parts[1]):
        return _follow(schema, target, parts[1:], f"{how}, via {model}.{field}")
    if (len(parts) > 1 and parts[-1] in UNINDEXABLE) or field in schema.flags.get(model, ()):
        return None  # no plain index serves it: asking for one would be bad advice
    indexed = {c for columns in schema.indexed.get(model, ()) for c in columns}
    if known is not None and field not in known and field not in indexed:
        return None
    return Query(model, field, how)
