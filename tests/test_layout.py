"""The house's rooms and the way their imports point (GUIDE, "Rules of the house").

Every import in the code is read with ``ast``, late ones inside functions included: an import moved into a
function to dodge a cycle is still a cycle. ``graph`` depends on no other room, only the command line imports
the command line, and within a room no two modules import each other, directly or round a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import REPO

ROOMS = ("cli", "graph", "loaders", "queries", "viz")


def _module(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return "danvan." + ".".join(parts)


def _imports() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for room in ROOMS:
        for path in sorted((REPO / room).rglob("*.py")):
            names: set[str] = set()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("danvan."):
                    names.add(node.module)
                    names.update(f"{node.module}.{alias.name}" for alias in node.names)
                elif isinstance(node, ast.Import):
                    names.update(a.name for a in node.names if a.name.startswith("danvan."))
            found[_module(path)] = names
    modules = set(found)
    return {module: {n for n in names if n in modules and n != module} for module, names in found.items()}


IMPORTS = _imports()


def _room(module: str) -> str:
    return module.split(".")[1]


def test_graph_depends_on_no_other_room() -> None:
    outside = {(m, n) for m, names in IMPORTS.items() if _room(m) == "graph" for n in names if _room(n) != "graph"}
    assert outside == set()


def test_only_the_command_line_imports_the_command_line() -> None:
    inside = {(m, n) for m, names in IMPORTS.items() if _room(m) != "cli" for n in names if _room(n) == "cli"}
    assert inside == set()


@pytest.mark.parametrize("room", ROOMS)
def test_no_import_circles_inside_a_room(room: str) -> None:
    graph = {m: {n for n in names if _room(n) == room} for m, names in IMPORTS.items() if _room(m) == room}
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for other in sorted(graph.get(module, ())):
            if state.get(other) == 1:
                circles.append([*path[path.index(other) :], other])
            elif other not in state:
                visit(other, [*path, other])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_the_check_sees_a_circle() -> None:
    # The reader must see late imports inside functions, or the circle test could not fail.
    source = "def f():\n    from danvan.loaders.titles import role_pattern\n"
    node = ast.parse(source).body[0]
    assert any(isinstance(n, ast.ImportFrom) and n.module == "danvan.loaders.titles" for n in ast.walk(node))
