"""Recipes: where a new endpoint, model or background job goes, told by the existing ones.

Why: the commonest changes to a repo add one more of something it already has many of.
Where the existing ones live (as a pattern, `<app>/views.py`), what they derive from or
are decorated with, and one typical example to copy answer the first questions an agent
has; a recipe is only written where the repo has enough of them to show it.
Emits `structure.python.recipe.endpoint`, `.model` and `.job`, each with `steps`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from standards.analyzers import AnalyzerExample, places, roles
from standards.analyzers.evidence import MIN_CASES, evidence, standard
from standards.languages import Language
from standards.model import Definition, DefinitionKind, Example, FileFacts, Handler, Level, Standard

JOB_DECORATORS = ("task", "shared_task", "actor", "job", "periodic_task", "cron")
"""Decorator names (last dotted part, before any call) that make a function a job."""

JOB_BASES = ("Job", "Worker")
"""Base-name endings that make a class a background job (ActiveJob, Sidekiq); a class
deriving from Celery's `Task` is a base for jobs, not one."""

Step = tuple[str, ...]
"""Text and code in turn: even parts are prose, odd parts are paths or names."""


ROUTED = frozenset(["route-decorator", "nestjs", "nextjs", "file"])
"""Frameworks whose handlers carry their route: no separate place registers them."""


def analyze(facts: Sequence[FileFacts], language: Language) -> list[Standard]:
    code = [f for f in roles.authored(facts, language.NAME) if not roles.is_test(f.path)]
    found = [_endpoint(language, code), _model(language, code, facts), _job(language, code)]
    return [s for s in found if s is not None]


def _located(cases: list[Example]) -> tuple[str, list[Example], list[Example]] | None:
    """The pattern most cases live at, with the cases inside and outside it."""
    if len(cases) < MIN_CASES:
        return None
    where, _ = places.pattern([c.path for c in cases])
    inside = [c for c in cases if places.fits(c.path, where)]
    return where, inside, [c for c in cases if c not in inside]


def _typical(inside: list[Example], lengths: dict[tuple[str, int], int]) -> Example:
    """The case of median length in the file with the most of them: neither the
    smallest stub nor the biggest outlier of the file most like the pattern."""
    per_file = Counter(c.path for c in inside)
    busiest = min(per_file, key=lambda path: (-per_file[path], path))
    ordered = sorted((lengths[c.path, c.line], c) for c in inside if c.path == busiest)
    return ordered[(len(ordered) - 1) // 2][1]


def _like(where: str, like: Example) -> tuple[str, ...]:
    """ ", like `name` in `path`", leaving the path out when the pattern is that file."""
    return (", like ", like.detail) + (() if like.path == where else (" in ", like.path))


def _endpoint(language: Language, code: list[FileFacts]) -> Standard | None:
    cases = [Example(f.path, h.line, h.name) for f in code for h in f.handlers]
    found = _located(cases)
    if found is None:
        return None
    where, inside, outside = found
    lengths = {(f.path, h.line): h.length for f in code for h in f.handlers}
    like = _typical(inside, lengths)
    steps: list[Step] = [("Write the handler in ", where, *_like(where, like), ".")]
    routes = [Example(f.path, r.line, r.view) for f in code for r in f.routes]
    placed = {(c.path, c.line) for c in inside}
    routed = [h for f in code for h in f.handlers if (f.path, h.line) in placed and _routed(h)]
    if routes and len(routed) * 2 <= len(inside):  # else most handlers carry their route
        registered, _ = places.pattern([r.path for r in routes])
        steps.append(("Register its route in ", registered, "."))
    return _recipe(language, "endpoint", "a new endpoint", where, steps, inside, outside)


def _routed(h: Handler) -> bool:
    """A handler whose route is where it is written: a decorator (`@app.get("/x")`,
    Nest's `@Get`), the file it is in (Next.js, file routers), or a registration that
    holds the function itself (`router.get("/x", (req, res) => ...)`, named for it)."""
    inline = h.route is not None and h.name.endswith(f" {h.route}")
    return h.framework in ROUTED or inline


def _model(
    language: Language, code: list[FileFacts], facts: Sequence[FileFacts]
) -> Standard | None:
    queried = {c.model for f in code for c in f.calls if c.model}
    cases = [
        (f.path, d)
        for f in code
        for d in f.definitions
        if d.name in queried and places.top_class(d)
    ]
    found = _located([Example(p, d.line, d.name) for p, d in cases])
    if found is None:
        return None
    where, inside, outside = found
    base = _common_base([d for p, d in cases if places.fits(p, where)])
    derived = [Example(p, d.line, d.name) for p, d in cases if not base or base in d.bases]
    models = [c for c in inside if c in derived] or inside  # a model like the step says
    like = _typical(models, {(p, d.line): d.length for p, d in cases})
    derive = (" deriving from ", base, " in ") if base else (" in ",)
    steps: list[Step] = [("Define a class ", "<Name>", *derive, where, *_like(where, like), ".")]
    migrations = [f.path for f in facts if f.language == language.NAME and f.migration]
    if folders := _migration_folders(migrations):
        steps.append(("Generate its migration into ", folders + "/", " like the others."))
    return _recipe(language, "model", "a new model", where, steps, inside, outside)


def _migration_folders(migrations: Sequence[str]) -> str:
    """The tool folders holding migrations (not Rails' config/initializers) said as one,
    or the one holding most where they share no folder to name (CTFd's `migrations/`
    beside a plugin's `CTFd/plugins/<plugin>/migrations/` made `.../`)."""
    tool = roles.tool_owned_folders(migrations)
    said = places.folders_pattern(sorted(tool)) if tool else ""
    if any(part not in {"...", "<package>"} for part in said.split("/")):
        return said
    held = Counter(t for path in migrations for t in tool if path.startswith(t + "/"))
    return held.most_common(1)[0][0]


def _common_base(classes: list[Definition]) -> str:
    counts = Counter(b for d in classes for b in d.bases)
    base, count = min(counts.items(), key=lambda i: (-i[1], i[0]), default=("", 0))
    return base if count * 2 > len(classes) else ""


def _job_kind(d: Definition) -> str | None:
    """How a definition is made a job: its decorator or its base, if it is one."""
    if d.kind in places.CALLABLES and d.parent is None:
        for decorator in d.decorators:
            name = decorator.lstrip("@").split("(", 1)[0]
            if name.rsplit(".", 1)[-1] in JOB_DECORATORS:
                return "@" + name
    if d.kind is DefinitionKind.CLASS and any(b.endswith(JOB_BASES) for b in d.bases):
        return next(b for b in d.bases if b.endswith(JOB_BASES))
    return None


def _job(language: Language, code: list[FileFacts]) -> Standard | None:
    jobs = [(f.path, d, kind) for f in code for d in f.definitions if (kind := _job_kind(d))]
    found = _located([Example(p, d.line, d.name) for p, d, _ in jobs])
    if found is None:
        return None
    where, inside, outside = found
    kind = Counter(k for _, _, k in jobs).most_common(1)[0][0]
    lengths = {(p, d.line): d.length for p, d, _ in jobs}
    alike = {(p, d.line) for p, d, k in jobs if k == kind}
    like = _typical([c for c in inside if (c.path, c.line) in alike] or inside, lengths)
    how = ", decorated with " if kind.startswith("@") else ", deriving from "
    steps: list[Step] = [("Write the job in ", where, how, kind, *_like(where, like), ".")]
    return _recipe(language, "job", "a new background job", where, steps, inside, outside)


def _recipe(
    language: Language,
    name: str,
    what: str,
    where: str,
    steps: list[Step],
    inside: list[Example],
    outside: list[Example],
) -> Standard:
    return standard(
        f"structure.{language.NAME}.recipe.{name}",
        language=language.NAME,
        rule=f"Add {what} where the others are: {where}.",
        why="New code next to the code like it is found by readers and by the tools that "
        "collect it (routers, migrations, workers).",
        parameters={"where": where, "title": f"How to add {what}", "steps": tuple(steps)},
        ev=evidence(inside, outside),
    )


EXAMPLES = (
    AnalyzerExample(
        files={
            **{
                f"{app}/models.py": f"class {app.title()}(models.Model):\n    pass\n"
                for app in ("shop", "blog", "news", "poll", "wiki")
            },
            "shop/services.py": "def load():\n    return [Shop.objects.all(), Blog.objects.all(),"
            " News.objects.all(), Poll.objects.all(), Wiki.objects.all()]\n",
            "shop/tasks.py": "".join(f"@shared_task\ndef job_{i}():\n    pass\n" for i in range(5)),
        },
        expect={
            "structure.python.recipe.model": (
                Level.ENFORCE,
                {"where": "<package>/models.py"},
            ),
            "structure.python.recipe.job": (Level.ENFORCE, {"where": "shop/tasks.py"}),
        },
    ),
    AnalyzerExample(  # a queryset among the models is queried too, but is no model to copy
        files={
            "app/__init__.py": "",
            "app/models.py": "from django.db import models\n\n\n"
            + "".join(
                f"class {name}(models.Model):\n"
                + "".join(f"    f{i} = models.TextField()\n" for i in range(fields))
                + "\n\n"
                + (
                    "class BetaQuerySet(models.QuerySet):\n    def open(self):\n"
                    "        return self.filter(f0=1)\n\n\n"
                    if name == "Beta"
                    else ""
                )
                for name, fields in (("Alpha", 1), ("Beta", 2), ("Gamma", 4), ("Delta", 5))
            )
            + "class Epsilon(models.Model):\n    f0 = models.TextField()\n    f1 = 1\n    f2 = 2\n"
            "    f3 = 3\n    f4 = 4\n    f5 = 5\n",
            "app/views.py": "from app.models import Alpha, Beta, Delta, Epsilon, Gamma\n\n\n"
            "def a(request):\n    return ["
            + ", ".join(
                f"{m}.objects.filter(f0=1)" for m in ("Alpha", "Beta", "Gamma", "Delta", "Epsilon")
            )
            + "]\n",
        },
        expect={
            "structure.python.recipe.model": (
                Level.ENFORCE,
                {
                    "steps": (
                        (
                            "Define a class ",
                            "<Name>",
                            " deriving from ",
                            "models.Model",
                            " in ",
                            "app/models.py",
                            ", like ",
                            "Gamma",
                            ".",
                        ),
                    )
                },
            )
        },
    ),
    AnalyzerExample(  # Rails: migrations go to db/migrate, not among the initializers
        files={
            **{
                f"app/models/{name}.rb": f"class {name.title()} < ApplicationRecord\nend\n"
                for name in ("order", "user", "product", "invoice", "shipment")
            },
            "app/services/report.rb": "class Report\n  def rows\n    ["
            + ", ".join(f"{m}.where(id: 1)" for m in ("Order", "User", "Product", "Invoice"))
            + ", Shipment.find_by(id: 2)]\n  end\nend\n",
            "db/migrate/20240101000000_create_orders.rb": "class CreateOrders < "
            "ActiveRecord::Migration[7.1]\n  def change\n    create_table :orders\n  end\nend\n",
            "config/initializers/mailer.rb": "Rails.application.config.x.mail = 1\n",
        },
        expect={
            "structure.ruby.recipe.model": (
                Level.ENFORCE,
                {
                    "steps": (
                        (
                            "Define a class ",
                            "<Name>",
                            " deriving from ",
                            "ApplicationRecord",
                            " in ",
                            "app/models/<name>.rb",
                            ", like ",
                            "Invoice",
                            " in ",
                            "app/models/invoice.rb",
                            ".",
                        ),
                        ("Generate its migration into ", "db/migrate/", " like the others."),
                    )
                },
            )
        },
    ),
    AnalyzerExample(  # the app's alembic migrations beside a plugin's: the app's folder
        files={
            "app/__init__.py": "",
            "app/models.py": "".join(
                f"class {n}(db.Model):\n    id = db.Column(db.Integer)\n" for n in "ABCDE"
            ),
            "app/views.py": "def show():\n    return "
            + " + ".join(f"{n}.query.filter_by(id=1).all()" for n in "ABCDE")
            + "\n",
            **{
                f"migrations/versions/{n}_rev.py": f"revision = '{n}'\ndown_revision = None\n"
                for n in ("a1", "b2", "c3")
            },
            "app/plugins/votes/migrations/4d_rev.py": "revision = '4d'\ndown_revision = None\n",
        },
        expect={
            "structure.python.recipe.model": (
                Level.ENFORCE,
                {
                    "steps": (
                        (
                            "Define a class ",
                            "<Name>",
                            " deriving from ",
                            "db.Model",
                            " in ",
                            "app/models.py",
                            ", like ",
                            "C",
                            ".",
                        ),
                        ("Generate its migration into ", "migrations/", " like the others."),
                    )
                },
            )
        },
    ),
    AnalyzerExample(  # Flask's handlers carry their route: no step to register one
        files={
            "app/__init__.py": "",
            "app/routes.py": "".join(
                f'@bp.route("/{n}")\ndef {n}():\n    return {n!r}\n\n\n' for n in "abcdef"
            ),
            "app/plugin.py": "from app.tools import run\n\n\n"
            'bp.add_url_rule("/run", view_func=run)\n',
            "app/tools.py": "def run():\n    return 1\n",
        },
        expect={
            "structure.python.recipe.endpoint": (
                Level.ENFORCE,
                {
                    "steps": (
                        (
                            "Write the handler in ",
                            "app/<name>.py",
                            ", like ",
                            "c",
                            " in ",
                            "app/routes.py",
                            ".",
                        ),
                    )
                },
            )
        },
    ),
)
