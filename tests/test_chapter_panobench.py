"""Chapter 06's computations on small inputs: table layout, roles, angles to the nearest view,
and the distance effect."""

import numpy as np
import pandas as pd
import pytest

from nefnet.chapters import panobench, panobench_sphere as sphere
from nefnet.data.protocols import get_protocol
from nefnet.models import DipoleLSQModel
from nefnet.scoring.methods import baseline_method, model_method
from nefnet.simulate import SimConfig, simulate_record


def test_panobench_protocol_names_round_trip():
    p = get_protocol("panobench(5, 6)")
    assert p.name == "panobench(5,6)" and get_protocol(p.name) == p
    assert len(p.recorded) == 5 and len(p.supervised) == 6
    with pytest.raises(ValueError, match="inputs \\[3, 5, 7, 9\\].*got \\(4, 6\\)"):
        get_protocol("panobench(4,6)")
    with pytest.raises(ValueError, match="panobench\\(N,M\\)"):
        get_protocol("(4,6)")


def test_roles_and_nearest_angles():
    p = get_protocol("panobench(3,3)")
    roles = sphere.roles(p)
    assert len(roles) == 44 and sum(r == "recorded" for r in roles.values()) == 3
    assert sum(r == "supervised" for r in roles.values()) == 3
    assert np.allclose(sphere.nearest_deg(p.recorded, p.recorded), 0.0)
    d = sphere.nearest_deg(["V1"], ["V2", "V6"])  # V1 is nearer V2 than V6
    assert 0 < d[0] < sphere.nearest_deg(["V1"], ["V6"])[0]


def test_distance_effect_finds_a_planted_slope():
    rng = np.random.default_rng(0)
    dist = rng.uniform(0, 60, 40)
    table = pd.DataFrame(
        {
            "psnr": 35 - 0.2 * dist + rng.normal(0, 0.1, 40),
            "to_recorded_deg": dist,
            "to_seen_deg": rng.uniform(0, 60, 40),
        }
    )
    effect = sphere.distance_effect(table)
    assert effect.loc["to_recorded_deg", "spearman_rho"] < -0.95
    assert effect.loc["to_recorded_deg", "dB_per_10deg"] == pytest.approx(-2.0, abs=0.1)
    assert abs(effect.loc["to_seen_deg", "spearman_rho"]) < 0.5


def test_tables_from_scores():
    recs = [simulate_record(SimConfig(), 3, k) for k in range(3)]
    methods = {"dipole-LSQ": baseline_method("dipole-LSQ"), "Dower": baseline_method("Dower")}
    rows = panobench.score_methods(
        methods, recs, get_protocol("(3,8,1)"), device="d", protocol="(3,8,1)"
    )
    rows += panobench.score_methods(
        methods, recs, get_protocol("(3,9)"), device="d", protocol="(3,9)"
    )
    long = pd.DataFrame(rows)
    assert set(long["task"]) == {"synthesis", "reconstruction"}
    table = panobench.table2(long)
    assert list(table.index.get_level_values(0).unique()) == ["(3,8,1)", "(3,9)"]
    assert "±" in table.iloc[0, 0] and "mean of devices" in table
    pan = sphere.panorama(
        model_method(DipoleLSQModel()),
        simulate_record(SimConfig(device="sim-panobench"), 1, 0),
        get_protocol("panobench(3,12)"),
    )
    scores = sphere.panorama_scores(pan)
    assert scores["recorded"] > scores["synthesized"]  # LSQ nearly reproduces its inputs
