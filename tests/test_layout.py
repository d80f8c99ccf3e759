"""The package's plan shows and holds: the map is derived from the package, a chapter's module is
imported by that chapter only, private names stay private, modules stay small."""

import ast
import importlib
import json
import re
from pathlib import Path

import pytest

import nefnet
from nefnet.book import layout

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "nefnet"
SOURCES = (
    sorted(PACKAGE.rglob("*.py"))
    + sorted((REPO / "scripts").glob("*.py"))
    + sorted((REPO / "benchmarks").glob("*.py"))
    + sorted((REPO / "data_scripts").glob("*.py"))
)
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NOTEBOOKS += sorted((REPO / "notebooks").glob("appendix_*.ipynb"))


def _code(path: Path) -> str:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text())["cells"]
        return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return path.read_text()


def test_readme_package_map_is_generated_from_the_package(repo):
    assert layout.readme_block() in (repo / "README.md").read_text(), (
        "README's package map is stale: run `make layout`"
    )


def test_lazy_access_lists_are_derived(repo):
    found = sorted(
        p.stem if p.suffix == ".py" else p.name
        for p in PACKAGE.iterdir()
        if not p.name.startswith("_")
        and (p.suffix == ".py" or p.is_dir() and (p / "__init__.py").is_file())
    )
    assert sorted(set(nefnet.__all__) - {"setup", "layout", "pretrained"}) == found
    for name in ("training", "book", "plots", "chapters"):
        package = importlib.import_module(f"nefnet.{name}")
        for sub in package.__all__:  # every listed module loads on first use
            assert getattr(package, sub).__name__ == f"nefnet.{name}.{sub}"
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        nefnet.training.nope  # noqa: B018


def test_a_chapter_module_is_imported_by_its_chapter_only():
    chapter_modules = [p.stem for p in (PACKAGE / "chapters").glob("[a-z]*.py")]
    for path in SOURCES:
        if path.parent.name == "chapters":
            continue
        for node in ast.walk(ast.parse(_code(path))):
            if isinstance(node, ast.ImportFrom):
                names = [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            assert not any("chapters" in n.split(".") for n in names), (path, names)
    for path in NOTEBOOKS:
        used = re.findall(
            r"from nefnet\.chapters import ([\w, ]+(?: as \w+)?(?:, \w+ as \w+)*)", _code(path)
        )
        names = {n.split(" as ")[0].strip() for group in used for n in group.split(",")}
        stem = path.stem[3:]
        assert names <= {m for m in chapter_modules if m.startswith(stem)}, (path.name, names)


def _private_uses(tree: ast.AST) -> list[str]:
    imported = set()
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            for alias in node.names:
                if alias.name.startswith("_"):
                    out.append(f"from {node.module} import {alias.name}")
                imported.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            imported |= {(a.asname or a.name).split(".")[0] for a in node.names}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and isinstance(node.value, ast.Name)
            and node.value.id in imported
        ):
            out.append(f"{node.value.id}.{node.attr}")
    return out


@pytest.mark.parametrize("path", SOURCES + NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_no_private_name_crosses_modules(path):
    uses = [
        u
        for u in _private_uses(ast.parse(_code(path)))
        if not u.startswith(("torch.", "np.", "sys._", "os._"))
    ]
    assert not uses, f"{path.name} reaches into private names of other modules: {uses}"


def test_modules_stay_small():
    big = {
        str(p.relative_to(REPO)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text().splitlines())) > 320
    }
    assert not big, f"split these modules (≲ 300 lines each): {big}"


def test_notebook_cells_stay_thin():
    for path in NOTEBOOKS:
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "code":
                lines = "".join(cell["source"]).splitlines()
                assert len(lines) <= 15, f"{path.name}: a {len(lines)}-line cell"
                defs = [
                    n
                    for n in ast.walk(ast.parse("".join(cell["source"])))
                    if isinstance(n, (ast.FunctionDef, ast.ClassDef))
                ]
                assert not defs, f"{path.name}: define functions in the package"


def test_imports_run_down_the_layers_without_circles():
    """Every import of a package module — at module level or inside a function — stays in its
    layer or runs down (core < data < models < scoring < simulate < training < book < reproduce
    < chapters/plots/app < cli), and no modules import each other in a circle."""
    from nefnet.book import imports

    found = imports.edges()
    assert len(found) > 300  # the graph was read
    assert imports.circles(found) == []
    assert imports.upward(found) == []


def test_the_layer_rule_catches_a_climbing_import_and_a_circle(tmp_path):
    from nefnet.book import imports

    pkg = tmp_path / "nefnet"
    for sub in ("data", "training"):
        (pkg / sub).mkdir(parents=True)
        (pkg / sub / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "data" / "a.py").write_text("def f():\n    from ..training.b import g\n")
    (pkg / "training" / "b.py").write_text("from ..data.a import f\n\n\ndef g():\n    pass\n")
    found = imports.edges(pkg)
    assert imports.upward(found) == ["nefnet.data.a:2 -> nefnet.training.b"]
    assert imports.circles(found) == [["nefnet.data.a", "nefnet.training.b"]]


def test_a_chapter_module_imports_no_other_chapters_module():
    """Chapter modules belong to the notebook that imports them; one may import another only
    when both belong to the same chapter."""
    from nefnet.book import imports

    owner = {}
    for path in NOTEBOOKS:
        for name in re.findall(r"nefnet\.chapters import \(?([\w, \n]+)\)?", _code(path)):
            for module in re.findall(r"(\w+)(?: as \w+)?", name):
                owner.setdefault(module, set()).add(path.stem)
    for a, b, line in imports.edges():
        if a.startswith("nefnet.chapters.") and b.startswith("nefnet.chapters."):
            mine, theirs = owner.get(a.split(".")[-1], set()), owner.get(b.split(".")[-1], set())
            assert mine == theirs, f"{a}:{line} imports {b}, a module of {theirs or 'no chapter'}"
