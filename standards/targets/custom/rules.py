"""The checks ruff cannot express, each applying one learned standard to one file's facts.

A rule is a small function from an enforced standard and a file's facts to violations;
its id is the standard's id, and its message says what to do instead with the learned
values (the layer order, the threshold, the affix).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from posixpath import basename, dirname

from standards.analyzers import (
    controllers,
    file_roles,
    indexes,
    layering,
    naming,
    places,
    roles,
    tests_layout,
)
from standards.analyzers.indexes.schema import Schema
from standards.model import DefinitionKind, FileFacts, Level, Param, Standard, Violation

Rule = Callable[[Standard, FileFacts], Iterator[Violation]]


def check(standards: Sequence[Standard], facts: FileFacts) -> list[Violation]:
    """Every violation of an enforced, checkable standard of the file's language."""
    if facts.problems:
        return []
    owned = roles.is_tool_owned(facts.path)
    found: list[Violation] = []
    for s in standards:
        rule = rule_for(s)
        if rule is None or s.level is not Level.ENFORCE or s.language != facts.language:
            continue
        if not owned or rule in TOOL_FILE_RULES:
            found.extend(rule(s, facts))
    return sorted(found)


def rule_for(s: Standard) -> Rule | None:
    """The check `standards check` runs for a standard it enforces."""
    return rule_of(s) if "standards-check" in s.targets else None


def rule_of(s: Standard) -> Rule | None:
    """The check of a standard by its id without the language
    (`naming.python.class-affix.app-services` -> `naming.class-affix`), whoever runs it."""
    category, _, name = s.id.split(".", 2)
    return RULES.get(f"{category}.{name}") or RULES.get(f"{category}.{name.split('.')[0]}")


def _violation(s: Standard, facts: FileFacts, line: int, message: str) -> Violation:
    return Violation(facts.path, line, s.id, message, "standards")


def _layer_of(layers: Sequence[object], path: str) -> str | None:
    for layer in layers:
        assert isinstance(layer, dict)
        for prefix in layer["paths"]:
            if path == prefix or path.startswith(prefix + "/"):
                return str(layer["name"])
    return None


def _layering(s: Standard, facts: FileFacts) -> Iterator[Violation]:
    layers, edges = s.parameters["layers"], s.parameters["edges"]
    assert isinstance(layers, tuple) and isinstance(edges, tuple)
    own = _layer_of(layers, facts.path)
    if own is None:
        return
    below = layering.reachable(edges)  # type: ignore[arg-type]
    for i in facts.imports:
        if i.target is None or not layering.counts(facts.path, i.target):
            continue
        target = _layer_of(layers, i.target)
        if target is not None and own in below[target]:
            yield _violation(
                s,
                facts,
                i.line,
                f"{own} must not import {target} ({i.target}): {target} sits above {own} "
                f"({layering.order(s)}); move this code up a layer "
                "or invert the dependency",
            )


def _handler_length(s: Standard, facts: FileFacts) -> Iterator[Violation]:
    limit = int(str(s.parameters["max_lines"]))
    for h in facts.handlers:
        if h.length > limit:
            yield _violation(
                s,
                facts,
                h.line,
                f"handler {h.name} is {h.length} lines (this repo keeps handlers within "
                f"{limit}); move its logic into a service or helper",
            )


def _delegate(s: Standard, facts: FileFacts) -> Iterator[Violation]:
    services = s.parameters["service_paths"]
    limit = int(str(s.parameters["max_orm_calls"]))
    for h in facts.handlers:
        calls = controllers.orm_calls(facts, h)
        if services and calls > limit:
            listed = tuple(map(str, services)) if isinstance(services, tuple) else ()
            advice = controllers.advice(listed)
            yield _violation(
                s, facts, h.line, f"handler {h.name} makes {calls} ORM calls; {advice}"
            )


def _has_affix(name: str, s: Standard) -> bool:
    affix, position = str(s.parameters["affix"]), s.parameters["position"]
    return name.endswith(affix) if position == "suffix" else name.startswith(affix)


def _folders(s: Standard) -> tuple[Param, ...]:
    folders = s.parameters["folders"]
    assert isinstance(folders, tuple)
    return folders


def _class_affix(s: Standard, facts: FileFacts) -> Iterator[Violation]:
    folder = dirname(facts.path)
    if folder not in _folders(s) or roles.is_test_file(facts.path):
        return
    for d in facts.definitions:
        if places.top_class(d) and not _has_affix(d.name, s):
            yield _violation(
                s,
                facts,
                d.line,
                f"class {d.name} in {folder}/ should have the "
                f"{s.parameters['position']} {s.parameters['affix']!r} like its neighbours",
            )


def _file_affix(s: Standard, facts: FileFacts) -> Iterator[Violation]:
    stem = roles.stem(facts.path)
    folder = dirname(facts.path)
    if folder not in _folders(s) or roles.is_glue(facts.path):
        return
    if not roles.is_test_file(facts.path) and not _has_affix(stem, s):
        message = (
            f"module {basename(facts.path)} in {folder}/ should have the "
            f"{s.parameters['position']} {s.parameters['affix']!r} like its neighbours"
        )
        yield _violation(s, facts, 1, message).whole_file()


def _file_role(s: Standard, facts: FileFacts) -> Iterator[Violation]:
    name, base = str(s.parameters["file"]), str(s.parameters["base"])
    affix, position = str(s.parameters["affix"]), str(s.parameters["position"])
    if basename(facts.path) != name or roles.is_test(facts.path):
        return
    for d in facts.definitions:
        if places.top_class(d) and not file_roles.follows(d, affix, position, base):
            derive = f" and derive from {base}" if base else ""
            yield _violation(
                s,
                facts,
                d.line,
                f"class {d.name} in a {name} should have the {position} {affix!r}{derive} "
                f"like the classes of every other {name}",
            )


def _module_case(s: Standard, facts: FileFacts) -> Iterator[Violation]:
    stem = roles.base_name(facts.path)
    style = str(s.parameters["style"])
    if not roles.is_glue(facts.path) and not naming.fits(stem, style):
        message = f"rename module {stem} to {style} like the repo's others"
        yield _violation(s, facts, 1, message).whole_file()


def _constant_case(s: Standard, facts: FileFacts) -> Iterator[Violation]:
    style = str(s.parameters["style"])
    for d in facts.definitions:
        constant = d.kind is DefinitionKind.CONSTANT and not d.name.startswith("__")
        if constant and not naming.fits(d.name, style):
            yield _violation(
                s, facts, d.line, f"rename constant {d.name} to {style} like the repo's others"
            )


def _test_layout(s: Standard, facts: FileFacts) -> Iterator[Violation]:
    pattern, layout = str(s.parameters["pattern"]), str(s.parameters["layout"])
    if roles.is_test_file(facts.path) and not tests_layout.follows(facts.path, pattern, layout):
        message = (
            f"put this test at {s.parameters['template']} like the repo's other tests, "
            "where its runner and readers look for them"
        )
        yield _violation(s, facts, 1, message).whole_file()


def _case_of(kind: str) -> Rule:
    """The check that names of `kind` (methods, classes) take the learned case, as the
    naming analyzer judges them: ESLint has no rule for them in JavaScript."""

    def check(s: Standard, facts: FileFacts) -> Iterator[Violation]:
        style = str(s.parameters["style"])
        test_file = roles.is_test_file(facts.path)
        for d in facts.definitions:
            found = naming.judged_as(d, test_file)
            if found is not None and found[0] == kind and not naming.fits(found[1], style):
                yield _violation(
                    s, facts, d.line, f"rename {kind} {d.name} to {style} like the repo's others"
                )

    return check


def _queried_columns(s: Standard, facts: FileFacts) -> Iterator[Violation]:
    if roles.is_test(facts.path):
        return
    schema = Schema.of(s.parameters["schema"])  # type: ignore[arg-type]
    for site in indexes.file_sites(schema, facts):
        if not site.served:
            columns = ", ".join(f"{q.model}.{q.column}" for q in site.queries)
            yield _violation(
                s,
                facts,
                site.line,
                f"no index covers what this query filters on ({columns}; "
                f"{site.queries[0].how}); this repo filters on indexed columns: add the "
                "index in the same change, or filter on an indexed column",
            )


def _foreign_keys(s: Standard, facts: FileFacts) -> Iterator[Violation]:
    for _, line, model, column, indexed in indexes.migration_keys(facts):
        if not indexed:
            yield _violation(
                s,
                facts,
                line,
                f"this migration adds the reference column {model}.{column} without an index; "
                "this repo indexes the references it adds: index it in the same migration",
            )


RULES: dict[str, Rule] = {
    "layering.direction": _layering,
    "controllers.handler-length": _handler_length,
    "controllers.delegate-to-services": _delegate,
    "naming.class-affix": _class_affix,
    "naming.file-affix": _file_affix,
    "naming.file-role": _file_role,
    "naming.module-case": _module_case,
    "naming.constant-case": _constant_case,
    "tests.layout": _test_layout,
    "naming.method-case": _case_of("method"),
    "naming.class-case": _case_of("class"),
    "indexes.queried-columns": _queried_columns,
    "indexes.foreign-keys": _foreign_keys,
}
TOOL_FILE_RULES = frozenset([_foreign_keys])
"""Rules about files a tool writes (migrations); the others leave those files alone."""
