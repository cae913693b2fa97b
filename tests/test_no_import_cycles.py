"""No module of the package imports, directly or through others, a module that imports it.

Every import counts: at the top, inside functions (the lazy ones that keep the start fast) and
under ``TYPE_CHECKING`` (annotations tie the modules together as much as a call does). A child
that needs its parent gets a callback, a small Protocol or data instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

import okr_workshop

ROOT = Path(okr_workshop.__file__).parent
PACKAGE = "okr_workshop"

# Cycles not broken yet, each as its modules in sorted order, with why it is still here.
KNOWN_CYCLES: set[tuple[str, ...]] = set()


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports anywhere in its text."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            # ``from pkg import sub`` imports the module pkg.sub; ``from mod import name`` imports mod.
            subs = [f"{source}.{alias.name}" for alias in node.names if f"{source}.{alias.name}" in known]
            targets = subs if len(subs) == len(node.names) else [source, *subs]
        else:
            continue
        for target in targets:
            while target and target not in known:  # ``import a.b.c`` of a name inside a module
                target = target.rpartition(".")[0]
            if target.startswith(PACKAGE) and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def _describe(component: list[str], graph: dict[str, set[str]]) -> str:
    members = set(component)
    edges = [f"{a} -> {b}" for a in component for b in sorted(graph[a] & members)]
    return "  " + "; ".join(edges)


def test_the_graph_sees_every_kind_of_import() -> None:
    graph = import_graph()
    assert "okr_workshop.ui.app" in graph["okr_workshop.launch"]  # inside a function
    assert "okr_workshop.ui.theme" in graph["okr_workshop.ui.app"]  # ``from . import theme``
    assert "okr_workshop" in graph["okr_workshop.cli"]  # ``from . import __version__``


def test_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycles() -> None:
    graph = import_graph()
    found = [c for c in cycles(graph) if tuple(c) not in KNOWN_CYCLES]
    assert not found, "import cycles (a module imports one that imports it):\n" + "\n".join(
        _describe(c, graph) for c in found)
