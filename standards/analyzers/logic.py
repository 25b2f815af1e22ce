"""Where queries live: handlers, model methods and managers, services, repositories or
other functions.

Why: advice to "move queries into a service layer" names a design many repos do not
have; what an agent needs is where this repo keeps its data access, so new code goes
next to the code like it. Every ORM query is placed by what encloses it (a request
handler, a method of a model or manager, a module of a service layer, any other
function) and each place gets its share.
Emits `structure.python.queries` (the places that together hold most queries, with
every place's share and where it is) when the repo has enough queries to say so.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from standards.analyzers import AnalyzerExample, controllers, places, roles
from standards.analyzers.evidence import MIN_CASES, evidence, standard
from standards.languages import Language
from standards.model import (
    CALLABLES,
    Call,
    Definition,
    DefinitionKind,
    Example,
    FileFacts,
    Level,
    Standard,
)

HANDLERS = "views and request handlers"
MODELS = "models and managers"
SERVICES = "services"
REPOSITORIES = "repositories"
OTHERS = "other functions"

DATA_BASES = ("Manager", "QuerySet", "Query", "Repository", "Model", "Record")
"""Class names and base-name endings that mark a class as a model or its query helper."""
CLASS = DefinitionKind.CLASS

VIEW_BASES = ("View", "ViewSet", "Controller", "RequestHandler", "Resource", "Endpoint")
"""Base-name endings of classes that handle requests, in the web frameworks we parse."""

DATA_STEMS = frozenset({"models", "model", "managers", "queries", "querysets", "repositories"})


def analyze(facts: Sequence[FileFacts], language: Language) -> list[Standard]:
    code = [f for f in roles.authored(facts, language.NAME) if not roles.is_test(f.path)]
    models = {c.model for f in code for c in f.calls if c.model}
    placed: dict[str, list[Example]] = defaultdict(list)
    for f in code:
        queries = [call for call in f.calls if call.kind == "orm-query"]
        if not queries:
            continue
        # each query looks for what encloses it among these, not among every definition
        classes = [d for d in f.definitions if d.kind is CLASS and d.parent is None]
        functions = [d for d in f.definitions if d.kind in CALLABLES]
        for call in queries:
            placed[_place(f, call, classes, models)].append(_example(f, call, functions))
    total = sum(len(v) for v in placed.values())
    if total < MIN_CASES:
        return []
    return [_queries(language, placed)]


def _place(f: FileFacts, call: Call, classes: Sequence[Definition], models: set[str]) -> str:
    """A handler, or any code of a class that holds handlers (a view's `get_queryset`,
    its `queryset = ...`), is request handling; then services, models, the rest."""
    owner = _class_around(classes, call.line)
    if any(h.line <= call.line <= h.end_line for h in f.handlers) or (
        owner and _is_view_class(owner, f)
    ):
        return HANDLERS
    kind = controllers.kind_of(f.path)
    if kind is not None:
        return SERVICES if kind == "services" else REPOSITORIES
    if owner is not None and _is_data_class(owner, models):
        return MODELS
    if owner is None and roles.stem(f.path) in DATA_STEMS:
        return MODELS
    return OTHERS


def _is_view_class(cls: Definition, f: FileFacts) -> bool:
    """A class that holds handlers, or derives from a view or controller base."""
    holds = any(cls.line <= h.line <= cls.end_line for h in f.handlers)
    return holds or any(b.rsplit(".", 1)[-1].endswith(VIEW_BASES) for b in cls.bases)


def _class_around(classes: Sequence[Definition], line: int) -> Definition | None:
    """The top-level class (of a file's `classes`) whose lines hold `line`, if any."""
    return next((d for d in classes if d.line <= line <= d.end_line), None)


def _is_data_class(cls: Definition, models: set[str]) -> bool:
    named = cls.name in models or cls.name.endswith(DATA_BASES)
    return named or any(b.rsplit(".", 1)[-1].endswith(DATA_BASES) for b in cls.bases)


def _example(f: FileFacts, call: Call, functions: Sequence[Definition]) -> Example:
    """A query named by what holds it: a function, or a handler written inline (koa's
    `router.post("documents.list", async (ctx) => ...)`), else the module."""
    around = places.enclosing(functions, call.line)
    handler = next((h for h in f.handlers if h.line <= call.line <= h.end_line), None)
    where = around.name if around else handler.name if handler else "module level"
    return Example(f.path, call.line, f"{where}: {call.receiver}.{call.name}()")


def _queries(language: Language, placed: dict[str, list[Example]]) -> Standard:
    total = sum(len(v) for v in placed.values())
    ranked = sorted(placed, key=lambda p: (-len(placed[p]), p))
    homes: list[str] = []
    while sum(len(placed[h]) for h in homes) * 2 <= total:
        homes.append(ranked[len(homes)])
    summary = []
    wheres = {}
    for place in ranked:
        wheres[place], _ = places.pattern([e.path for e in placed[place]])
        share = round(100 * len(placed[place]) / total)
        summary.append(f"{place}: {share}% ({len(placed[place])} queries, most in {wheres[place]})")
    shares = Counter({p: len(v) for p, v in placed.items()})
    return standard(
        f"structure.{language.NAME}.queries",
        language=language.NAME,
        # each home says where most of its queries are: "other functions" names no place
        rule="Write ORM queries where this repo keeps them: "
        + ", ".join(
            f"{h} ({round(100 * len(placed[h]) / total)}%, most in {wheres[h]})" for h in homes
        )
        + ".",
        why="New data access next to the code like it is found, reused and changed in one "
        "place; a query somewhere new starts a second design.",
        parameters={
            "homes": tuple(homes),
            "shares": dict(sorted(shares.items())),
            "summary": tuple(summary),
        },
        ev=evidence(
            [e for h in homes for e in placed[h]],
            [e for p in ranked if p not in homes for e in placed[p]],
        ),
    )


_MODEL = (
    "from django.db import models\n\n\nclass {0}(models.Model):\n"
    "    def recent(self):\n        return {0}.objects.filter(x=1)\n\n"
    "    def old(self):\n        return {0}.objects.exclude(x=1)\n"
)
EXAMPLES = (
    AnalyzerExample(
        files={
            "shop/models.py": _MODEL.format("Order") + "\n\n" + _MODEL.format("Item"),
            "shop/views.py": "def index(request):\n    return Order.objects.all()\n",
        },
        expect={
            "structure.python.queries": (
                Level.ADVISE,
                {"homes": (MODELS,), "shares": {HANDLERS: 1, MODELS: 4}},
            )
        },
    ),
    AnalyzerExample(
        files={"app/tasks.py": "def send(mail):\n    return mail.deliver()\n"},
        expect={},
        absent=("structure.python.queries",),
    ),
)
