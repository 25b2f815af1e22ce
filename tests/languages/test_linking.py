"""Linking sets each import's target and keeps the facts it has nothing to change in."""

from __future__ import annotations

from standards.languages import linking
from standards.model import FileFacts, Import


def _resolve(importer: str, item: Import) -> str | None:
    return "app/models.py" if item.module == "app.models" else None


def test_a_file_whose_imports_resolve_to_nothing_is_kept_as_it_is() -> None:
    facts = FileFacts("app/views.py", "python", 3, imports=(Import("json", 1),))
    assert linking.resolved(facts, _resolve) is facts


def test_resolved_imports_get_their_target_and_the_others_stay() -> None:
    json, models = Import("json", 1), Import("app.models", 2)
    facts = FileFacts("app/views.py", "python", 3, imports=(json, models))
    linked = linking.resolved(facts, _resolve)
    assert [i.target for i in linked.imports] == [None, "app/models.py"]
    assert linked.imports[0] is json
    assert linked.imports[1] == Import("app.models", 2, target="app/models.py")
    assert linked.path == facts.path


def test_a_target_that_no_longer_resolves_is_cleared() -> None:
    stale = Import("gone", 1, target="app/gone.py")
    facts = FileFacts("app/views.py", "python", 3, imports=(stale,))
    assert linking.resolved(facts, _resolve).imports == (Import("gone", 1),)
