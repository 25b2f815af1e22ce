"""Our own checks as rules of the generated ESLint plugin, with the options each standard
learned, and the cases that prove them on the repo's own code.

The plugin's code is the same for every repo (`rule_templates/eslint/plugin.mjs`); what
this repo keeps to is in the options. The cases come from each standard's examples and
counter-examples, and the lines each must fail on come from our Python implementation of
the same check, so the plugin is held to exactly what the analysis found.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from posixpath import splitext

from standards.analyzers import controllers, layering, naming, roles
from standards.languages import LANGUAGES
from standards.languages.javascript import FAMILY, orm
from standards.model import CALLABLES, FileFacts, Level, Param, Standard, Violation
from standards.targets.custom import rules as reference

PLUGIN = {
    "layering.direction": "layers",
    "controllers.handler-length": "handler-length",
    "controllers.delegate-to-services": "no-queries-in-handlers",
    "naming.class-affix": "class-affix",
    "naming.file-affix": "file-affix",
    "naming.module-case": "module-case",
    "naming.constant-case": "constant-case",
    "naming.method-case": "method-case",
    "naming.class-case": "class-case",
}
"""The plugin rule that enforces each kind of standard (its id without the language)."""
TYPESCRIPT_NAMED = frozenset(["method-case", "class-case"])
"""Rules typescript-eslint's naming-convention holds for TypeScript, which needs its
parser: the plugin's only check JavaScript."""
MESSAGES = {
    "layers": "upward",
    "handler-length": "long",
    "no-queries-in-handlers": "queries",
    "class-affix": "affix",
    "file-affix": "affix",
    "module-case": "style",
    "constant-case": "style",
    "method-case": "style",
    "class-case": "style",
}
"""The one message each plugin rule reports, which its RuleTester cases expect."""
GROUPED = frozenset(["class-affix", "file-affix"])
"""Rules configured once with one entry per standard (one per folder role)."""


def plugin_rule(s: Standard) -> str | None:
    if "eslint" not in s.targets or s.level is not Level.ENFORCE:
        return None
    category, _, name = s.id.split(".", 2)
    rule = PLUGIN.get(f"{category}.{name}") or PLUGIN.get(f"{category}.{name.split('.')[0]}")
    return None if rule in TYPESCRIPT_NAMED and s.language != "javascript" else rule


def configured(
    standards: Sequence[Standard], facts: Sequence[FileFacts], language: str
) -> dict[str, object]:
    """`standards/<rule>` settings for the enforced checks of one language."""
    rules: dict[str, object] = {}
    for s in standards:
        rule = plugin_rule(s) if s.language == language else None
        if rule is None:
            continue
        option = _option(rule, s, facts, language)
        if rule in GROUPED:
            existing = rules.setdefault(
                f"standards/{rule}", ["error", {"entries": [], "exempt": _glue(language)}]
            )
            existing[1]["entries"].append(option)  # type: ignore[index]
        else:
            rules[f"standards/{rule}"] = ["error", option]
    return rules


def cases(
    standards: Sequence[Standard],
    facts: Sequence[FileFacts],
    language: str,
    settings: Mapping[str, object],
) -> list[dict[str, object]]:
    """RuleTester cases per plugin rule: example files valid, counter-examples failing."""
    by_path = {f.path: f for f in facts}
    found: list[dict[str, object]] = []
    for name, setting in sorted(settings.items()):
        rule = name.removeprefix("standards/")
        chosen = [s for s in standards if plugin_rule(s) == rule and s.language == language]
        valid, invalid = _split(chosen, by_path)
        if valid or invalid:
            options = list(setting[1:]) if isinstance(setting, list) else []
            found.append(
                {
                    "rule": rule,
                    "message": MESSAGES[rule],
                    "options": options,
                    "valid": valid,
                    "invalid": invalid,
                }
            )
    return found


def _split(
    chosen: Sequence[Standard], by_path: Mapping[str, FileFacts]
) -> tuple[list[str], list[list[object]]]:
    paths = sorted(
        {e.path for s in chosen for e in (*s.evidence.examples, *s.evidence.counter_examples)}
    )
    valid: list[str] = []
    invalid: list[list[object]] = []
    for path in paths:
        facts = by_path.get(path)
        if facts is None or facts.problems:
            continue
        lines = sorted(v.line for s in chosen for v in _expected(s, facts))
        if lines:
            invalid.append([path, lines])
        else:
            valid.append(path)
    return valid, invalid


def _expected(s: Standard, facts: FileFacts) -> Iterator[Violation]:
    check = reference.rule_of(s)
    if check is not None and not roles.is_tool_owned(facts.path):
        yield from check(s, facts)


def _option(rule: str, s: Standard, facts: Sequence[FileFacts], language: str) -> dict[str, object]:
    p = s.parameters
    if rule == "layers":
        return _layers(s, facts)
    if rule == "handler-length":
        return {"max": p["max_lines"], "registered": _registered(facts, language), "id": s.id}
    if rule == "no-queries-in-handlers":
        advice = controllers.advice(_strings(p["service_paths"]))
        registered, foreign = _registered(facts, language), _foreign(facts)
        return {"advice": advice, "registered": registered, "foreign": foreign, "id": s.id}
    if rule in GROUPED:
        return {
            "folders": list(_strings(p["folders"])),
            "affix": p["affix"],
            "position": p["position"],
            "id": s.id,
        }
    if rule == "module-case":
        return {"style": p["style"], "exempt": _glue(language), "id": s.id}
    if rule in TYPESCRIPT_NAMED:
        return {"style": p["style"], "fixed": sorted(naming.FIXED_NAMES), "id": s.id}
    return {"style": p["style"], "id": s.id}


def _registered(facts: Sequence[FileFacts], language: str) -> dict[str, list[str]]:
    """The functions routes name by reference, by file (`app.get("/x", users.show)` with
    `show` in users.js): the analysis links them across files, a rule reads one file."""
    found: dict[str, list[str]] = {}
    for f in facts:
        if f.language != language:
            continue
        defined = {(d.line, d.name) for d in f.definitions if d.kind in CALLABLES}
        named = {
            h.name for h in f.handlers if h.framework == "express" and (h.line, h.name) in defined
        }
        if named:
            found[f.path] = sorted(named)
    return found


def _foreign(facts: Sequence[FileFacts]) -> dict[str, list[str]]:
    """The package classes each file with handlers imports, by file, whose calls the
    analysis takes for no query (`orm.packaged`); the plugin cannot resolve an import."""
    own = orm.own([f for f in facts if f.language in FAMILY])
    found = {f.path: orm.packaged(f, own) for f in facts if f.handlers}
    return {path: names for path, names in sorted(found.items()) if names}


def _layers(s: Standard, facts: Sequence[FileFacts]) -> dict[str, object]:
    found = s.parameters["layers"]
    edges = s.parameters["edges"]
    assert isinstance(found, tuple) and isinstance(edges, tuple)
    below = layering.reachable(edges)  # type: ignore[arg-type]
    layers = [layer for layer in found if isinstance(layer, Mapping)]
    return {
        "layers": [
            {"name": layer["name"], "paths": list(_strings(layer["paths"]))} for layer in layers
        ],
        "below": {name: sorted(names) for name, names in sorted(below.items())},
        "aliases": _aliases(facts, s.language),
        "order": layering.order(s),
        "id": s.id,
    }


def _aliases(facts: Sequence[FileFacts], language: str) -> list[list[str]]:
    """Specifier prefixes that stand for repo folders (`@app/` -> `src/`), from imports
    the analysis resolved, so the plugin resolves them as tsconfig `paths` do."""
    pairs: set[tuple[str, str]] = set()
    for f in facts:
        for i in f.imports:
            if i.target is None or i.relative or f.language != language:
                continue
            module, target = (
                i.module.split("/"),
                splitext(i.target)[0].removesuffix("/index").split("/"),
            )
            shared = 0
            while (
                shared < min(len(module), len(target)) - 1
                and module[-1 - shared] == target[-1 - shared]
            ):
                shared += 1
            if shared:
                pairs.add(("/".join(module[:-shared]) + "/", "/".join(target[:-shared]) + "/"))
    return [list(pair) for pair in sorted(pairs)]


def _glue(language: str) -> list[str]:
    return sorted(LANGUAGES[language].ROLES.glue_files)


def _strings(value: Param) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, tuple) else ()
