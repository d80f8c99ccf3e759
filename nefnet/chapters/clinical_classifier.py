"""Chapter 09, the Nef-Net v1 Table 4 question asked of bundle-branch blocks: does a classifier
do better when the leads it lacks are synthesized? A small 1-D CNN reads one beat of some
leads and calls Normal / LBBB / RBBB; it is trained and tested with the recorded leads only,
with V1 and V6 synthesized added, and with the true V1 and V6 added (the ceiling)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import torch
from torch import nn

from ..scoring.methods import for_record
from .clinical import SYNTHESIZED, beat, with_synthesized

#: the classes the classifier tells apart, and the beat length it reads (seconds)
LABELS = ("Normal", "LBBB", "RBBB")
BEAT_S = 0.8


class BeatCNN(nn.Module):
    """Leads (B, L, T) of one beat → class logits (B, 3): two convolutions and a global
    average."""

    def __init__(self, n_leads: int, width=16, n_classes=3):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv1d(n_leads, width, 7, padding=3),
            nn.ReLU(),
            nn.MaxPool1d(2),
            nn.Conv1d(width, 2 * width, 7, padding=3),
            nn.ReLU(),
            nn.AdaptiveAvgPool1d(1),
        )
        self.head = nn.Linear(2 * width, n_classes)

    def forward(self, x):
        return self.head(self.body(x).squeeze(-1))


def beats_of(records, leads, method=None, recorded=None) -> np.ndarray:
    """One beat (N, L, T) of ``leads`` per record — with V1 and V6 synthesized from
    ``recorded`` by ``method`` first, when given — scaled per beat to unit range."""
    out = []
    for rec in records:
        waves = getattr(rec, "waves", None)
        peaks = waves["r_peak"] if waves is not None else None
        sig = rec.reference
        if method is not None:
            sig = with_synthesized(sig, rec.leads, for_record(method, rec), recorded, SYNTHESIZED)
        b = beat(sig, rec, peaks)
        x = np.stack([b[v] for v in leads])
        n = int(BEAT_S * rec.sampling_rate)
        x = x[:, :n] if x.shape[1] >= n else np.pad(x, ((0, 0), (0, n - x.shape[1])), mode="edge")
        x = x - np.median(x, axis=1, keepdims=True)
        out.append(x / (np.abs(x).max() + 1e-9))
    return np.stack(out).astype(np.float32)


def train(x, y, seed=0, epochs=60, lr=3e-3) -> BeatCNN:
    """Fit a :class:`BeatCNN` on beats ``x`` (N, L, T) and labels ``y`` (N,) (full batch)."""
    torch.manual_seed(seed)
    model = BeatCNN(x.shape[1])
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    xt, yt = torch.from_numpy(x), torch.as_tensor(y)
    for _ in range(epochs):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(xt), yt)
        loss.backward()
        opt.step()
    return model.eval()


def auc(scores, positive) -> float:
    """ROC-AUC of ``scores`` for the boolean ``positive`` (Mann–Whitney, ties counted half)."""
    s, p = np.asarray(scores, dtype=float), np.asarray(positive, dtype=bool)
    if p.all() or not p.any():
        return float("nan")
    diff = s[p][:, None] - s[~p][None, :]
    return float((diff > 0).mean() + 0.5 * (diff == 0).mean())


def macro_f1(pred, y) -> float:
    """The unweighted mean of the classes' F1 (a class neither predicted nor present: left out)."""
    scores = []
    for k in range(len(LABELS)):
        tp = np.sum((pred == k) & (y == k))
        fp, fn = np.sum((pred == k) & (y != k)), np.sum((pred != k) & (y == k))
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores))


def evaluate(model, x, y) -> dict:
    """Accuracy and one-vs-rest ROC-AUC per class on beats ``x`` with labels ``y``."""
    with torch.no_grad():
        prob = torch.softmax(model(torch.from_numpy(x)), dim=1).numpy()
    out = {"accuracy": float((prob.argmax(1) == y).mean()), "macro-F1": macro_f1(prob.argmax(1), y)}
    for k, label in enumerate(LABELS):
        out[f"AUC {label}"] = auc(prob[:, k], y == k)
    return out


def compare(train_recs, test_recs, settings: dict, seeds=(0, 1, 2)) -> pd.DataFrame:
    """``settings``: {name: (leads, method or None, recorded)}; each is trained on the
    ``train_recs`` beats and scored on ``test_recs`` for every seed. Mean and SD per name."""
    y_train = np.array([LABELS.index(label_of(r)) for r in train_recs])
    y_test = np.array([LABELS.index(label_of(r)) for r in test_recs])
    rows = []
    for name, (leads, method, recorded) in settings.items():
        xtr = beats_of(train_recs, leads, method, recorded)
        xte = beats_of(test_recs, leads, method, recorded)
        for seed in seeds:
            rows.append(
                {"setting": name, "seed": seed, **evaluate(train(xtr, y_train, seed), xte, y_test)}
            )
    table = pd.DataFrame(rows).drop(columns="seed").groupby("setting", sort=False)
    return table.mean().join(table.std(ddof=1), rsuffix=" SD")


def retention(train_recs, test_recs, recorded, methods: dict, seeds=(0, 1, 2)) -> pd.DataFrame:
    """Diagnostic fidelity by classification: the classifier is trained on the *true* leads
    (``recorded`` + V1, V6) and tested on the true leads and on the same test beats with V1
    and V6 synthesized by each ``{name: method}``. Per row (mean over ``seeds``): accuracy,
    macro-F1 and the share of the true leads' score each keeps."""
    leads = tuple(recorded) + SYNTHESIZED
    y_train = np.array([LABELS.index(label_of(r)) for r in train_recs])
    y_test = np.array([LABELS.index(label_of(r)) for r in test_recs])
    x_train = beats_of(train_recs, leads, None, recorded)
    tests = {"true V1, V6": beats_of(test_recs, leads, None, recorded)}
    tests |= {name: beats_of(test_recs, leads, m, recorded) for name, m in methods.items()}
    rows = []
    for seed in seeds:
        model = train(x_train, y_train, seed)
        for name, x in tests.items():
            rows.append({"test leads": name, **evaluate(model, x, y_test)})
    table = pd.DataFrame(rows).groupby("test leads", sort=False)[["accuracy", "macro-F1"]].mean()
    for col in ("accuracy", "macro-F1"):
        table[f"{col} kept"] = table[col] / table.loc["true V1, V6", col]
    return table


def label_of(record) -> str:
    """A record's class, with the roahd file's "healthy" read as Normal."""
    label = getattr(record, "label", None) or record.meta.get("label")
    return "Normal" if label == "healthy" else label


def simulated(n_train: int, n_test: int, device="sim-cpsc"):
    """(train, test) simulated records, ``n_train`` / ``n_test`` per class, from the training
    and the test seed."""
    from ..book import pipeline
    from .clinical import class_records

    def pool(n, seed):
        return [r for rs in class_records(LABELS, n, device, seed).values() for r in rs]

    return pool(n_train, pipeline.TRAIN_SEED), pool(n_test, pipeline.TEST_SEED)


def split(records, test_share=0.4, seed=0):
    """A seeded, class-stratified split of ``records`` into (train, test)."""
    rng = np.random.default_rng(seed)
    train_recs, test_recs = [], []
    for label in LABELS:
        group = [r for r in records if label_of(r) == label]
        order = rng.permutation(len(group))
        cut = int(round(test_share * len(group)))
        test_recs += [group[i] for i in order[:cut]]
        train_recs += [group[i] for i in order[cut:]]
    return train_recs, test_recs
