import numpy as np
import pytest
import torch
from torch.utils.data import DataLoader

from nefnet.data import Record
from nefnet.data.protocols import PROTOCOLS, any_pairs, get_protocol, panobench_protocol
from nefnet.data.torch_dataset import ViewPairDataset
from nefnet.simulate import SimConfig, simulate_record
from nefnet.views import DERIVED_LIMB, LEADS_12


@pytest.fixture(scope="module")
def records():
    return [simulate_record(SimConfig(duration=4.0), 11, i) for i in range(4)]


def test_protocols_partition_the_12_leads():
    for p in PROTOCOLS.values():
        assert not set(p.recorded) & set(p.unseen)
        assert set(p.recorded) | set(p.targets) == set(LEADS_12)
        assert not set(p.independent_targets) & set(DERIVED_LIMB)
    p = get_protocol("(3,8,1)")
    assert len(p.recorded) == 3 and len(p.supervised) == 8 and p.unseen == ("V2",)
    assert len(get_protocol("(5,6,1)").supervised) == 6
    with pytest.raises(ValueError, match="unknown protocol"):
        get_protocol("(4,4)")


def test_panobench_sets_follow_code_indices():
    p = panobench_protocol(3, 9)
    assert p.recorded == ("I", "II", "view-28") and len(p.supervised) == 9
    assert len(p.recorded) + len(p.supervised) + len(p.unseen) == 44  # 48 − 4 derived
    with pytest.raises(ValueError, match="Panobench sets"):
        panobench_protocol(4, 9)


def test_any_pairs_sampling():
    rng = np.random.default_rng(0)
    sizes = set()
    for _ in range(200):
        rec, q = any_pairs(LEADS_12, rng)
        assert rec[:2] == ("I", "II") and not set(q) & set(rec)
        assert not set(q) & set(DERIVED_LIMB) and not set(rec) & set(DERIVED_LIMB)
        sizes.add(len(rec))
    assert sizes == {3, 4, 5}
    with pytest.raises(ValueError, match="needs leads I and II"):
        any_pairs(("V1", "V2", "V3"), rng)


def test_fixed_protocol_items_and_denormalisation(records):
    ds = ViewPairDataset(records, get_protocol("(3,8,1)"), crop=(500, 1000))
    item = ds[1]
    assert item["inputs"].shape == (3, 1000) and item["targets"].shape == (9, 1000)
    n = int(item["length"])
    assert 500 <= n <= 1000 and torch.all(item["inputs"][:, n:] == 0)
    both = torch.cat([item["inputs"], item["targets"]])[:, :n]
    assert float(both.min()) == 0.0 and float(both.max()) == pytest.approx(1.0)
    mv = both * item["scale"] + item["offset"]
    rec = records[1]
    assert np.isclose(float(np.ptp(mv.numpy())), float(item["scale"]), rtol=1e-5)
    assert np.allclose(item["input_angles"][0].numpy(), np.radians([90, 90]))
    again = ds[1]
    assert torch.equal(item["inputs"], again["inputs"])  # deterministic per (seed, epoch, i)
    ds.set_epoch(1)
    assert not torch.equal(item["inputs"], ds[1]["inputs"])
    assert rec.signals.shape[1] == 2000


def test_any_pairs_loader_and_true_angles(records):
    ds = ViewPairDataset(records, None, crop=800, n_queries=2, angles="true")
    item = ds[0]
    assert item["targets"].shape == (2, 800) and item["target_angles"].shape == (2, 2)
    fixed = ViewPairDataset(records, get_protocol("(8,12)"), crop=800)
    batch = next(iter(DataLoader(fixed, batch_size=4)))
    assert batch["inputs"].shape == (4, 8, 800) and batch["targets"].shape == (4, 12, 800)
    with pytest.raises(ValueError, match="longer than a record"):
        ViewPairDataset(records, None, crop=5000)[0]
    two_leads = Record(records[0].signals[:2, :500], 500, ("I", "II"))
    with pytest.raises(ValueError, match="has no lead"):
        ViewPairDataset([two_leads], get_protocol("(3,9)"), crop=100)
