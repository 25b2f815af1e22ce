"""Python facts from tree-sitter: exact kinds, lines and counts for small sources."""

from __future__ import annotations

import pickle
from pathlib import Path

from standards.languages import python
from standards.model import DefinitionKind, FileFacts

SOURCE = b'''"""Module docstring."""
from __future__ import annotations

import os.path as osp
from ..services.user import UserService, helper
from . import models

LIMIT = 10
NAMES = ("a", "b")
app = Flask(__name__)


class UserView(APIView):
    def get(self, request, pk: int) -> Response:
        user = User.objects.filter(email__iexact=pk).exclude(is_active=False).first()
        if user and pk or not user:
            return 1
        return Response(user)


@bp.route("/users/<id>", methods=["GET"])
def show(user_id, *args, flag=True, **kwargs):
    total = 0
    for item, count in pairs:
        total += count if item else 0
    rows = session.query(Order).filter(Order.user_id == user_id).all()
    db.session.commit()
    return total


def product_list(request):
    def inner():
        if True:
            return 1
    return inner()
'''


def parse(source: bytes = SOURCE) -> FileFacts:
    return python.parse("app/views/users.py", source)


def test_definitions_kinds_lines_and_parents() -> None:
    found = {(d.kind, d.name): d for d in parse().definitions}
    assert found[(DefinitionKind.CONSTANT, "LIMIT")].line == 8
    assert (DefinitionKind.CONSTANT, "NAMES") in found
    assert (DefinitionKind.VARIABLE, "app") in found
    assert found[(DefinitionKind.CLASS, "UserView")].bases == ("APIView",)
    method = found[(DefinitionKind.METHOD, "get")]
    assert (method.parent, method.line, method.end_line) == ("UserView", 14, 18)
    assert method.parameters == ("self", "request", "pk") and method.annotated
    function = found[(DefinitionKind.FUNCTION, "show")]
    assert function.parameters == ("user_id", "*args", "flag", "**kwargs")
    assert function.decorators == ("bp.route",) and not function.annotated
    locals_ = {d.name for d in parse().definitions if d.parent == "show"}
    assert locals_ == {"total", "item", "count", "rows"}


def test_complexity_and_statements_stay_in_their_own_function() -> None:
    found = {d.name: d for d in parse().definitions}
    assert found["get"].complexity == 4  # if, and, or
    assert found["show"].complexity == 3  # for + conditional expression
    assert found["product_list"].complexity == 1
    assert found["inner"].complexity == 2
    assert found["product_list"].statements == 2


def test_imports_as_written() -> None:
    imports = {i.module: i for i in parse().imports}
    assert imports["..services.user"].names == ("UserService", "helper")
    assert imports["..services.user"].relative
    assert imports["."].names == ("models",)
    assert imports["os.path"].line == 4


def test_orm_queries_with_model_and_columns() -> None:
    """A chain is one query, with the columns of every call in it."""
    calls = [(c.name, c.model, c.columns, c.line) for c in parse().calls]
    assert sorted(calls, key=lambda c: c[3]) == [
        ("first", "User", ("email__iexact", "is_active"), 15),
        ("all", "Order", ("user_id",), 26),
        ("commit", None, (), 27),
    ]


def test_a_session_queries_rows_only_when_its_call_names_them() -> None:
    """SQLAlchemy's `session.get(User, 1)` reads a row; a web session's `get("key")` and
    an HTTP session's `get(url)` do not, nor does a string a session is given, unless it
    is SQL to `execute`."""
    source = (
        "def f(request, session, db, url):\n"
        "    request.session.get('cart')\n"
        "    session.get(url)\n"
        "    session.get(URL)\n"
        "    session.delete('https://example.com/x')\n"
        "    db.session.get(User, 1)\n"
        "    session.get(models.User, 2)\n"
        "    session.execute('SELECT 1')\n"
        "    db.session.add(order)\n"
    )
    facts = python.parse("app/x.py", source.encode())
    assert sorted((c.line, c.name) for c in facts.calls) == [
        (6, "get"),
        (7, "get"),
        (8, "execute"),
        (9, "add"),
    ]


def test_handlers_of_each_framework() -> None:
    handlers = {h.name: h for h in parse().handlers}
    assert handlers["UserView.get"].framework == "django-class-view"
    assert handlers["show"].framework == "route-decorator"
    assert handlers["show"].route == "/users/<id>"
    assert handlers["product_list"].framework == "django-function-view"
    assert "inner" not in handlers


def test_a_request_first_function_is_a_view_in_a_views_module_or_where_a_url_names_it() -> None:
    """`get_user(request)` in middleware is a helper, `detail(request)` in views.py a
    view; Flask-RESTful's resources are view classes."""
    source = b"def detail(request, pk):\n    return pk\n"
    assert [h.name for h in python.parse("shop/views.py", source).handlers] == ["detail"]
    assert [h.name for h in python.parse("shop/views/orders.py", source).handlers] == ["detail"]
    assert python.parse("shop/middleware.py", source).handlers == ()
    resource = python.parse(
        "api/certificates.py",
        b"class CertificatesList(AuthenticatedResource):\n    def get(self):\n        return 1\n",
    )
    assert [(h.name, h.framework) for h in resource.handlers] == [
        ("CertificatesList.get", "django-class-view")
    ]


def test_style_statistics() -> None:
    style = python.parse("q.py", b"a = 'x'\nb = \"y\"\nc = 'it\"s'\nif a:\n    b = 1\n").style
    quotes = style.habit("quotes")
    assert (quotes["single"].count, quotes["double"].count) == (1, 1)
    assert (quotes["single"].line, quotes["double"].line) == (1, 2)
    assert style.indent_widths == ((4, 1),)
    assert {n: (count, first) for n, count, first in style.line_lengths}[7] == (2, 1)


def test_problems_do_not_stop_extraction() -> None:
    broken = python.parse("b.py", b"def broken(:\n    pass\n\n\ndef fine():\n    return 1\n")
    assert broken.problems == ("syntax error at line 1",)
    assert "fine" in {d.name for d in broken.definitions}
    latin = python.parse("l.py", "x = 'caf\xe9'\n".encode("latin-1"))
    assert latin.problems[0].startswith("not valid UTF-8")
    assert python.parse("e.py", b"").lines == 0
    # the grammar reads Python 2's `repr` as a string quoted by backticks: no quote habit
    legacy = python.parse("p2.py", b"x = 1\n`wow`\n\n\ndef fine():\n    return 'x'\n")
    assert "fine" in {d.name for d in legacy.definitions}
    assert legacy.style.habit("quotes")["single"].count == 1


def test_link_resolves_repo_imports_only() -> None:
    files = {
        "app/__init__.py": b"",
        "app/services/__init__.py": b"",
        "app/services/user.py": b"import json\n",
        "app/utils/json.py": b"",
        "app/utils/__init__.py": b"",
        "app/views/__init__.py": b"",
        "app/views/users.py": b"from ..services.user import U\nfrom app.services import user\n"
        b"import json\nfrom . import missing\n",
        "src/pkg/__init__.py": b"",
        "src/pkg/core.py": b"from pkg import helpers\n",
        "src/pkg/helpers.py": b"",
    }
    linked = {
        f.path: f for f in python.link(Path(), [python.parse(p, s) for p, s in files.items()])
    }
    targets = {i.module: i.target for i in linked["app/views/users.py"].imports}
    assert targets == {
        "..services.user": "app/services/user.py",
        "app.services": "app/services/user.py",
        "json": None,
        ".": "app/views/__init__.py",
    }
    assert linked["app/services/user.py"].imports[0].target is None
    assert linked["src/pkg/core.py"].imports[0].target == "src/pkg/helpers.py"


def test_a_namespace_package_is_imported_through_its_name() -> None:
    """poetry's `src/poetry/` has no `__init__.py` (PEP 420): its `json/` package took
    every `import json` of the standard library, and `poetry.config` resolved nowhere."""
    files = {
        "src/poetry/config/__init__.py": b"",
        "src/poetry/config/config.py": b"import json\nfrom poetry.json import validate\n",
        "src/poetry/json/__init__.py": b"",
        "src/poetry/console/__init__.py": b"",
        "src/poetry/console/app.py": b"from poetry.config.config import Config\n",
        "tests/helpers.py": b"import json\n",
        "tests/test_app.py": b"from tests.helpers import poll\n",
    }
    linked = {
        f.path: f for f in python.link(Path(), [python.parse(p, s) for p, s in files.items()])
    }
    targets = [(i.module, i.target) for f in linked.values() for i in f.imports]
    assert targets == [
        ("json", None),
        ("poetry.json", "src/poetry/json/__init__.py"),
        ("poetry.config.config", "src/poetry/config/config.py"),
        ("json", None),
        ("tests.helpers", "tests/helpers.py"),
    ]


def test_a_module_outside_packages_is_imported_by_name_only_beside_it() -> None:
    """CTFd's `tests/constants/time.py` took every `import time` of the app: a folder that
    is no package is on the path only for the scripts run from it."""
    files = {
        "app/__init__.py": b"import time\nimport settings\n",
        "settings.py": b"",
        "tests/constants/time.py": b"",
        "tests/constants/test_time.py": b"import time\n",
        "src/tool.py": b"",
        "src/pkg/__init__.py": b"import tool\n",
    }
    linked = {
        f.path: f for f in python.link(Path(), [python.parse(p, s) for p, s in files.items()])
    }
    targets = {(f.path, i.module): i.target for f in linked.values() for i in f.imports}
    assert targets == {
        ("app/__init__.py", "time"): None,
        ("app/__init__.py", "settings"): "settings.py",
        ("src/pkg/__init__.py", "tool"): "src/tool.py",
        ("tests/constants/test_time.py", "time"): "tests/constants/time.py",
    }


def test_registered_views_become_handlers_in_their_own_files() -> None:
    files = {
        "shop/__init__.py": b"",
        "shop/models.py": b"",
        "shop/urls.py": b"from django.urls import include, path, re_path\n"
        b"from . import models, views as pages\nfrom .views import Archive, landing\n"
        b"urlpatterns = [\n"
        b"    path('', landing),\n"
        b"    path('orders/<int:pk>/', pages.detail, name='detail'),\n"
        b"    re_path(r'^archive/$', Archive.as_view()),\n"
        b"    path('api/', include('shop.api')),\n"
        b"    re_path(LEGACY, pages.detail), re_path('old/', pages.detail),\n"
        b"]\n",
        "shop/views.py": b"def landing(req):\n    return 1\n\n\n"
        b"def detail(request, pk):\n    return pk\n\n\n"
        b"def navigation(request):\n    return []\n\n\n"
        b"def home():\n    return 0\n\n\n"
        b"class Archive(Mixin):\n    def get(self, request):\n        return 2\n\n"
        b"    def helper(self):\n        return 3\n",
        "shop/app.py": b"from flask import Flask\nfrom shop.views import home\n"
        b"app = Flask(__name__)\napp.add_url_rule('/home', 'home', view_func=home)\n",
    }
    parsed = [python.parse(p, s) for p, s in files.items()]
    assert [(r.view, r.line, r.route) for r in parsed[2].routes] == [
        ("landing", 5, ""),
        ("pages.detail", 6, "orders/<int:pk>/"),
        ("Archive", 7, "^archive/$"),
        ("pages.detail", 9, None),
        ("pages.detail", 9, "old/"),
    ]
    linked = {f.path: f for f in python.link(Path(), parsed)}
    handlers = {h.name: (h.framework, h.route) for h in linked["shop/views.py"].handlers}
    assert handlers == {
        "landing": ("django-urls", ""),
        "detail": ("django-function-view", "orders/<int:pk>/"),
        "navigation": ("django-function-view", None),
        "home": ("flask-url-rule", "/home"),
        "Archive.get": ("django-urls", "^archive/$"),
    }


def test_facts_pickle_for_worker_processes() -> None:
    facts = parse()
    assert pickle.loads(pickle.dumps(facts)) == facts
