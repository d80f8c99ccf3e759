"""Re-execute a chapter notebook with papermill (what ``nefnet reproduce`` runs)."""

from __future__ import annotations

from pathlib import Path

from ..paths import repo_root, results_root


def chapters() -> list[str]:
    """Chapter notebook stems (``01_dipole_theory``, ...) of the checkout."""
    return sorted(p.stem for p in (repo_root() / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def reproduce(chapter: str, parameters=None, output=None, progress=True) -> Path:
    """Run ``notebooks/<chapter>.ipynb`` with ``parameters``; the executed copy goes to
    ``results/runs/<chapter>.ipynb`` (never over the source). Unknown parameters are refused."""
    import papermill as pm

    known = chapters()
    matches = [c for c in known if c == chapter or c.startswith(chapter)]
    if len(matches) != 1:
        raise ValueError(f"unknown or ambiguous chapter {chapter!r}; expected one of {known}")
    source = repo_root() / "notebooks" / f"{matches[0]}.ipynb"
    parameters = dict(parameters or {})
    declared = pm.inspect_notebook(str(source))
    unknown = sorted(set(parameters) - set(declared))
    if unknown:
        raise ValueError(
            f"unknown parameter(s) {unknown} for {matches[0]}; expected some of {sorted(declared)}"
        )
    output = Path(output) if output else results_root() / "runs" / f"{matches[0]}.ipynb"
    output.parent.mkdir(parents=True, exist_ok=True)
    pm.execute_notebook(
        str(source),
        str(output),
        parameters=parameters,
        cwd=str(source.parent),
        progress_bar=progress,
        kernel_name="python3",
    )
    return output
