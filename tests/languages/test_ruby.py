"""Ruby facts: definitions with visibility, constant references resolved by Zeitwerk's
rules, ActiveRecord queries with their columns, controller actions with routes, habits."""

from __future__ import annotations

from pathlib import Path

from standards import pipeline
from standards.analyzers import roles
from standards.languages import ruby
from standards.languages.ruby import autoload
from standards.model import Call, DefinitionKind, FileFacts

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

CONTROLLER = b"""\
# frozen_string_literal: true
require 'json'

module Admin
  class UsersController < ApplicationController
    LIMIT = 10

    def index
      @users = User.where(active: true).order(:name)
      Admin::ReportService.call(@users) if @users.any? && LIMIT
    end

    def show = render(json: User.find_by_email_and_name(params[:email], 'x'))

    private

    def load_user
      @user = User.find_by(email: params[:email])
    end

    public def visible?; end
    protected def helper!(a, b = 1, *c, d:, **e, &f); end
    def self.build(x) = new(x)
  end
end
"""


def _facts(source: bytes = CONTROLLER, path: str = "app/controllers/admin/users_controller.rb"):
    return ruby.parse(path, source)


def test_definitions_kinds_nesting_and_visibility() -> None:
    found = {(d.kind, d.name): d for d in _facts().definitions}
    assert sorted((k.value, n) for k, n in found) == [
        ("class", "UsersController"),
        ("constant", "LIMIT"),
        ("method", "build"),
        ("method", "helper!"),
        ("method", "index"),
        ("method", "load_user"),
        ("method", "show"),
        ("method", "visible?"),
        ("module", "Admin"),
    ]
    visibility = {d.name: d.visibility for d in _facts().definitions}
    assert visibility["index"] == visibility["visible?"] == visibility["build"] == "public"
    assert (visibility["load_user"], visibility["helper!"]) == ("private", "protected")
    index = found[(DefinitionKind.METHOD, "index")]
    assert (index.line, index.end_line, index.complexity, index.parent) == (
        8,
        11,
        3,
        "UsersController",
    )
    assert found[(DefinitionKind.CLASS, "UsersController")].bases == ("ApplicationController",)
    assert found[(DefinitionKind.METHOD, "helper!")].parameters == ("a", "b", "*c", "d", "**e")


def test_a_constant_bound_to_a_new_class_is_a_class() -> None:
    """maybe's 79 `Error = Class.new(StandardError)` and `Rate = Data.define(:date)` were
    PascalCase constants, outvoting its 63 UPPER_CASE ones: constant-case became
    PascalCase, with `VARIANTS` for its example. An alias of a class is no constant."""
    source = b"""\
class Plaid
  Error = Class.new(StandardError)
  Point = Struct.new(:x, :y) do
    def sum = x + y
  end
  Rate = Data.define(:date)
  Helpers = Module.new
  LIMIT = 10
  BUILT = build(1)
  Response = Concept::Response
end
"""
    found = {d.name: d for d in ruby.parse("app/models/plaid.rb", source).definitions}
    kinds = {name: d.kind.value for name, d in found.items() if name != "sum"}
    assert kinds == {
        "Plaid": "class",
        "Error": "class",
        "Point": "class",
        "Rate": "class",
        "Helpers": "module",
        "LIMIT": "constant",
        "BUILT": "constant",
    }
    assert found["Error"].bases == ("StandardError",)
    assert (found["Point"].parent, found["Point"].line, found["Point"].end_line) == ("Plaid", 3, 5)


def test_constant_references_are_imports_with_lexical_candidates() -> None:
    imports = {i.module: i for i in _facts().imports}
    assert set(imports) == {
        "json",
        "ApplicationController",
        "User",
        "Admin::ReportService",
        "LIMIT",
    }
    assert imports["User"].names == ("Admin::UsersController::User", "Admin::User", "User")
    assert imports["User"].line == 9


def test_zeitwerk_resolves_constants_to_files() -> None:
    paths = [
        "app/models/user.rb",
        "app/services/admin/report_service.rb",
        "app/models/concerns/html_parser.rb",
        "lib/tasks_helper.rb",
        "app/controllers/admin/users_controller.rb",
    ]
    assert autoload.underscore("Admin::HTMLParser") == "admin/html_parser"
    resolve = autoload.resolver(paths)
    linked = ruby.link(Path("."), [_facts(), *(FileFacts(p, "ruby", 1) for p in paths[:-1])])
    controller = next(f for f in linked if f.path == paths[-1])
    targets = {i.module: i.target for i in controller.imports}
    assert targets["User"] == "app/models/user.rb"
    assert targets["Admin::ReportService"] == "app/services/admin/report_service.rb"
    assert targets["ApplicationController"] is None
    html = ruby.imports.Import("HTMLParser", 1, names=("HTMLParser",))
    assert resolve("x.rb", html) == "app/models/concerns/html_parser.rb"


def test_active_record_queries_with_model_and_columns() -> None:
    calls = set(_facts().calls)
    assert Call("orm-query", "where", 9, "User", "User", ("active",)) in calls
    assert Call("orm-query", "order", 9, "User.where(active: true)", "User", ("name",)) in calls
    assert Call("orm-query", "find_by", 18, "User", "User", ("email",)) in calls
    finder = [c for c in calls if c.name == "find_by_email_and_name"]
    assert finder[0].columns == ("email", "name")
    model = ruby.parse(
        "app/models/order.rb",
        b"class Order < ApplicationRecord\n"
        b"  scope :open, -> { where('state = ? AND total > ?', 1, 2) }\n"
        b"  def self.top = order('total DESC').pluck(:id)\n"
        b"  def names = items.first\nend\n",
    )
    found = {(c.name, c.model, c.columns) for c in model.calls}
    assert found == {
        ("where", "Order", ("state", "total")),
        ("order", "Order", ("total",)),
        ("pluck", "Order", ("id",)),
    }


def test_methods_other_classes_share_are_queries_only_on_the_repo_s_models() -> None:
    """`first`, `select`, `create` are ActiveRecord's and everybody's: on a constant no
    model of the repo is (a gem's `BCrypt::Password.create`, Devise's formats) they are
    no query; methods only ActiveRecord has are queries on anything."""
    model = ruby.parse("app/models/user.rb", b"class User < ApplicationRecord\nend\n")
    code = ruby.parse(
        "lib/auth.rb",
        b"module Auth\n  def self.run\n    ::BCrypt::Password.create('x')\n"
        b"    Devise.navigational_formats.select { |f| f }\n"
        b"    User.first\n    Token.where(used: false)\n  end\nend\n",
    )
    linked = {f.path: f for f in ruby.link(Path(), [model, code])}
    assert [(c.name, c.model) for c in linked["lib/auth.rb"].calls] == [
        ("first", "User"),
        ("where", "Token"),
    ]
    assert len(code.calls) == 4  # the file alone cannot tell a model from another class


def test_controller_actions_are_handlers_with_routes_from_routes_rb() -> None:
    routes = ruby.parse(
        "config/routes.rb",
        b"Rails.application.routes.draw do\n  namespace :admin do\n"
        b"    resources :users, only: %i[index show]\n  end\n"
        b"  get 'health', to: 'health#show'\nend\n",
    )
    assert {(r.view, r.route) for r in routes.routes} == {
        ("admin/users#index", "/admin/users"),
        ("admin/users#show", "/admin/users/:id"),
        ("health#show", "/health"),
    }
    linked = ruby.link(Path("."), [routes, _facts()])
    controller = next(f for f in linked if f.handlers)
    assert {(h.name, h.route) for h in controller.handlers} == {
        ("index", "/admin/users"),
        ("show", "/admin/users/:id"),
        ("visible?", None),
    }


def test_style_habits() -> None:
    habits = {(h.name, h.choice): h.count for h in _facts().style.habits}
    assert habits[("frozen-string-literal", "always")] == 1
    assert habits[("quotes", "single")] == 2
    assert habits[("hash-syntax", "ruby19")] == 3
    assert habits[("def-parentheses", "require_parentheses")] == 2
    assert dict(_facts().style.indent_widths) == {2: 4}


def test_the_rails_fixture_yields_rails_standards() -> None:
    analysis = pipeline.analyze(FIXTURES / "rails_app", jobs=1)
    found = {s.id: s for s in analysis.standards if s.language == "ruby"}
    assert found["naming.ruby.class-affix.app-services"].parameters["affix"] == "Service"
    assert found["naming.ruby.method-case"].parameters["style"] == "snake_case"
    layers = [layer["name"] for layer in found["layering.ruby.direction"].parameters["layers"]]
    assert layers.index("controllers") < layers.index("services") < layers.index("models")
    delegate = found["controllers.ruby.delegate-to-services"]
    assert delegate.parameters["service_paths"] == ("app/services",)
    assert found["controllers.ruby.handler-length"].evidence.total == 17
    assert found["tests.ruby.layout"].parameters["pattern"] == "*_spec.rb"
    assert found["formatting.ruby.quotes"].parameters["style"] == "single"
    assert found["structure.ruby.queries"].parameters["homes"] == ("services",)
    assert found["indexes.ruby.queried-columns"].parameters["ratio"] == 0.8  # sku, state, name
    advice = {"structure.ruby.queries", "indexes.ruby.queried-columns"}
    learned = [s for s in found.values() if s.id not in advice]
    assert all(s.level.value == "enforce" for s in learned)


def test_constants_of_the_same_folder_are_not_dependencies_between_parts() -> None:
    order = ruby.parse("app/models/order.rb", b"class Order\n  User\n  OrdersController\nend\n")
    stubs = [
        FileFacts(p, "ruby", 1)
        for p in ("app/models/user.rb", "app/controllers/orders_controller.rb")
    ]
    linked = next(f for f in ruby.link(Path("."), [order, *stubs]) if f.path == order.path)
    assert {i.module: i.target for i in linked.imports} == {
        "User": None,
        "OrdersController": "app/controllers/orders_controller.rb",
    }


def test_archived_migrations_are_tool_owned_and_dotfiles_glue() -> None:
    """lobsters keeps 150 old migrations in db/old_migrations: Rails' generator wrote them
    (timestamp, `CreateInvitations`), as it writes db/migrate."""
    assert roles.is_tool_owned("db/old_migrations/20120701154453_create_invitations.rb")
    assert roles.is_tool_owned("engine/db/archive/20120701154453_create_invitations.rb")
    assert not roles.is_tool_owned("db/seeds/2012_users.rb")
    assert roles.is_glue(".active_record_doctor.rb")
    assert not roles.is_glue("app/models/doctor.rb")


def test_a_class_around_the_files_own_constant_is_a_namespace() -> None:
    """solidus' base_validator.rb reopens `class ReturnItem` to define
    `ReturnItem::EligibilityValidator::BaseValidator`: its seven validators made a rule
    that classes in that folder end in 'Item'."""
    source = (
        b"module Spree\n  class ReturnItem < Spree::Base\n    module EligibilityValidator\n"
        b"      class BaseValidator\n        class Error < StandardError; end\n\n"
        b"        def eligible?\n          true\n        end\n      end\n    end\n  end\nend\n"
    )
    path = "app/models/spree/return_item/eligibility_validator/base_validator.rb"
    found = {d.name: d for d in ruby.parse(path, source).definitions}
    assert found["ReturnItem"].kind is DefinitionKind.MODULE
    assert (found["BaseValidator"].kind, found["BaseValidator"].parent) == (
        DefinitionKind.CLASS,
        None,
    )
    assert found["Error"].parent == "BaseValidator"
    model = b"class ReturnItem < Spree::Base\n  class Shipped < StandardError; end\nend\n"
    kept = {d.name: d for d in ruby.parse("app/models/spree/return_item.rb", model).definitions}
    assert kept["ReturnItem"].kind is DefinitionKind.CLASS
    assert kept["Shipped"].parent == "ReturnItem"


def test_constants_within_one_tree_of_app_are_no_dependency_between_parts() -> None:
    """solidus' models name one another across namespace folders
    (app/models/spree/calculator/ naming `Spree::TaxRate`): 70 'layers' of single
    models, with an enforced order among them."""
    paths = {
        "core/app/models/spree/calculator/default_tax.rb": b"module Spree\n  class Calculator"
        b"::DefaultTax\n    def rates\n      TaxRate.all + [OrdersController]\n    end\n"
        b"  end\nend\n",
        "core/app/models/spree/tax_rate.rb": b"module Spree\n  class TaxRate\n  end\nend\n",
        "core/app/controllers/spree/orders_controller.rb": b"module Spree\n"
        b"  class OrdersController\n  end\nend\n",
    }
    parsed = [ruby.parse(path, source) for path, source in paths.items()]
    linked = {f.path: f for f in ruby.link(Path("."), parsed)}
    calculator = linked["core/app/models/spree/calculator/default_tax.rb"]
    targets = {i.module: i.target for i in calculator.imports}
    assert targets["TaxRate"] is None
    assert targets["OrdersController"] == "core/app/controllers/spree/orders_controller.rb"


def test_public_methods_of_a_base_controller_are_actions_only_where_routed() -> None:
    """human-essentials' ApplicationController has 16 public helpers (`not_found!`,
    `current_organization`): they were handlers, and the endpoint recipe's example."""
    routes = ruby.parse(
        "config/routes.rb",
        b"Rails.application.routes.draw do\n  resources :users, only: %i[index]\n"
        b"  get 'admin', to: 'admin#dashboard'\nend\n",
    )
    files = {
        "app/controllers/application_controller.rb": "class ApplicationController < "
        "ActionController::Base\n  def current_user\n    1\n  end\nend\n",
        "app/controllers/admin_controller.rb": "class AdminController < ApplicationController\n"
        "  def dashboard\n    1\n  end\n\n  def authorize_admin\n    1\n  end\nend\n",
        "app/controllers/admin/users_controller.rb": "module Admin\n  class UsersController < "
        "::AdminController\n    def index\n      1\n    end\n  end\nend\n",
        "app/controllers/users_controller.rb": "class UsersController < ApplicationController\n"
        "  def index\n    1\n  end\n\n  def export\n    1\n  end\nend\n",
    }
    parsed = [routes, *(ruby.parse(path, text.encode()) for path, text in files.items())]
    linked = {f.path: f for f in ruby.link(Path("."), parsed)}
    assert {path: sorted((h.name, h.route) for h in linked[path].handlers) for path in files} == {
        "app/controllers/application_controller.rb": [],
        "app/controllers/admin_controller.rb": [("dashboard", "/admin")],
        "app/controllers/admin/users_controller.rb": [("index", None)],
        "app/controllers/users_controller.rb": [("export", None), ("index", "/users")],
    }


def test_a_bare_block_argument_ending_a_command_call_parses() -> None:
    """openstreetmap-website's browse_helper.rb, valid Ruby 3.1, was a syntax error: the
    grammar reads `element_strikethrough object, &` as an `&` missing its right side."""
    source = (
        b"module BrowseHelper\n  def item(type, object, &)\n"
        b"    element_list_item type, object do\n      strike object, & # pass it on\n"
        b"    end\n  end\n\n  def both(a, b)\n    a &\n      b\n  end\nend\n"
    )
    facts = ruby.parse("app/helpers/browse_helper.rb", source)
    assert facts.problems == ()
    assert sorted(d.name for d in facts.definitions if d.kind is DefinitionKind.METHOD) == [
        "both",
        "item",
    ]
