"""Discovery: git's view or a .gitignore walk, and every skip with its reason."""

from __future__ import annotations

from pathlib import Path

from standards.discovery import discover
from standards.model import SkipReason

from .conftest import git


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_git_checkout_lists_tracked_and_untracked_not_ignored(tmp_path: Path) -> None:
    _write(tmp_path, {"a.py": "x = 1\n", "b.py": "", ".gitignore": "c.py\n", "c.py": ""})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "a.py", ".gitignore")
    found = discover(tmp_path)
    assert [f.path for f in found.files] == ["a.py", "b.py"]
    assert found.files[0].language == "python" and found.files[0].size == 6


def test_subfolder_of_a_checkout_is_its_own_root(tmp_path: Path) -> None:
    _write(tmp_path, {"top.py": "", "sub/inner.py": "", "sub/pkg/deep.py": ""})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    assert [f.path for f in discover(tmp_path / "sub").files] == ["inner.py", "pkg/deep.py"]


def test_walk_honours_nested_gitignore_and_skips_vendored(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            ".gitignore": "*.gen.py\n",
            "app/.gitignore": "local/\n",
            "app/keep.py": "",
            "app/x.gen.py": "",
            "app/local/secret.py": "",
            "other/local/kept.py": "",
            "node_modules/lib/index.js": "",
            "tests/fixtures/odd.py": "",
            "web/app.ts": "",
            "notes.txt": "",
        },
    )
    found = discover(tmp_path)
    assert [f.path for f in found.files] == ["app/keep.py", "other/local/kept.py", "web/app.ts"]
    assert {(s.path, s.reason) for s in found.skipped} == {
        ("node_modules/lib/index.js", SkipReason.VENDORED),
        ("tests/fixtures/odd.py", SkipReason.TEST_DATA),
    }


def test_output_folder_is_excluded_and_empty_folder_is_fine(tmp_path: Path) -> None:
    assert discover(tmp_path).files == ()
    _write(tmp_path, {".standards/x.py": "", "y.py": ""})
    assert [f.path for f in discover(tmp_path).files] == ["y.py"]


def test_generated_marker_only_near_the_top(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {"gen.py": "# DO NOT EDIT\nx = 1\n", "late.py": "x = 1\n" * 10 + "# DO NOT EDIT\n"},
    )
    found = discover(tmp_path)
    assert [f.path for f in found.files] == ["late.py"]
    assert [(s.path, s.reason) for s in found.skipped] == [("gen.py", SkipReason.GENERATED)]
