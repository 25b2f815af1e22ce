"""Controllers: how long request handlers are, and whether they leave queries to services.

Why: a handler that parses a request, calls a service and renders a response is easy to
test and to read; one that also queries the database and branches on business rules is
where logic gets duplicated. The length limit comes from the repo's own handlers (their
95th percentile, like every learned size), so the fat ones are the outliers of this repo,
not of a textbook.
Emits `controllers.python.handler-length` and `controllers.python.delegate-to-services`
(advice only when the repo has no service layer to delegate to).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from posixpath import dirname

from standards.analyzers import AnalyzerExample, places, roles
from standards.analyzers.evidence import (
    MAX_EXAMPLES,
    MIN_CASES,
    evidence,
    limit,
    percentile,
    standard,
)
from standards.languages import Language, language_for
from standards.model import Evidence, Example, FileFacts, Handler, Level, Standard

MIN_HANDLERS = 3
SAID_ONE_BY_ONE = 3
"""Service places a rule names one by one; more are said as the pattern they share."""
LENGTH_FLOOR = 15
"""Never learn a handler limit below this many lines."""

SERVICE_NAMES = frozenset({"services", "service", "use_cases", "usecases", "interactors"})
SERVICE_STEM = re.compile(r"[._-]services?$|[a-z]Services?$")
"""A module named for a service: `user_service`, `user.service`, `UserService`."""
REPOSITORY_NAMES = frozenset({"repositories", "repository", "repos", "dao", "crud"})
REPOSITORY_STEM = re.compile(r"^(repository|dao)_|[._-](repository|dao)$|[a-z]Repository$")
"""Data access behind repositories: mealie's `repos/repository_recipes.py`, the FastAPI
template's `crud.py`, `user.repository.ts`."""
KINDS = {
    "services": (SERVICE_NAMES, SERVICE_STEM),
    "repositories": (REPOSITORY_NAMES, REPOSITORY_STEM),
}

Found = tuple[str, Handler, int | None]
"""(file, handler, ORM calls inside it, or None in a repo without ORM queries)."""


def analyze(facts: Sequence[FileFacts], language: Language) -> list[Standard]:
    # a test's stub server is no handler of the app (parse-server's were all in spec/)
    authored = [f for f in roles.authored(facts, language.NAME) if not roles.is_test(f.path)]
    # a handful of calls that look like queries (an HTTP session's `get`) is nothing to
    # measure: a repo needs as many as the queries standard does to be told where they go
    queries = sum(c.kind == "orm-query" for f in authored for c in f.calls) >= MIN_CASES
    handlers = [
        (f.path, h, orm_calls(f, h) if queries else None) for f in authored for h in f.handlers
    ]
    if len(handlers) < MIN_HANDLERS:
        return []
    lang = language.NAME
    checker = language.CHECKER
    services = _service_paths(authored)
    found = [_length(lang, checker, handlers)]
    if services and queries:  # a remedy names a place the repo has, for code it has
        found.append(_delegation(lang, checker, handlers, services))
    return found


def orm_calls(facts: FileFacts, handler: Handler) -> int:
    """ORM queries made inside the handler's own lines."""
    return sum(
        1
        for c in facts.calls
        if c.kind == "orm-query" and handler.line <= c.line <= handler.end_line
    )


def _detail(h: Handler, orm: int | None) -> str:
    """A handler's size, and its ORM calls where the repo has an ORM to call."""
    return f"{h.name}: {h.length} lines" + ("" if orm is None else f", {orm} ORM calls")


def _length(lang: str, checker: str, handlers: list[Found]) -> Standard:
    lengths = [h.length for _, h, _ in handlers]
    learned = limit(lengths, LENGTH_FLOOR)
    good = sorted(Example(p, h.line, _detail(h, n)) for p, h, n in handlers if h.length <= learned)
    fat = sorted((x for x in handlers if x[1].length > learned), key=lambda x: -x[1].length)
    ev = Evidence(
        len(good),
        len(handlers),
        tuple(good[:MAX_EXAMPLES]),
        tuple(Example(p, h.line, _detail(h, n)) for p, h, n in fat[:MAX_EXAMPLES]),
    )
    return standard(
        f"controllers.{lang}.handler-length",
        language=lang,
        rule=f"Keep request handlers at most {learned} lines; move logic out of them.",
        why="Short handlers only translate HTTP to calls; long ones hide business logic "
        "where it cannot be reused or tested without a request.",
        parameters={
            "max_lines": learned,
            "p50": percentile(lengths, 0.5),
            "p90": percentile(lengths, 0.9),
        },
        ev=ev,
        targets=(checker, "playbook"),
    )


def kind_of(path: str) -> str | None:
    """ "services" or "repositories" where a module's folders or name say it is one."""
    folders = set(path.split("/")[:-1])
    stem = roles.stem(path)
    for kind, (names, named) in KINDS.items():
        if folders & names or stem in names or named.search(stem):
            return kind
    return None


def _service_paths(facts: Sequence[FileFacts]) -> tuple[str, ...]:
    """Service or repository modules or folders that files with handlers import."""
    found = set()
    for f in facts:
        if not f.handlers:
            continue
        for i in f.imports:
            kind = kind_of(i.target) if i.target is not None else None
            if i.target is None or kind is None:
                continue
            names = KINDS[kind][0]
            folders = i.target.split("/")[:-1]
            named = [n for n, part in enumerate(folders) if part in names]
            stem = roles.stem(i.target)
            if named:
                found.add("/".join(folders[: named[-1] + 1]))
            else:
                found.add(i.target if stem in names else dirname(i.target) or ".")
    return tuple(sorted(found))


def _delegation(
    lang: str, checker: str, handlers: list[Found], services: tuple[str, ...]
) -> Standard:
    good = [Example(p, h.line, _detail(h, n)) for p, h, n in handlers if not n]
    bad = [Example(p, h.line, _detail(h, n)) for p, h, n in handlers if n]
    return standard(
        f"controllers.{lang}.delegate-to-services",
        language=lang,
        rule=f"Keep ORM queries out of request handlers; call {callee(services)} in "
        f"{said(services)}.",
        why="Queries in handlers duplicate data access across endpoints and tie HTTP code "
        "to the schema.",
        parameters={"service_paths": services, "max_orm_calls": 0},
        ev=evidence(good, bad),
        targets=(checker, "playbook"),
    )


def callee(services: tuple[str, ...]) -> str:
    """What a handler calls instead of querying, by the kinds of place the repo has."""
    kinds = {kind_of(f"{p}/x.py") or kind_of(p) for p in services}
    if "repositories" not in kinds:
        return "a service"
    return "a service or repository" if "services" in kinds else "a repository"


def advice(services: tuple[str, ...]) -> str:
    """What a handler that queries is told, by every tool that checks it: where this
    repo queries, and what to call instead."""
    return f"this repo queries elsewhere ({said(services)}): call {callee(services)} instead"


def said(services: tuple[str, ...]) -> str:
    """The services as one pattern where one covers them all (Lemur's twenty
    `lemur/<package>/service.py`, RealWorld's `src/app/routes/<package>` folders), else
    as the few patterns that cover the most of them (polar's hundred services and
    repositories), else each of them."""
    listed = ", ".join(services)
    if len(services) <= SAID_ONE_BY_ONE:
        return listed
    if not all(language_for(p) for p in services):
        folders = places.folders_pattern(services)
        if "..." not in folders:
            return folders
    return _patterns(services) or listed


def _patterns(services: tuple[str, ...]) -> str:
    """Up to `SAID_ONE_BY_ONE` file patterns, each covering several of the services not
    covered yet, and the rest (named where few); "" where no pattern covers two."""
    found: list[str] = []
    left = list(services)
    while left and len(found) < SAID_ONE_BY_ONE:
        where, covered = places.pattern([p for p in left if language_for(p)])
        if covered < 2:
            break
        found.append(where)
        left = [p for p in left if not places.fits(p, where)]
    if not found:
        return ""
    if not left:
        return ", ".join(found)
    rest = ", ".join(left) if len(found) + len(left) <= SAID_ONE_BY_ONE else f"{len(left)} more"
    return f"{', '.join(found)} and {rest}"


_ROUTE = '@bp.route("/{0}")\ndef {0}():\n    return service.{0}()\n\n\n'
EXAMPLES = (
    AnalyzerExample(
        files={
            "app/__init__.py": "",
            "app/services/__init__.py": "",
            "app/services/users.py": "".join(
                f"def {n}():\n    return User.objects.filter(state={n!r})\n\n\n"
                for n in ("a", "b", "c", "d")
            ),
            "app/routes.py": "from app.services import users as service\n\n\n"
            + "".join(_ROUTE.format(n) for n in ("a", "b", "c", "d", "e"))
            + '@bp.route("/f")\ndef f():\n    return User.objects.filter(x=1)\n',
        },
        expect={
            "controllers.python.handler-length": (Level.ENFORCE, {"max_lines": 15}),
            "controllers.python.delegate-to-services": (
                Level.ADVISE,
                {"service_paths": ("app/services",), "max_orm_calls": 0},
            ),
        },
    ),
    AnalyzerExample(  # two calls that look like queries are nothing to measure
        files={
            "app/__init__.py": "",
            "app/services/__init__.py": "",
            "app/services/sso.py": "def token():\n    return session.get(URL)\n",
            "app/routes.py": "from app.services import sso as service\n\n\n"
            + "".join(_ROUTE.format(n) for n in ("a", "b", "c", "d", "e"))
            + '@bp.route("/f")\ndef f():\n    return User.objects.filter(x=1)\n',
        },
        expect={"controllers.python.handler-length": (Level.ENFORCE, {"max_lines": 15})},
        absent=("controllers.python.delegate-to-services",),
    ),
)
