"""The package map, derived from the package itself: every module and sub-package with the first
sentence of its docstring. ``nefnet.layout()`` prints it and the README's layout block is written
from it (``make layout``), so the map is never typed twice.

    python -m nefnet.book.layout                 # print the map
    python -m nefnet.book.layout --write README.md
"""

from __future__ import annotations

import argparse
import ast
import re
import textwrap
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- package map (make layout) -->", "<!-- end of package map -->"


def summary(path: Path) -> str:
    """First sentence of a module's (or package ``__init__``'s) docstring, on one line."""
    doc = ast.get_docstring(ast.parse(path.read_text())) or ""
    first = " ".join(doc.split("\n\n")[0].split())
    end = re.search(r"(?<!Eq)(?<!Fig)(?<!e\.g)(?<!i\.e)\.\s", first)
    return first if end is None else first[: end.start() + 1]


def _modules(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if not p.name.startswith(("_", "."))
        and (p.suffix == ".py" or (p / "__init__.py").is_file())
    )


def entries() -> list[tuple[str, str, list[str]]]:
    """``(name, summary, sub-modules)`` for every top-level module and sub-package: modules first
    (the core vocabulary), then the sub-packages."""
    out = []
    for p in _modules(PACKAGE):
        if p.suffix == ".py":
            out.append((p.name, summary(p), []))
    for p in _modules(PACKAGE):
        if p.is_dir():
            subs = [q.stem if q.suffix == ".py" else q.name + "/" for q in _modules(p)]
            out.append((p.name + "/", summary(p / "__init__.py"), subs))
    return out


def layout(width: int = 96) -> str:
    """The package map as text (one line per module, folders with their modules beneath)."""
    lines = [f"nefnet/  {summary(PACKAGE / '__init__.py')}"]
    for name, text, subs in entries():
        lines += textwrap.wrap(
            text, width, initial_indent=f"  {name:<18}", subsequent_indent=" " * 20
        )
        row = " " * 20
        for sub in subs:
            if len(row) + len(sub) + 1 > width:
                lines.append(row.rstrip())
                row = " " * 20
            row += sub + " "
        if subs:
            lines.append(row.rstrip())
    from .imports import order

    lines += [""] + textwrap.wrap(f"imports run down the layers only: {order()}", width)
    return "\n".join(lines)


def readme_block() -> str:
    """The README's package-map block, markers included."""
    return f"{BEGIN}\n```\n{layout()}\n```\n{END}"


def write_readme(path) -> bool:
    """Replace the package-map block of ``path``; returns whether it changed."""
    path = Path(path)
    text = path.read_text()
    if BEGIN not in text or END not in text:
        raise ValueError(f"{path} has no package-map block ({BEGIN} … {END})")
    head, rest = text.split(BEGIN, 1)
    new = head + readme_block() + rest.split(END, 1)[1]
    path.write_text(new)
    return new != text


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", metavar="README", help="rewrite that file's package-map block")
    args = ap.parse_args(argv)
    if args.write:
        changed = write_readme(args.write)
        print(f"{args.write}: package map {'updated' if changed else 'already current'}")
    else:
        print(layout())


if __name__ == "__main__":
    main()
