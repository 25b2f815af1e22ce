"""The pinned Node tools: installed once from the shipped lockfile, linked into an output folder."""

from __future__ import annotations

from pathlib import Path

from standards import node


def test_pinned_tools_install_once_and_link_into_the_output_folder(tmp_path: Path) -> None:
    first = node.installed()
    assert (first / node.DONE).exists()
    assert node.installed() == first
    linked = node.link(tmp_path / ".standards")
    assert linked.is_symlink() and linked.resolve() == first.resolve()
    done = node.run(tmp_path / ".standards", "eslint", ["--version"], cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == "v10.15.0"


def test_a_stale_link_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / ".standards"
    out.mkdir()
    (out / "node_modules").symlink_to(tmp_path, target_is_directory=True)
    assert node.link(out).resolve() == node.installed().resolve()
