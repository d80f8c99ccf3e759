"""How the artefacts of ``nefnet reproduce`` (:mod:`nefnet.reproduce.registry`) read their rows
from a chapter's results, and the paper's rows beside them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..book import paper_numbers as paper
from ..book.scales import preset


def mean(values):
    return float(np.mean([v for v in values if v is not None]))


def rows(table, key):
    return {row: float(v[key]) for row, v in table.items()}


def table2(m):
    mean = pd.DataFrame(m["table2"]).groupby(["protocol", "method"], sort=False)["psnr"].mean()
    return {f"{p} · {method}": float(v) for (p, method), v in mean.items()}


def table3(m, key="psnr"):
    return {
        f"({r['inputs']},{r['supervised']}) · {r['method']} · {r['task']}": float(r[key])
        for r in m["table3"]
    }


def gaps(m):
    t = table3(m)
    return {
        k.replace(" · reconstruction", " · gap"): v - t[k.replace("reconstruction", "synthesis")]
        for k, v in t.items()
        if k.endswith("reconstruction")
    }


def paper_table3():
    out = {}
    for (n, method, task), values in paper.V2_TABLE3.items():
        for sup, v in zip(paper.V2_TABLE3_SUPERVISION, values):
            name = "reconstruction" if task == "Rec" else "synthesis"
            out[f"paper · ({n},{sup}) · {method} · {name}"] = v
    return out


def paper_gaps():
    t = paper_table3()
    return {
        k.replace(" · reconstruction", " · gap"): v - t[k.replace("reconstruction", "synthesis")]
        for k, v in t.items()
        if k.endswith("reconstruction")
    }


def with_ssim(table, psnr="PSNR", ssim="SSIM") -> dict:
    """``{row: {PSNR, SSIM, …}}`` → the PSNR as "row" and the SSIM as "row · SSIM"."""
    out = rows(table, psnr)
    out |= {f"{row} · SSIM": float(v[ssim]) for row, v in table.items() if ssim in v}
    return out


def paper_with_ssim(table: dict, name) -> dict:
    """A paper table ``{key: {dataset: (PSNR, SSIM)}}`` → mean PSNR and mean SSIM rows."""
    out = {}
    for key, d in table.items():
        out[f"paper · {name(key)}"] = mean(v[0] for v in d.values())
        out[f"paper · {name(key)} · SSIM"] = mean(v[1] for v in d.values())
    return out


def metric_columns(table: dict) -> dict:
    """``{row: {column: value}}`` → the PSNR and SSIM columns as "row · column" rows."""
    return {
        f"{row} · {col}": float(v)
        for row, d in table.items()
        for col, v in d.items()
        if col.endswith(("PSNR", "SSIM"))
    }


def paper_metrics(table: dict, second: str) -> dict:
    """A paper ablation table (synthesis PSNR, SSIM, ``second`` PSNR, SSIM) as rows."""
    tasks = (("synthesis", "PSNR"), ("synthesis", "SSIM"), (second, "PSNR"), (second, "SSIM"))
    return {
        f"paper · {row} · {task} {metric}": v[k]
        for row, v in table.items()
        for k, (task, metric) in enumerate(tasks)
    }


#: the columns of a Table 10 row: with the wrong angle table, and after On-the-fly Calibration
TABLE10_COLUMNS = {"uncorrected": "psnr_displaced", "after OF-CAL": "psnr_calibrated"}


def table10(m) -> dict:
    """``"<model> <deg>"`` rows → "<model> · <deg>° · uncorrected / after OF-CAL", and the
    per-patient linear competitor's row at each size."""
    out = {}
    for key, v in m["table10"].items():
        model, degrees = key.rsplit(" ", 1)
        for column, field in TABLE10_COLUMNS.items():
            out[f"{model} · {degrees}° · {column}"] = float(v[field])
        if "psnr_per_patient" in v:  # the competitor told the same wrong table (one per size)
            out[f"per-patient linear · {degrees}° · wrong table"] = float(v["psnr_per_patient"])
    return out


def paper_table10() -> dict:
    return {
        f"paper · {d}° · {column}": v[k]
        for d, v in paper.V2_TABLE10.items()
        for k, column in enumerate(TABLE10_COLUMNS)
        if v[k] is not None
    }


def versus_table10(row: str) -> str | None:
    """Our NEF-NET v2 rows face the paper's (the paper has one model)."""
    model, _, rest = row.partition(" · ")
    return f"paper · {rest}" if model == "NEF-NET v2" else None


#: our Table 5 rows that face the paper's stages
TABLE5_VERSUS = {
    "NEF-NET v2 · Stage I": "paper · Stage I (Any-Pairs)",
    "NEF-NET v2 · + Stage II": "paper · + Stage II (Device)",
    "NEF-NET v2 · + Stage III": "paper · + Stage III (On-the-fly)",
}


def table2_spread(m) -> dict:
    """Per Table 2 row, the SD over test records (the mean of the devices' SDs)."""
    frame = pd.DataFrame(m["table2"])
    sd = frame.groupby(["protocol", "method"], sort=False)["psnr_sd"].mean()
    return {f"{p} · {method}": float(v) for (p, method), v in sd.items()}


def v1_versus(row: str, table: dict) -> str | None:
    """Nef-Net v1 Table 2 rows: "Nef-Net v1 (3,8,1)" faces "paper · (3,8,1)"."""
    name = "paper · " + row.replace("Nef-Net v1 ", "")
    return name if name in table else None


def _table9_row(r) -> str:
    return f"{r['records']} records · Stage I {'yes' if r['Stage I'] else 'no'}"


def table9(m) -> dict:
    """Synthesis PSNR and SSIM per (device records, Stage I or not); the share of Stage II's
    records each stands for is kept to face the paper's rows."""
    out = {_table9_row(r): float(r["PSNR"]) for r in m["table9"]}
    return out | {f"{_table9_row(r)} · SSIM": float(r["SSIM"]) for r in m["table9"]}


def paper_table9() -> dict:
    return {
        f"paper · {share} · Stage I {'yes' if k else 'no'}{suffix}": v[k][j]
        for share, v in paper.V2_TABLE9.items()
        for k in (0, 1)
        for j, suffix in ((0, ""), (1, " · SSIM"))
    }


def _book_shares() -> dict:
    """Device records → the share of Stage II's records they are at book scale ("1%" …)."""
    full = preset("stage2", "book")["records"]
    return {n: f"{100 * n / full:g}%" for n in preset("07_ablations", "book")["table9_records"]}


#: the share of Stage II's records each of our book-scale Table 9 rows stands for
TABLE9_SHARES = _book_shares()


def versus_table9(row: str) -> str | None:
    records, _, rest = row.partition(" records · ")
    share = TABLE9_SHARES.get(int(records)) if records.isdigit() else None
    return f"paper · {share} · {rest}" if share else None


def table12(m) -> dict:
    """Mean of the devices per (method, reference, noise): PSNR, and SSIM as "… · SSIM"."""
    means = pd.DataFrame(m["table12"]).groupby(["method", "reference", "noise"])
    out = {" · ".join(k): float(v) for k, v in means["psnr"].mean().items()}
    return out | {" · ".join(k) + " · SSIM": float(v) for k, v in means["ssim"].mean().items()}


def paper_table12() -> dict:
    return {
        f"paper · NEF-NET v2 · {ref} · {kind}{suffix}": mean(v[j] for v in values)
        for (ref, kind), values in paper.V2_TABLE12.items()
        for j, suffix in ((0, ""), (1, " · SSIM"))
    }


#: our Table 12 references and the paper's names for them
TABLE12_REFERENCES = {"noisy": "before filtering", "filtered": "after filtering"}


def versus_table12(row: str) -> str | None:
    method, reference, rest = (row.split(" · ", 2) + ["", ""])[:3]
    if method != "NEF-NET v2" or reference not in TABLE12_REFERENCES:
        return None
    return f"paper · NEF-NET v2 · {TABLE12_REFERENCES[reference]} · {rest}"


def table4(m) -> dict:
    """Unseen V2 PSNR per (method, class), and the SSIM as "… · SSIM"."""
    out = {f"{r['method']} · {r['class']}": float(r["psnr"]) for r in m["table4"]}
    return out | {f"{r['method']} · {r['class']} · SSIM": float(r["ssim"]) for r in m["table4"]}


def v2_table1(m) -> dict:
    """Chapter 06's Table 1 rows: "<method> · <column>"."""
    return {f"{row} · {c}": float(v) for row, r in m["table1"].items() for c, v in r.items()}


def paper_v2_table1() -> dict:
    from .v2_table1 import paper_table1

    return {
        f"paper · {k}": v for k, v in v2_table1({"table1": paper_table1().to_dict("index")}).items()
    }


#: our Table 1 methods → the paper's
_V2_TABLE1_NAMES = {"Nef-Net v1": "Nef-Net", "NEF-NET v2 · + Stage III": "NEF-NET v2"}


def versus_v2_table1(row: str) -> str | None:
    """Nef-Net v1 faces the paper's Nef-Net; NEF-NET v2 after Stage III (the paper's) its v2."""
    method, _, column = row.rpartition(" · ")
    theirs = _V2_TABLE1_NAMES.get(method)
    return f"paper · {theirs} · {column}" if theirs else None


def fidelity_slopes(m, role="unseen", table="fidelity") -> dict:
    """A chapter's fidelity table (chapter 10's; chapter 06's "fidelity_rec39" of the (3,9)
    reconstructions): "<method> · <measure>" → slope of synthesized against true."""
    return {
        f"{method} · {measure}": float(v["slope synth/true"])
        for key, v in m.get(table, {}).items()
        for method, r, measure in [key.rsplit(" · ", 2)]  # a method's name may hold " · "
        if r == role
    }


def versus_table2(row: str) -> str | None:
    """Table 2 rows face the paper's by protocol and method; our NEF-NET v2 row after Stage II
    and the one after Stage III (the paper's) both face its NEF-NET v2 row."""
    protocol, _, method = row.removesuffix(" · + Stage III").partition(" · ")
    method = method.replace("Nef-Net v1", "Nef-Net")
    return f"paper · {protocol} · {method}" if (method, protocol) in paper.V2_TABLE2 else None


def retention(m) -> dict:
    """Chapter 09's classifier retention: "<sim|real> · <test leads>" → macro-F1 kept."""
    return {
        f"{src} · {name} · macro-F1 kept": float(v["macro-F1 kept"])
        for src in ("sim", "real")
        for name, v in m.get(f"classifier_kept_{src}", {}).items()
    }


#: the paper's two parts of CPSC2018 in its Table 7
TABLE7_PARTS = ("training", "testing")


def paper_table7() -> dict:
    """The paper's Table 7 as shares: "paper · <training|testing> · <class>" → % of the part."""
    out = {}
    for k, part in enumerate(TABLE7_PARTS):
        total = sum(n[k] for n in paper.V2_TABLE7.values())
        out |= {f"paper · {part} · {c}": 100 * n[k] / total for c, n in paper.V2_TABLE7.items()}
    return out


def versus_table7(row: str) -> str:
    """Chapter 02's "<part> · <class>" rows face the paper's part of the same role: the Stage II
    training records its training part, the test records its testing part."""
    part, _, cls = row.rpartition(" · ")
    return f"paper · {'testing' if part.endswith('test') else 'training'} · {cls}"
