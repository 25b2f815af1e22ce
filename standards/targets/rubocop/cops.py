"""Our own checks as custom cops (`rule_templates/rubocop/cops/standards.rb`), with the
settings each enforced standard learned, and the self-test that holds them to it.

The cops' code is the same for every repo; what this repo keeps to is in rubocop.yml.
Verification runs RuboCop with them on the whole repo: every counter-example the
analysis listed must be flagged by its cop at its line, and no example may be.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from importlib import resources

from standards.analyzers import controllers, layering
from standards.languages import ruby
from standards.languages.ruby import autoload, models, orm
from standards.languages.ruby import web as ruby_web
from standards.model import FileFacts, Level, Param, Standard, Violation

FILE_NAME = "cops/standards.rb"
COPS = {
    "layering.direction": "Standards/LayerDirection",
    "controllers.handler-length": "Standards/ActionLength",
    "controllers.delegate-to-services": "Standards/NoQueriesInActions",
    "naming.class-affix": "Standards/ClassAffix",
    "naming.file-affix": "Standards/FileAffix",
}
"""The cop that enforces each kind of standard (its id without the language)."""


def cop_of(s: Standard) -> str | None:
    if s.language != ruby.NAME or "rubocop" not in s.targets or s.level is not Level.ENFORCE:
        return None
    category, _, name = s.id.split(".", 2)
    return COPS.get(f"{category}.{name}") or COPS.get(f"{category}.{name.split('.')[0]}")


def source() -> str:
    path = resources.files("standards.rule_templates") / "rubocop" / "cops" / "standards.rb"
    return path.read_text(encoding="utf-8")


def configured(standards: Sequence[Standard], facts: Sequence[FileFacts]) -> dict[str, object]:
    """Settings of each custom cop some enforced standard needs, by cop name."""
    cops: dict[str, dict[str, object]] = {}
    for s in standards:
        cop = cop_of(s)
        if cop is None:
            continue
        p = s.parameters
        if cop == "Standards/LayerDirection":
            cops[cop] = _layers(s, facts)
        elif cop == "Standards/ActionLength":
            cops[cop] = {
                "Shared": ruby_web.shared(facts),
                "Max": p["max_lines"],
                "Message": f"Action %<name>s is %<length>d lines; this repo keeps actions within "
                f"{p['max_lines']} ({_literal(s.id)}): move its logic into a service or the model.",
            }
        elif cop == "Standards/NoQueriesInActions":
            advice = _literal(controllers.advice(_strings(p["service_paths"])))
            cops[cop] = _query_words(facts) | {
                "Shared": ruby_web.shared(facts),
                "Max": p["max_orm_calls"],
                "Message": "Action %<name>s makes %<count>d ActiveRecord queries; "
                f"{advice} ({_literal(s.id)}).",
            }
        else:
            entry = {"Folders": list(_strings(p["folders"])), "Affix": p["affix"]}
            entry["Position"] = p["position"]
            found = cops.setdefault(cop, _affix_settings(cop))
            found["Entries"].append(entry)  # type: ignore[attr-defined]
    return {name: {"Enabled": True} | value for name, value in sorted(cops.items())}


def self_test(standards: Sequence[Standard], found: Sequence[Violation]) -> tuple[int, list[str]]:
    """(standards checked, where a cop disagrees with its standard's evidence)."""
    flagged = {(v.rule, v.path, v.line) for v in found}
    problems: list[str] = []
    checked = 0
    for s in standards:
        cop = cop_of(s)
        if cop is None:
            continue
        checked += 1
        for e in s.evidence.counter_examples:
            if (cop, e.path, e.line) not in flagged:
                problems.append(f"{cop} misses counter-example {e.path}:{e.line} ({s.id})")
        for e in s.evidence.examples:
            if (cop, e.path, e.line) in flagged:
                problems.append(f"{cop} flags example {e.path}:{e.line} ({s.id})")
    return checked, problems


def _affix_settings(cop: str) -> dict[str, object]:
    noun = "class %<name>s" if cop.endswith("ClassAffix") else "file %<file>s"
    return {
        "Entries": [],
        "TestFiles": list(ruby.ROLES.test_files),
        "Exempt": list(ruby.ROLES.glue_files),
        "Message": f"Give {noun} the %<position>s '%<affix>s' its neighbours in this folder share.",
    }


def _layers(s: Standard, facts: Sequence[FileFacts]) -> dict[str, object]:
    found, edges = s.parameters["layers"], s.parameters["edges"]
    assert isinstance(found, tuple) and isinstance(edges, tuple)
    below = layering.reachable(edges)  # type: ignore[arg-type]
    order = _literal(layering.order(s))
    return {
        "Layers": [
            {"Name": layer["name"], "Paths": list(_strings(layer["paths"]))}
            for layer in found
            if isinstance(layer, Mapping)
        ],
        "Below": {name: sorted(names) for name, names in sorted(below.items())},
        "Roots": roots(f.path for f in facts if f.language == ruby.NAME),
        "TestFolders": sorted(ruby.ROLES.test_folders),
        "TestFiles": list(ruby.ROLES.test_files),
        "Exempt": list(ruby.ROLES.glue_files),
        "Message": "%<own>s must not depend on %<other>s (%<target>s): %<other>s sits above "
        f"%<own>s ({order}; {_literal(s.id)}); move this code up a layer or invert the dependency.",
    }


def roots(paths: Iterable[str]) -> list[str]:
    """The autoload roots the repo's files sit under (`app/models`, `lib`)."""
    found = set()
    for path in paths:
        constant = autoload.autoloaded(path)
        if constant is not None:
            found.add(path[: -len(constant) - 4])
    return sorted(found)


def _query_words(facts: Sequence[FileFacts]) -> dict[str, object]:
    """The query methods the analysis counts (`standards.languages.ruby.orm`) and the
    models the repo declares, on which alone the methods other classes share count, so
    the cop and the analysis count the same calls."""
    return {
        "Distinct": sorted(orm.DISTINCT),
        "OnModel": sorted(orm.ON_MODEL - orm.DISTINCT),
        "NotModels": sorted(orm.NOT_MODELS),
        "Models": sorted({t.model for t in models.declared(facts)}),
    }


def _literal(value: object) -> str:
    """Repo text inside a message RuboCop passes to `format`: `%` stays a character."""
    return str(value).replace("%", "%%")


def _strings(value: Param) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, tuple) else ()
