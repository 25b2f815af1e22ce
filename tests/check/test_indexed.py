"""The repo's listing a check links imports against: git's index judged once per state."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from standards.check import indexed, standards_cache
from standards.discovery import indexed_sources
from standards.model import Settings

from ..conftest import git


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("STANDARDS_CACHE", str(root))
    monkeypatch.delenv("GIT_INDEX_FILE", raising=False)
    monkeypatch.delenv("GIT_DIR", raising=False)
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "app").mkdir(parents=True)
    (root / "app/__init__.py").write_text("")
    (root / "app/a.py").write_text("x = 1\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    return root


def _listings(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Where `indexed` asked discovery for a listing, from now on."""
    asked: list[Path] = []

    def listed(root: Path, settings: Settings) -> tuple[list[str], bool]:
        asked.append(root)
        return indexed_sources(root, settings)

    monkeypatch.setattr(indexed, "indexed_sources", listed)
    return asked


def test_the_listing_is_discoverys_and_follows_the_index(
    repo: Path, cache_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings()
    asked = _listings(monkeypatch)
    assert indexed.sources(repo, settings) == indexed_sources(repo, settings)
    assert indexed.sources(repo, settings) == (["app/__init__.py", "app/a.py"], True)
    assert len(asked) == 1  # the second came from the cache
    (repo / 'app/b "c"\nd.py').write_text("y = 2\n")
    assert indexed.sources(repo, settings)[0] == ["app/__init__.py", "app/a.py"]
    git(repo, "add", "app")
    assert indexed.sources(repo, settings)[0] == ["app/__init__.py", "app/a.py", 'app/b "c"\nd.py']
    excluded = Settings(extend_exclude=("app/a.py",))
    assert indexed.sources(repo, excluded)[0] == ["app/__init__.py", 'app/b "c"\nd.py']
    assert len(asked) == 3


def test_a_hooks_own_index_is_the_one_listed(
    repo: Path, cache_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`git commit -a` runs hooks with GIT_INDEX_FILE naming the index being committed."""
    shutil.copy(repo / ".git/index", repo / ".git/next-index")
    (repo / "app/new.py").write_text("z = 3\n")
    monkeypatch.setenv("GIT_INDEX_FILE", ".git/next-index")
    git(repo, "add", "app/new.py")
    assert "app/new.py" in indexed.sources(repo, Settings())[0]
    monkeypatch.delenv("GIT_INDEX_FILE")
    assert "app/new.py" not in indexed.sources(repo, Settings())[0]


def test_a_worktree_lists_its_own_index(
    repo: Path, tmp_path: Path, cache_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "one")
    other = tmp_path / "other"
    git(repo, "worktree", "add", "-q", str(other))
    (other / "app/only_here.py").write_text("w = 4\n")
    git(other, "add", "app/only_here.py")
    asked = _listings(monkeypatch)
    assert "app/only_here.py" in indexed.sources(other, Settings())[0]
    assert "app/only_here.py" in indexed.sources(other, Settings())[0]
    assert "app/only_here.py" not in indexed.sources(repo, Settings())[0]
    assert asked == [other, repo]


def test_without_cache_or_certain_index_the_cache_is_left_alone(
    repo: Path, cache_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert indexed.sources(repo, Settings(), cached=False)[0] == ["app/__init__.py", "app/a.py"]
    assert indexed.sources(repo / "app", Settings())[0] == ["__init__.py", "a.py"]
    monkeypatch.setenv("GIT_DIR", str(repo / ".git"))
    assert indexed.sources(repo, Settings())[0] == ["app/__init__.py", "app/a.py"]
    assert not (cache_root / standards_cache.FOLDER).exists()
