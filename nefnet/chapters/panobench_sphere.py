"""Chapter 06, around the sphere: a synthesized 48-view panorama beside the truth (the Fig. 12
analogue), and synthesis error against the angular distance from each unseen view to the
nearest view the model was given or supervised on."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from .. import metrics
from ..data.protocols import Protocol
from ..geometry import angle_between, view_angles
from ..scoring.evaluate import score_last
from ..simulate.validate import single_dipole_r2
from ..views import DERIVED_LIMB, PANOBENCH_48

#: the panorama's views: the 44 independent Panobench views (the derived limb leads left out)
PANORAMA = tuple(v for v in PANOBENCH_48 if v not in DERIVED_LIMB)


def roles(protocol: Protocol) -> dict:
    """Each panorama view's role: recorded, supervised or synthesized (never seen)."""
    out = {}
    for v in PANORAMA:
        if v in protocol.recorded:
            out[v] = "recorded"
        elif v in protocol.supervised:
            out[v] = "supervised"
        else:
            out[v] = "synthesized"
    return out


def panorama(method, record, protocol: Protocol, seconds=2.0) -> dict:
    """The last ``seconds`` of every panorama view of ``record``: truth and the method's
    synthesis from the protocol's recorded views (joint scale as in scoring)."""
    n = int(seconds * record.sampling_rate)
    x = record.select(protocol.recorded)[:, -n:]
    y = record.select_reference(PANORAMA)[:, -n:]
    joint = metrics.joint_range(x, y)
    pred = method(
        x,
        protocol.recorded,
        view_angles(protocol.recorded),
        PANORAMA,
        view_angles(PANORAMA),
        joint=joint,
    )
    return {
        "time": np.arange(n) / record.sampling_rate,
        "truth": y,
        "synth": pred,
        "views": PANORAMA,
        "roles": roles(protocol),
        "joint": joint,
    }


def panorama_scores(pan: dict) -> dict:
    """Mean PSNR (dB, joint scale) of the panorama's views by role."""
    lo, scale = pan["joint"]
    psnr = metrics.psnr(
        ((pan["synth"] - lo) / scale)[None], ((pan["truth"] - lo) / scale)[None], reduction="none"
    )[0]
    by_role = pd.Series(psnr, index=[pan["roles"][v] for v in pan["views"]])
    return {role: round(float(v), 3) for role, v in by_role.groupby(level=0).mean().items()}


def nearest_deg(views, among) -> np.ndarray:
    """Great-circle angle (degrees) from each of ``views`` to the nearest of ``among``."""
    a, b = view_angles(views), view_angles(among)
    return angle_between(a[:, None, :], b[None, :, :]).min(axis=1)


def distance_table(method, records, protocol: Protocol) -> pd.DataFrame:
    """Per unseen view: mean PSNR over the records, and the angle to the nearest recorded view
    and to the nearest view seen in training (recorded or supervised)."""
    scores = score_last(method, records, protocol)
    unseen = scores[(scores["role"] == "unseen") & ~scores["view"].isin(DERIVED_LIMB)]
    per_view = unseen.groupby("view", sort=False)["psnr"].agg(["mean", "std"])
    views = list(per_view.index)
    seen = list(protocol.recorded) + [v for v in protocol.supervised if v not in DERIVED_LIMB]
    return pd.DataFrame(
        {
            "psnr": per_view["mean"].to_numpy(),
            "psnr_sd": per_view["std"].to_numpy(),
            "to_recorded_deg": nearest_deg(views, protocol.recorded),
            "to_seen_deg": nearest_deg(views, seen),
        },
        index=pd.Index(views, name="view"),
    )


def distance_effect(table: pd.DataFrame) -> pd.DataFrame:
    """Spearman ρ (with p) and the least-squares slope (dB per 10°) of PSNR against each
    distance."""
    rows = {}
    for col in ("to_recorded_deg", "to_seen_deg"):
        rho, p = stats.spearmanr(table[col], table["psnr"])
        slope = np.polyfit(table[col], table["psnr"], 1)[0] * 10
        rows[col] = {"spearman_rho": rho, "p_value": p, "dB_per_10deg": slope}
    return pd.DataFrame(rows).T


def dipolar_share(records, views=PANORAMA) -> float:
    """Median over records and views of the R² a single fixed dipole explains (rank-3 fit of
    the noise-free views): how close the device's panorama is to what three leads determine."""
    return float(np.median(np.concatenate([single_dipole_r2(r, views) for r in records])))
