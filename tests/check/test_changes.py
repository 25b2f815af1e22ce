"""The files a commit changes, as git names them: any name a file system allows."""

from __future__ import annotations

from pathlib import Path

from standards.check import changes

from ..conftest import git

ODD = ('new "quoted" name.py', "line\nbreak.py", "back\\slash.py", "tab\there.py", "ünï.py")


def test_changed_renamed_new_and_oddly_named_files_are_named_as_they_are(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("a.py", "old name.py", "gone.py", "kept.py"):
        (root / name).write_text(f"# {name}\n")
    (root / ".gitignore").write_text("ignored.py\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "one")
    (root / "a.py").write_text("x = 1\n")
    git(root, "mv", "old name.py", ODD[0])
    (root / "gone.py").unlink()
    for name in ODD[1:]:
        (root / name).write_text("y = 2\n")
    git(root, "add", ODD[2])
    (root / "ignored.py").write_text("z = 3\n")
    named = changes.start(root)()
    assert set(named) - {"gone.py", "old name.py"} == {"a.py", *ODD}
    assert "kept.py" not in named and "ignored.py" not in named


def test_outside_git_nothing_is_changed(tmp_path: Path) -> None:
    assert changes.start(tmp_path)() == []
