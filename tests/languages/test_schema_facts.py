"""Schema facts each language reads: Prisma models, TypeORM decorators (source and
compiled), SQL in JavaScript migrations, and Alembic ops in revision order."""

from __future__ import annotations

from standards.languages import javascript, prisma, python, typescript
from standards.model import Index, Migration, Table

SCHEMA = b"""\
enum Role {
  ADMIN
}

model Post {
  id       Int    @id
  slug     String @unique // a comment
  role     Role
  authorId Int
  author   User   @relation(fields: [authorId], references: [id])

  @@index([authorId, slug(sort: Desc)])
  @@map("posts")
}
"""


def test_prisma_models_relations_and_indexes() -> None:
    facts = prisma.parse("prisma/schema.prisma", SCHEMA)
    assert facts.tables == (
        Table(
            "Post",
            5,
            "posts",
            "prisma",
            columns=("authorId", "id", "role", "slug"),
            relations=(("author", "User"),),
            foreign_keys=("authorId",),
        ),
    )
    assert facts.indexes == (
        Index("Post", ("authorId", "slug"), 12, source="meta"),
        Index("Post", ("id",), 6, unique=True, source="primary"),
        Index("Post", ("slug",), 7, unique=True),
    )


COMPILED = b"""\
var Order = (function () {
    __decorate([(0, typeorm_1.Index)(), (0, t.Column)()], Order.prototype, "status", void 0);
    __decorate([
        (0, typeorm_1.ManyToOne)(function () { return customer_1.Customer; }),
        (0, typeorm_1.JoinColumn)({ name: "customer_id" }),
    ], Order.prototype, "customer", void 0);
    Order = __decorate([(0, typeorm_1.Entity)(), (0, typeorm_1.Index)(["a", "b"])], Order);
    return Order;
}());
"""


def test_typeorm_decorators_compiled_to_javascript() -> None:
    facts = javascript.parse("dist/models/order.js", COMPILED)
    assert facts.tables == (
        Table(
            "Order",
            2,
            None,
            "typeorm",
            columns=("status",),
            relations=(("customer", "Customer"),),
            foreign_keys=("customer_id",),
        ),
    )
    assert facts.indexes == (
        Index("Order", ("a", "b"), 7, source="meta"),
        Index("Order", ("id",), 2, unique=True, source="primary"),
        Index("Order", ("status",), 2),
    )


def test_sql_of_a_typescript_migration() -> None:
    source = b"""\
export class AddCode1700000000000 {
  async up(q) {
    await q.query(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_code"
      ON "public"."order" ("code", "x" DESC)`);
    await q.query(`DROP INDEX "IDX_old"`);
  }
}
"""
    facts = typescript.parse("src/migrations/1700000000000-AddCode.ts", source)
    assert facts.migration == Migration("1700000000000-AddCode")
    assert facts.indexes == (
        Index("", (), 5, source="migration", removed=True, name="IDX_old"),
        Index("order", ("code", "x"), 3, True, "migration", name="IDX_code"),
    )


def test_alembic_revision_and_batch_ops() -> None:
    source = b"""\
revision = "b2"
down_revision = ("a1", "a0")


def upgrade():
    with op.batch_alter_table("posts") as batch_op:
        batch_op.create_index(batch_op.f("ix_posts_slug"), ["slug"], unique=True)
        batch_op.add_column(sa.Column("editor_id", sa.Integer(), nullable=True))
    op.drop_index("ix_old", table_name="posts")
"""
    facts = python.parse("migrations/versions/b2_x.py", source)
    assert facts.migration == Migration("b2", ("a1", "a0"))
    assert facts.tables == (Table("posts", 8, "posts", "sqlalchemy", foreign_keys=("editor_id",)),)
    assert facts.indexes == (
        Index("posts", (), 9, source="migration", removed=True, name="ix_old"),
        Index("posts", ("slug",), 7, True, "migration", name="ix_posts_slug"),
    )
