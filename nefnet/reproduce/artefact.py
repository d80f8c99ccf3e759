"""What ``nefnet reproduce`` knows of one artefact (a table or figure of a chapter): where its
numbers come from, the paper's numbers beside them, and the drift it tolerates."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Artefact:
    name: str
    chapter: str
    title: str
    extract: object  # metrics dict → {row: value}
    unit: str = "dB"
    tolerance: float = 0.5  # |this run − reference| allowed, in ``unit``
    paper: dict = field(default_factory=dict)  # {row: the paper's value (mean over datasets)}
    reads: str | None = None  # what ``--data DIR`` gives the chapter (None: it reads none)
    spread: object = None  # metrics dict → {row: SD over the test records}
    versus: object = None  # our row → the paper's row it faces (default: the same name)
    ssim_tolerance: float = 0.02  # for the rows of SSIM (unitless)
    #: how far a re-run of the committed reference may land on another CPU: far below the
    #: drift tolerance, far above floating-point differences (default: the tolerance / 500)
    rerun_tolerance: float | None = None

    def rerun_tolerance_of(self, row: str) -> float:
        return self.rerun_tolerance or self.tolerance_of(row) / 500

    def tolerance_of(self, row: str) -> float:
        return self.ssim_tolerance if "SSIM" in row else self.tolerance

    def paper_row(self, row: str) -> str | None:
        """The paper's row that faces our ``row`` (None: the paper has none)."""
        if row.startswith("paper · "):
            return None
        if self.versus is not None:
            return self.versus(row)
        for name in (row, row.replace("Nef-Net v1", "Nef-Net")):
            if f"paper · {name}" in self.paper:
                return f"paper · {name}"
        return None
