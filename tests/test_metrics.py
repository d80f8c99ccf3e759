import numpy as np
import pytest
from skimage.metrics import structural_similarity

from nefnet import metrics


def test_minmax_normalise_is_joint_over_leads_and_invertible():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3, 4, 100)) * [[[1.0], [2.0], [0.1], [5.0]]]
    norm, lo, scale = metrics.minmax_normalize(x)
    assert norm.min() == 0 and norm.max() == 1
    assert np.allclose(norm.reshape(3, -1).min(1), 0) and np.allclose(norm.reshape(3, -1).max(1), 1)
    assert np.allclose(norm * scale + lo, x)
    # only one lead reaches 1 per record: the normalisation is joint, not per lead
    assert (norm.max(-1) < 1).sum() >= 3 * 3


def test_minmax_masks_padding():
    x = np.ones((2, 1, 10))
    x[:, :, :5] = np.linspace(0, 1, 5)
    x[:, :, 5:] = 100.0  # padding beyond the valid length must not set the max
    norm, _, scale = metrics.minmax_normalize(x, lengths=np.array([5, 5]))
    assert np.allclose(scale, 1.0) and np.all(norm[:, :, 5:] == 0)


def test_psnr_known_cases():
    x = np.random.default_rng(1).uniform(size=(2, 3, 50))
    assert metrics.psnr(x, x) == 100.0
    c = 0.1
    assert np.isclose(metrics.psnr(x + c, x), 20 * np.log10(1 / c))
    # per (record, lead) dB values are averaged, not the errors
    y = x.copy()
    y[0, 0] += 0.01
    y[1, 1] += 0.1
    expected = (20 * np.log10(100) + 20 * np.log10(10) + 4 * 100) / 6
    assert np.isclose(metrics.psnr(y, x), expected)


def test_psnr_respects_valid_length():
    x = np.zeros((1, 1, 20))
    y = x.copy()
    y[..., 10:] = 5.0  # error only in the padding
    assert metrics.psnr(y, x, lengths=np.array([10])) == 100.0
    assert metrics.psnr(y, x) < 100.0


def test_ssim_matches_scikit_image_random_and_lengths():
    rng = np.random.default_rng(2)
    x = rng.uniform(size=(3, 2, 300))
    y = np.clip(x + rng.normal(0, 0.1, size=x.shape), 0, 1)
    lengths = np.array([300, 123, 7])
    ours = metrics.ssim(x, y, lengths=lengths, reduction="none")
    for i, n in enumerate(lengths):
        for j in range(2):
            ref = structural_similarity(x[i, j, :n], y[i, j, :n], data_range=1.0)
            assert abs(ours[i, j] - ref) <= 1e-6


def test_ssim_matches_scikit_image_on_real_ecg(ptb_dir):
    from nefnet.data import load_ptb

    rec = load_ptb("s0010_re")
    sig = rec.signals[:12, :5000]
    norm, _, _ = metrics.minmax_normalize(sig)
    noisy = np.clip(norm + 0.02 * np.sin(np.arange(5000) / 7.0), 0, 1)
    ours = metrics.ssim(norm[None], noisy[None], reduction="none")[0]
    for j in range(12):
        assert abs(ours[j] - structural_similarity(norm[j], noisy[j], data_range=1.0)) <= 1e-6


def test_rmse_uv_pearson_r2():
    t = np.linspace(0, 1, 200)
    target = np.sin(2 * np.pi * 3 * t)[None]
    assert np.isclose(metrics.rmse_uv(target + 0.05, target)[0], 50.0)
    assert np.isclose(metrics.pearson_r(2 * target + 1, target)[0], 1.0)
    assert np.isclose(metrics.r2_score(target, target)[0], 1.0)
    assert metrics.r2_score(np.zeros_like(target) + 3, target)[0] < 0


def test_metric_bad_input():
    with pytest.raises(ValueError, match="shape"):
        metrics.psnr(np.zeros((1, 2, 10)), np.zeros((1, 3, 10)))
    with pytest.raises(ValueError, match="NaN"):
        metrics.ssim(np.full((1, 1, 10), np.nan), np.zeros((1, 1, 10)))
    with pytest.raises(ValueError, match="at least 7"):
        metrics.ssim(np.zeros((1, 1, 5)), np.zeros((1, 1, 5)))
    with pytest.raises(ValueError, match="flat line"):
        metrics.minmax_normalize(np.ones((2, 10)))
    with pytest.raises(ValueError, match="reduction"):
        metrics.psnr(np.zeros((1, 10)), np.zeros((1, 10)), reduction="sum")
