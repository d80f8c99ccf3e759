import numpy as np
import pytest

from nefnet import beats, signal as sig


def test_resample_keeps_a_slow_sine():
    fs = 1000
    t = np.arange(0, 2, 1 / fs)
    x = np.sin(2 * np.pi * 5 * t)[None]
    y = sig.resample(x, fs, 500)
    assert y.shape == (1, 1000)
    assert np.abs(y[0, 50:-50] - np.sin(2 * np.pi * 5 * t[::2])[50:-50]).max() < 1e-2


def test_filters_remove_what_they_should():
    fs = 500
    t = np.arange(0, 10, 1 / fs)
    ecgish = np.sin(2 * np.pi * 10 * t)
    wander = 2 * np.sin(2 * np.pi * 0.1 * t)
    mains = 0.5 * np.sin(2 * np.pi * 50 * t)
    x = (ecgish + wander + mains)[None]
    core = slice(500, -500)
    hp = sig.highpass(x - mains, fs, 0.5)
    assert np.abs(hp[0, core] - ecgish[core]).max() < 0.1
    no_mains = sig.notch(x - wander, fs, 50)
    assert np.abs(no_mains[0, core] - ecgish[core]).max() < 0.05
    band = sig.bandpass(x - mains, fs, 0.5, 40)
    assert np.abs(band[0, core] - ecgish[core]).max() < 0.1


@pytest.mark.parametrize(
    "call,match",
    [
        (lambda x: sig.highpass(x, 0, 0.5), "sampling_rate"),
        (lambda x: sig.lowpass(x, 100, 60), "Nyquist"),
        (lambda x: sig.bandpass(x, 500, 40, 0.5), "low < high"),
        (lambda x: sig.highpass(x[:, :8], 500, 0.5), "too short"),
        (lambda x: sig.resample(x, -1, 500), "sampling_rate"),
    ],
)
def test_bad_rates_and_short_records(call, match):
    with pytest.raises(ValueError, match=match):
        call(np.zeros((1, 1000)))


def test_r_peaks_and_median_beat_on_real_ptb(ptb_dir):
    from nefnet.data import load_ptb

    rec = load_ptb("s0322lre").segment(0, 20)
    peaks = beats.detect_r_peaks(rec.signals[:12], rec.sampling_rate)
    rr = np.diff(peaks) / rec.sampling_rate
    assert 15 <= len(peaks) <= 40 and np.all((rr > 0.4) & (rr < 1.6))
    beat, t = beats.median_beat(rec.signals, rec.sampling_rate, peaks)
    assert beat.shape == (15, 800) and np.isclose(t[300], 0.0)
