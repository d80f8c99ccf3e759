"""The package's import graph, read from its source, and the layer order it must keep: every
import (at module level or inside a function) runs down the layers or stays in its own, and no
modules import each other in a circle. ``tests/test_layout.py`` holds the package to it.

    python -m nefnet.book.imports        # print the layers, circles and upward imports
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
#: lowest first; a module may import from its own layer or any below. "core" is the flat
#: vocabulary (views, geometry, dipole, baselines, metrics, signal, beats, normalization, ...)
LAYERS = (
    ("core",),
    ("data",),
    ("models",),
    ("scoring",),
    ("simulate",),
    ("training",),
    ("book",),
    ("reproduce",),
    ("chapters", "plots", "app"),
    ("cli",),
)


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int | None:
    """The layer index of a ``nefnet.…`` module (None for the package's own ``__init__``)."""
    parts = module.split(".")
    if len(parts) == 1:
        return None
    for i, names in enumerate(LAYERS):
        if parts[1] in names:
            return i
    return 0  # a flat core module


def _target(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def edges(root: Path = PACKAGE) -> list[tuple[str, str, int]]:
    """``(importer, imported module, line)`` for every import of a package module by another."""
    files = sorted(root.rglob("*.py"))
    modules = {module_name(p, root) for p in files}
    out = []
    for path in files:
        me = module_name(path, root)
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                target = _target(node, me, path.name == "__init__.py")
                names = [f"{target}.{a.name}" for a in node.names]
                found = [n for n in names if n in modules] or [target]
            elif isinstance(node, ast.Import):
                found = [a.name for a in node.names]
            else:
                continue
            out += [(me, t, node.lineno) for t in found if t in modules and t != me]
    return out


def upward(found=None) -> list[str]:
    """Imports that climb a layer: ``importer:line -> imported``."""
    found = edges() if found is None else found
    return [
        f"{a}:{line} -> {b}"
        for a, b, line in found
        if None not in (layer_of(a), layer_of(b)) and layer_of(b) > layer_of(a)
    ]


def circles(found=None) -> list[list[str]]:
    """Groups of modules that import each other in a circle (strongly connected, > 1)."""
    found = edges() if found is None else found
    graph: dict[str, set] = {}
    for a, b, _ in found:
        graph.setdefault(a, set()).add(b)
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while not group or group[-1] != v:
                group.append(stack.pop())
                on.discard(group[-1])
            if len(group) > 1:
                out.append(sorted(group))

    for v in list(graph):
        if v not in index:
            visit(v)
    return out


def order() -> str:
    """The layer order in one line."""
    return " < ".join("/".join(names) for names in LAYERS)


if __name__ == "__main__":
    found = edges()
    print("layers:", order())
    print("circles:", circles(found) or "none")
    print("upward imports:", upward(found) or "none")
