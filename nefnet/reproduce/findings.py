"""The findings page: every claim of both papers the book tests, one row each — the claim, the
paper's value, ours on SimPanobench (at the book's budget and at the highest rung of the scale
ladder) and on real records, the verdict, and the section with the evidence. Built from what the
chapters recorded (the scale ladder's scores, :mod:`nefnet.reproduce.scale_verdicts`, and the
artefacts' book references in ``recorded/reference``), never typed.

Verdicts: a ladder claim takes its class from the ladder (:func:`scale_verdicts.classify`); a
claim tested by one chapter at the book's budget only holds when our gap has the paper's sign
(the rule its chapter uses)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import numpy as np
import pandas as pd

from ..book.paper_numbers import V1_TABLE1, V2_TABLE4, V2_TABLE4_CLASSES, V2_TABLE12
from ..book.tables import MISSING
from . import artefacts, ladder_scores, scale_verdicts

#: the section of the evidence, by claim key: (chapter, section id, words)
EVIDENCE = {
    "over_lsq": ("05_three_stage", "table-5-analogue-unseen-view-v2", "05 · Table 5"),
    "over_regression": ("05_three_stage", "table-5-analogue-unseen-view-v2", "05 · Table 5"),
    "over_v1": ("06_panobench", "table-1-from-table-2", "06 · Tables 1/2"),
    "stage2_gain": ("05_three_stage", "table-5-analogue-unseen-view-v2", "05 · Table 5"),
    "stage3_gain": ("05_three_stage", "table-5-analogue-unseen-view-v2", "05 · Table 5"),
    "ofcal_psnr": ("05_three_stage", "table-10-analogue-a-wrong-angle-table", "05 · Table 10"),
    "ofcal_angle": ("05_three_stage", "table-10-analogue-a-wrong-angle-table", "05 · Table 10"),
    "over_per_patient": ("05_three_stage", "table-5-analogue-unseen-view-v2", "05 · Table 5"),
    "t11_geovt": ("07_ablations", "table-11-the-ablations", "07 · Table 11"),
    "t11_gaa": ("07_ablations", "table-11-the-ablations", "07 · Table 11"),
    "t11_eps": ("07_ablations", "table-11-the-ablations", "07 · Table 11"),
    "t3_supervision": (
        "06_panobench",
        "table-3-and-fig-5-inputs-and-supervision-on-the-48-view-device",
        "06 · Table 3",
    ),
    "t9_pretraining": ("07_ablations", "table-9-how-much-does-stage-i-buy", "07 · Table 9"),
    "v1_components": ("07_ablations", "nef-net-v1-s-ablation-its-table-3", "07 · v1 Table 3"),
    "v1_over_kim": ("03_nefnet_v1", "table-1-analogue-view-transformation", "03 · v1 Table 1"),
    "v1_over_kqo": ("03_nefnet_v1", "table-1-analogue-view-transformation", "03 · v1 Table 1"),
    "t4_every_class": ("09_clinical", "table-4-synthesis-per-class", "09 · Table 4"),
    "t12_filtering": ("08_noise", "table-12-noisy-and-filtered-references", "08 · Table 12"),
}
#: real-record claims shown in the "real records" column of their SimPanobench claim
REAL_OF = {"over_lsq": "real_over_lsq", "over_per_patient": "real_over_per_patient"}
#: the model a claim's row shows (the paper's own configuration where the ladder trains it)
ROW_MODEL = "faithful"
#: the verdicts of a claim tested at the book's budget only
HOLDS, FAILS = "holds at the book budget", "does not hold at the book budget"
#: verdicts grouped for the headline sentence: (singular, plural) phrase per group
GROUPS = {
    "hold": ({scale_verdicts.HOLDS, HOLDS}, ("holds", "hold")),
    "moving": (
        {scale_verdicts.MOVING},
        ("moves towards the paper with training", "move towards the paper with training"),
    ),
    "mixed": (
        {scale_verdicts.MIXED, scale_verdicts.UNTESTED[scale_verdicts.MIXED]},
        ("is mixed", "are mixed"),
    ),
    "fail": (
        {scale_verdicts.FAILS, scale_verdicts.UNTESTED[scale_verdicts.FAILS], FAILS},
        ("does not hold", "do not hold"),
    ),
}


@dataclass(frozen=True)
class ChapterClaim:
    """A claim one chapter tests at the book's budget: ``gap(values)`` from the book reference
    of ``artefact`` against the paper's ``paper`` value of the same gap (dB)."""

    key: str
    text: str
    artefact: str
    gap: object
    paper: float


#: Table 4's classes (its "AV" column is not a class)
V2_TABLE4_CLASSES_SHOWN = tuple(c for c in V2_TABLE4_CLASSES if c != "AV")


def _v1_over(baseline: str, protocol: str):
    def gap(v):
        return v[f"Nef-Net v1 {protocol}"] - v[f"{baseline} {protocol}"]

    return gap


def _t4_min(v):
    classes = [c for c in V2_TABLE4_CLASSES_SHOWN if f"NEF-NET v2 · {c}" in v]
    return min(v[f"NEF-NET v2 · {c}"] - v[f"Nef-Net v1 · {c}"] for c in classes)


def _t12(v):
    noises = ("powerline", "baseline")
    return float(
        np.mean(
            [v[f"NEF-NET v2 · filtered · {n}"] - v[f"NEF-NET v2 · noisy · {n}"] for n in noises]
        )
    )


_T12_PAPER = float(
    np.mean(
        [
            a[0] - b[0]
            for n in ("powerline", "baseline")
            for a, b in zip(V2_TABLE12[("after filtering", n)], V2_TABLE12[("before filtering", n)])
        ]
    )
)
CHAPTER_CLAIMS = (
    ChapterClaim(
        "v1_over_kim",
        "v1 Table 1: Nef-Net v1 transforms views better than KIM on (8,12)",
        "v1-table1",
        _v1_over("KIM", "(8,12)"),
        V1_TABLE1[("Nef-Net", "(8,12)")]["PTB"][0] - V1_TABLE1[("KIM", "(8,12)")]["PTB"][0],
    ),
    ChapterClaim(
        "v1_over_kqo",
        "v1 Table 1: Nef-Net v1 transforms views better than KQO on (3,12)",
        "v1-table1",
        _v1_over("KQO", "(3,12)"),
        V1_TABLE1[("Nef-Net", "(3,12)")]["PTB"][0] - V1_TABLE1[("KQO", "(3,12)")]["PTB"][0],
    ),
    ChapterClaim(
        "t4_every_class",
        "Table 4: NEF-NET v2 beats Nef-Net v1 in every class (the smallest gain)",
        "table4",
        _t4_min,
        min(
            V2_TABLE4[("NEF-NET v2", "PSNR")][k] - V2_TABLE4[("Nef-Net", "PSNR")][k]
            for k, c in enumerate(V2_TABLE4_CLASSES)
            if c in V2_TABLE4_CLASSES_SHOWN
        ),
    ),
    ChapterClaim(
        "t12_filtering",
        "Table 12: filtering raises synthesis under powerline and baseline noise",
        "table12",
        _t12,
        _T12_PAPER,
    ),
)


def _link(key: str) -> str:
    chapter, section, words = EVIDENCE[key]
    return f'<a href="{chapter}.html#{section}">{escape(words)}</a>'


def _gap_text(x, unit="dB") -> str:
    if x is None or not np.isfinite(x):
        return MISSING
    text = f"{x:+.2f}".replace("-", "−")
    return f"{text} {unit}" if unit != "°" else text + "°"


def ladder_rows(scores: dict, extras: dict) -> list[dict]:
    """A row per claim of the scale ladder (its paper-configuration model, or the one model a
    chapter-07 claim is scored for)."""
    table = scale_verdicts.verdicts(scores, extras)
    if table.empty:
        return []
    rows = []
    for key in EVIDENCE:
        hits = table[table["claim"] == key]
        if hits.empty:
            continue
        pick = hits[hits["model"] == ROW_MODEL]
        v = (pick if len(pick) else hits).iloc[0]
        real = table[(table["claim"] == REAL_OF.get(key, "")) & (table["model"] == v["model"])]
        gaps = v["gap_by_items"]
        rows.append(
            {
                "key": key,
                "claim": v["text"],
                "paper": _gap_text(v["target_db"], v["unit"]) if v["paper_target"] else None,
                "goal": None if v["paper_target"] else _gap_text(v["target_db"], v["unit"]),
                "book": _gap_text(gaps[min(gaps)], v["unit"]),
                "top": _gap_text(v["top_gap_db"], v["unit"]) if len(gaps) > 1 else MISSING,
                "real": _gap_text(real.iloc[0]["top_gap_db"], v["unit"]) if len(real) else MISSING,
                "verdict": v["verdict"],
            }
        )
    return rows


def chapter_rows(scale: str = "book") -> list[dict]:
    """A row per :data:`CHAPTER_CLAIMS` claim from its artefact's ``scale`` reference (left out
    when the reference or a value it needs is missing)."""
    rows = []
    for c in CHAPTER_CLAIMS:
        ref = artefacts.load_reference(c.artefact, scale)
        try:
            gap = float(c.gap(ref["values"])) if ref else None
        except (KeyError, ValueError):  # a reference recorded before the claim's values
            gap = None
        if gap is None:
            continue
        rows.append(
            {
                "key": c.key,
                "claim": c.text,
                "paper": _gap_text(c.paper),
                "goal": None,
                "book": _gap_text(gap),
                "top": MISSING,
                "real": MISSING,
                "verdict": HOLDS if np.sign(gap) == np.sign(c.paper) and gap != 0 else FAILS,
            }
        )
    return rows


def rows(scores: dict | None = None, extras: dict | None = None, scale: str = "book") -> list:
    """Every claim's row: the ladder's, then the chapters'."""
    scores = ladder_scores.read_scores() if scores is None else scores
    extras = ladder_scores.read_extras() if extras is None else extras
    return ladder_rows(scores, extras) + chapter_rows(scale)


#: the findings table's columns: (heading, row field)
COLUMNS = (
    ("Claim", "claim"),
    ("Paper (real data)", "paper"),
    ("SimPanobench, lowest budget", "book"),
    ("SimPanobench, top rung", "top"),
    ("Real CinC records", "real"),
    ("Verdict", "verdict"),
)


def table(found: list[dict]) -> pd.DataFrame:
    """The findings as a frame a reader scans (gaps in the claim's unit; the paper's value, or
    our goal in parentheses where the paper states none; the section of the evidence)."""
    rows = [
        {h: (r[k] if k != "paper" else r["paper"] or f"(goal {r['goal']})") for h, k in COLUMNS}
        | {"Evidence": EVIDENCE[r["key"]][2]}
        for r in found
    ]
    return pd.DataFrame(rows, columns=[h for h, _ in COLUMNS] + ["Evidence"])


def to_html(found: list[dict]) -> str:
    """The findings table as HTML: each claim links to the section with its evidence, the
    numbers do not wrap."""
    head = "".join(f"<th>{escape(h)}</th>" for h, _ in COLUMNS)
    body = []
    for r, (_, shown) in zip(found, table(found).iterrows()):
        claim = f"{escape(r['claim'])}<br><small>→ {_link(r['key'])}</small>"
        numbers = "".join(
            f'<td style="white-space:nowrap">{escape(str(shown[h]))}</td>' for h, _ in COLUMNS[1:-1]
        )
        body.append(f"<tr><td>{claim}</td>{numbers}<td>{escape(r['verdict'])}</td></tr>")
    note = (
        '<p class="nefnet-table-note">Gaps in dB (degrees for the angle claim): ours minus the '
        f"competitor, as the paper's value is. {MISSING} no value: the claim has no higher rung "
        "or no real-record counterpart.</p>"
    )
    return (
        '<div class="nefnet-table-box" style="overflow-x:auto;max-width:100%">'
        '<table class="nefnet-table findings" style="font-size:0.85em">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>{note}"
    )


def counts(found: list[dict]) -> dict[str, int]:
    """How many claims end in each verdict group of :data:`GROUPS`."""
    verdicts = [r["verdict"] for r in found]
    out = {g: sum(v in members for v in verdicts) for g, (members, _) in GROUPS.items()}
    unknown = set(verdicts) - set().union(*(m for m, _ in GROUPS.values()))
    if unknown:
        raise ValueError(f"verdicts without a group: {sorted(unknown)}")
    return out


def summary_sentence(found: list[dict]) -> str:
    """The headline as one sentence: how many claims the book tests, and how many end in each
    verdict group."""
    c = counts(found)
    parts = [f"{n} {GROUPS[g][1][n != 1]}" for g, n in c.items() if n]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" and {parts[-1]}"
    return f"Of the {len(found)} claims the book tests, {listed}."


#: the NEF-NET v2 models of the ladder, as the findings name them
V2_NAMES = {"faithful": "the paper's configuration", "lead-prior": "our lead-prior variant"}


def best_variant_sentence(verdicts: pd.DataFrame) -> str:
    """The headline question's other half as a sentence: the better NEF-NET v2 model's gap over
    dipole-LSQ on the unseen V2 at its highest rung, and its verdict."""
    rows = verdicts[verdicts["claim"] == "over_lsq"] if len(verdicts) else verdicts
    if rows.empty:
        return "No run of the scale ladder is scored yet."
    best = rows.loc[rows["top_gap_db"].idxmax()]
    return (
        f"The better NEF-NET v2 model on the unseen V2 of SimPanobench, "
        f"{V2_NAMES[best['model']]}, ends {_gap_text(best['top_gap_db'])} against dipole-LSQ "
        f"at its highest rung ({best['verdict']})."
    )
