"""Places as patterns: what a recipe says instead of a list of files."""

from __future__ import annotations

import pytest

from standards.analyzers.places import fits, pattern


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        (["catalog/views.py", "orders/views.py", "shop/urls.py"], ("<package>/views.py", 2)),
        (["app/routes/a.py", "app/routes/b.py", "app/main.py"], ("app/routes/<name>.py", 2)),
        (
            ["n/dcim/models/a.py", "n/ipam/models/b.py", "n/ipam/models/c.py", "n/x.py"],
            ("n/<package>/models/<name>.py", 3),
        ),
        (["one/file.py"], ("one/file.py", 1)),
        (  # RealWorld's handlers: most in one controller, all in files named for the role
            [
                *["src/routes/article/article.controller.ts" for _ in range(11)],
                *[f"src/routes/{f}/{f}.controller.ts" for f in ("auth", "tag") for _ in range(4)],
                "src/routes/routes.ts",
            ],
            ("src/routes/<package>/<name>.controller.ts", 19),
        ),
        (
            ["a/user.test.js", "b/order.test.js", "c/item.test.js", "c/x.js"],
            ("<package>/<name>.test.js", 3),
        ),
        (  # mealie's 253 handlers: a quarter in one folder, all in routes/<package>/
            [
                *[f"m/routes/households/h{n}.py" for n in range(3)],
                *[f"m/routes/{area}/{area}.py" for area in ("admin", "recipe", "users")],
                *[f"m/routes/groups/g{n}.py" for n in range(2)],
                "m/routes/handlers.py",
            ],
            ("m/routes/<package>/<name>.py", 8),
        ),
        (  # most in one folder: its files, not every folder beside it
            ["m/repos/a.py", "m/repos/b.py", "m/repos/c.py", "m/core/d.py", "m/db/e.py"],
            ("m/repos/<name>.py", 3),
        ),
    ],
)
def test_the_pattern_most_paths_fit(paths: list[str], expected: tuple[str, int]) -> None:
    where, count = pattern(paths)
    assert (where, count) == expected
    assert sum(fits(p, where) for p in paths) == count


def test_a_pattern_matches_no_more_than_its_places() -> None:
    assert not fits("catalog/sub/views.py", "<package>/views.py")
    assert not fits("app/routes.py", "app/routes/<name>.py")
    assert fits("a/b/c/views.py", ".../views.py")
