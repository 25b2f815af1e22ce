"""Role affixes: what a folder's classes share is its role only if several files share it."""

from __future__ import annotations

from pathlib import Path

from standards.analyzers import naming
from standards.languages import language_for

LABELS = "".join(
    f"class MultiPurposeLabel{kind}(Base):\n    pass\n\n\n"
    for kind in ("Create", "Save", "Update", "Summary", "Out")
)


def _affix_ids(files: dict[str, str]) -> set[str]:
    language = language_for("app/x.py")
    assert language is not None
    facts = language.link(Path(), [language.parse(p, s.encode()) for p, s in files.items()])
    return {s.id for s in naming.analyze(facts, language) if "-affix." in s.id}


def test_one_files_classes_make_no_folder_role() -> None:
    """mealie's schema/labels holds one file of MultiPurposeLabel* classes: the rule made
    of it was "start every class in the folder with 'Multi'"."""
    found = _affix_ids({"app/schema/labels/__init__.py": "", "app/schema/labels/label.py": LABELS})
    assert "naming.python.class-affix.app-schema-labels" not in found


def test_several_files_sharing_an_affix_are_a_role() -> None:
    files = {
        f"app/services/{name}.py": f"class {name.title()}Service:\n    pass\n"
        for name in ("users", "orders", "carts")
    }
    assert "naming.python.class-affix.app-services" in _affix_ids(files)
