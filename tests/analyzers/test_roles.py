"""Path roles: which files a tool owns, told from their paths."""

from __future__ import annotations

import pytest

from standards.analyzers import roles


@pytest.mark.parametrize(
    "path",
    [
        "shop/migrations/0001_initial.py",
        "shop/migrations/0012_squashed_0011.py",
        "shop/migrations/__init__.py",
        "migrations/env.py",
        "migrations/versions/4a1b_add_users.py",
        "backend/app/alembic/versions/e2412789c190_initialize_models.py",
        "alembic/env.py",
        "docs/conf.py",
        "web/migrations/20240101_add_users.js",
        "db/knex_migrations/2023-08-16-0000-create-uptime.js",
        "server/db-migrations/0001_init.ts",
    ],
)
def test_what_a_tool_writes_is_its_own(path: str) -> None:
    assert roles.is_tool_owned(path)


@pytest.mark.parametrize(
    "path",
    [
        "mealie/services/migrations/paprika.py",
        "mealie/services/migrations/utils/migration_helpers.py",
        "shop/models.py",
    ],
)
def test_a_folder_named_migrations_holding_other_code_is_the_teams(path: str) -> None:
    """mealie's `services/migrations/` imports recipes from other apps: 1,335 lines that
    went unanalyzed and that ruff's config excluded, as if Django had written them."""
    assert not roles.is_tool_owned(path)


def test_the_folders_a_config_excludes_whole() -> None:
    paths = [
        "shop/migrations/__init__.py",
        "shop/migrations/0001_initial.py",
        "alembic/versions/x.py",
        "mealie/services/migrations/paprika.py",
        "mealie/services/migrations/__init__.py",
    ]
    assert roles.tool_owned_folders(paths) == ("alembic", "shop/migrations")


@pytest.mark.parametrize(
    ("path", "test_file"),
    [
        ("client/cypress/integration/alert/create_alert_spec.js", False),
        ("client/cypress/support/commands.js", False),
        ("cypress/e2e/login.cy.ts", True),
        ("src/components/Button.cy.tsx", True),
    ],
)
def test_cypress_specs_and_their_folder_are_tests(path: str, test_file: bool) -> None:
    """redash's `client/cypress/` (specs, support code, seed data) read as four layers of
    its app, above `pages/`; Cypress 10 names its specs `*.cy.js` wherever they are."""
    assert roles.is_test(path)
    assert roles.is_test_file(path) is test_file
