"""The chapters' checked outputs: a code cell tagged ``check-output`` keeps, in the committed
notebook, the plain-text output a smoke-scale run must reproduce. The papermill re-runs of
``tests/test_notebooks.py`` compare their executed copies with it (cells matched by id, memory
addresses and UUIDs masked); every other cell only has to run."""

from __future__ import annotations

import json
import re
from pathlib import Path

TAG = "check-output"
#: what differs between runs without meaning anything
MASKS = (
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "UUID"),
    (re.compile(r"0x[0-9a-f]{6,16}"), "0xADDR"),
)


def _text(cell) -> list[str]:
    out = []
    for o in cell.get("outputs", []):
        if o["output_type"] == "stream":
            text = o["text"]
        elif o["output_type"] in ("execute_result", "display_data"):
            text = o.get("data", {}).get("text/plain", "")
        else:
            continue
        text = "".join(text) if isinstance(text, list) else text
        for pattern, mask in MASKS:
            text = pattern.sub(mask, text)
        out.append(text)
    return out


def checked_cells(notebook: dict) -> dict[str, dict]:
    return {
        c["id"]: c
        for c in notebook["cells"]
        if c["cell_type"] == "code" and TAG in c.get("metadata", {}).get("tags", [])
    }


def mismatches(executed: Path, stored: Path) -> list[str]:
    """One line per checked cell of ``stored`` whose output ``executed`` does not reproduce."""
    ran = {c.get("id"): c for c in json.loads(Path(executed).read_text())["cells"]}
    problems = []
    for cell_id, cell in checked_cells(json.loads(Path(stored).read_text())).items():
        if cell_id not in ran:
            problems.append(f"{stored.name}: checked cell {cell_id} did not run")
        elif _text(ran[cell_id]) != _text(cell):
            first = "".join(cell["source"]).splitlines()[0]
            problems.append(
                f"{stored.name}: cell {cell_id} ({first!r}) printed {_text(ran[cell_id])!r}, "
                f"stored {_text(cell)!r}"
            )
    return problems
