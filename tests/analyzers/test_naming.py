"""Naming counts the names authors chose: a method name the language fixes is neither a
vote nor an example."""

from __future__ import annotations

from standards.analyzers import naming
from standards.languages import ruby, typescript

SERVICE = """\
export class OrderService {
  constructor(private readonly repo: Repo) {}
  findAll() { return this.repo.all() }
  findOne(id: number) { return this.repo.one(id) }
  createOrder(order: Order) { return this.repo.save(order) }
  removeOrder(id: number) { return this.repo.drop(id) }
  countAll() { return this.repo.count() }
}
"""

MODEL = """\
class Order
  def initialize(lines)
    @lines = lines
  end

  def total_price
    @lines.sum(&:price)
  end

  def line_count
    @lines.size
  end
end
"""


def test_constructor_and_initialize_are_no_votes_or_examples() -> None:
    facts = [typescript.parse("src/orders/order.service.ts", SERVICE.encode())]
    found = {s.id: s for s in naming.analyze(facts, typescript)}
    methods = found["naming.typescript.method-case"]
    assert methods.evidence.total == 5
    assert "constructor" not in {e.detail for e in methods.evidence.examples}
    facts = [ruby.parse("app/models/order.rb", MODEL.encode())]
    methods = {s.id: s for s in naming.analyze(facts, ruby)}["naming.ruby.method-case"]
    assert methods.evidence.total == 2
    assert "initialize" not in {e.detail for e in methods.evidence.examples}


def test_a_private_method_is_judged_without_its_hash() -> None:
    """maybe's Stimulus controllers' `#updateSessionPreference()` were 39 of its 270
    methods 'not in camelCase', so method-case was advice."""
    source = "export default class extends Controller {\n" + "".join(
        f"  {name}() {{ return 1 }}\n"
        for name in ("connect", "disconnect", "#toggleSidebar", "#updateUserPreference", "close")
    )
    facts = [typescript.parse("app/javascript/controllers/layout.ts", (source + "}\n").encode())]
    methods = {s.id: s for s in naming.analyze(facts, typescript)}["naming.typescript.method-case"]
    assert (methods.evidence.followed, methods.evidence.total) == (5, 5)
    assert methods.parameters["style"] == "camelCase"


def test_a_one_word_module_fits_kebab_case() -> None:
    """nestjs-boilerplate names its files `auth-apple.controller.ts` and `users.module.ts`:
    the one-word names were 'not kebab-case', and module-case was advice (88/173)."""
    names = ("auth-apple", "remove-all-db", "deep-partial", "users", "config", "mail")
    facts = [typescript.parse(f"src/{n}/{n}.service.ts", b"export const x = 1;\n") for n in names]
    modules = {s.id: s for s in naming.analyze(facts, typescript)}["naming.typescript.module-case"]
    assert modules.parameters["style"] == "kebab-case"
    assert (modules.evidence.followed, modules.evidence.total) == (6, 6)
