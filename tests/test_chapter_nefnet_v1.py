"""Beat-level scoring of chapter 03 (linear baselines and the v1 model)."""

import numpy as np
import pytest
import torch

from nefnet.chapters import nefnet_v1 as v1_study
from nefnet.data.beat_dataset import beat_bounds
from nefnet.data.protocols import Protocol
from nefnet.models import NefNetV1, NefNetV1Config
from nefnet.scoring.evaluate import beat_scores
from nefnet.scoring.methods import baseline_method, model_method
from nefnet.simulate import SimConfig, simulate_record
from nefnet.views import INDEPENDENT_8, LEADS_12


@pytest.fixture(scope="module")
def records():
    return [simulate_record(SimConfig(duration=4.0, classes=("Normal",)), 9, i) for i in range(2)]


def test_beat_scores_rank_methods_sensibly(records):
    p = Protocol("(8,12)", INDEPENDENT_8, LEADS_12)
    lsq = beat_scores(baseline_method("dipole-LSQ"), records, p)
    three = Protocol("(3,12)", ("II", "V2", "V6"), LEADS_12)
    kqo = beat_scores(baseline_method("KQO"), records, three)
    lsq3 = beat_scores(baseline_method("dipole-LSQ"), records, three)
    assert set(lsq["view"]) == set(INDEPENDENT_8)  # derived limb leads are not scored
    assert lsq["psnr"].mean() > 25 and lsq["ssim"].mean() > 0.9
    # eight inputs reproduce the leads the three-lead set lacks better than three inputs do
    lacking = ~lsq["view"].isin(three.recorded)
    lacking3 = lsq3["view"].isin(lsq.loc[lacking, "view"])
    assert lsq.loc[lacking, "psnr"].mean() > lsq3.loc[lacking3, "psnr"].mean()
    assert np.isfinite(kqo["psnr"]).all()
    with pytest.raises(ValueError, match="unknown baseline"):
        baseline_method("Frank")


def test_model_scores_and_table(records):
    torch.manual_seed(0)
    model = NefNetV1(NefNetV1Config.preset("smoke"))
    p = Protocol("v2", ("I", "II", "V3"), (), ("V2",))
    table = v1_study.score_table(
        {
            ("Nef-Net v1", "x"): (model_method(model), p),
            ("dipole-LSQ", "x"): (baseline_method("dipole-LSQ"), p),
        },
        records,
    )
    assert table.shape == (2, 3) and (table["beats"] > 3).all()
    assert np.isfinite(table["PSNR"]).all()
    b = beat_bounds(records[0], 0)
    assert len(b) == 8 and b[0] == 0 and all(x <= y for x, y in zip(b, b[1:]))


def test_synthesis_from_scratch_bank_and_mix(records):
    torch.manual_seed(0)
    model = NefNetV1(NefNetV1Config.preset("smoke")).eval()
    p = Protocol("(8,12)", INDEPENDENT_8, LEADS_12)
    bank = v1_study.deflection_bank(model, records, p, max_beats=3)
    assert list(bank) == ["Normal"] and bank["Normal"].shape[0] == 1
    beats, lam = v1_study.from_scratch(
        model,
        bank,
        "Normal",
        "Normal",
        [0, 20, 60, 90, 140, 200, 300, 400],
        LEADS_12,
        512,
        np.random.default_rng(0),
    )
    assert beats.shape == (12, 512) and 0 <= lam <= 1
