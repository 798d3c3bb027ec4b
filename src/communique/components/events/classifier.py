"""PLOVER event-type classifier: a linear softmax layer trained in numpy over the features of
:mod:`.features` (sentence embedding, predicate-phrase embedding, trigger-lexicon hits).

The embeddings are the multilingual Universal Sentence Encoder vectors of
:func:`communique.models.embed` (unit norm, 512-d), so one English-and-Russian model serves both
languages. The classes are the 16 PLOVER event types plus ``NONE`` (a sentence that reports no
event: a heading, background, a fact). The shipped parameters live in ``plover_model.npz``
(float16, about 50 kB; see ``MODEL_LICENSE.md``); ``scripts/train_plover.py`` rebuilds them.

Combination with the trigger lexicons (the rule used by :mod:`.component`): the classifier gives
``p`` over the 17 classes; each event type whose trigger lemma occurs in the sentence gets a bonus
``TRIGGER_BONUS``; the winner is ``argmax(p + bonus)``. An event is kept when the winner is not
``NONE`` and either a trigger of that type matched or ``p[winner] >= MIN_PROB_NO_TRIGGER``. The
confidence is ``(p[winner] + bonus[winner]) / (1 + TRIGGER_BONUS)``, so a type that both the
classifier and a trigger support scores highest; events under ``MIN_CONFIDENCE`` are dropped.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from ...records import PLOVER_TYPES

NONE = "NONE"
LABELS: tuple[str, ...] = (*PLOVER_TYPES, NONE)
MODEL_PATH = Path(__file__).with_name("plover_model.npz")
TRIGGER_BONUS = 0.35
MIN_PROB_NO_TRIGGER = 0.5
MIN_CONFIDENCE = 0.30  # below it a triggered type is too weak to report (p < 0.055)
# training options of the shipped model (scripts/train_plover.py) and of the evaluations
TRAIN_OPTIONS = {"l2": 1e-3, "epochs": 400, "lr": 0.05, "balanced": True, "seed": 0}
# labels of the PLOVER 0.5b1 gold records renamed in the 16-type manual
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
              "FIGHT": "ASSAULT"}


def map_label(label: str) -> str:
    label = label.strip().upper()
    return OLD_LABELS.get(label, label)


def train_softmax(x: np.ndarray, y: np.ndarray, *, n_classes: int, l2: float = 1e-3,
                  epochs: int = 400, lr: float = 0.05, balanced: bool = True,
                  seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression by full-batch Adam; returns (W (d, k), b (k,)).

    ``balanced`` weights each example by the inverse frequency of its class. Deterministic: the
    weights start from a small normal draw of a generator seeded with ``seed``.
    """
    n, d = x.shape
    rng = np.random.default_rng(seed)
    w = rng.normal(0.0, 1e-3, size=(d, n_classes)).astype(np.float64)
    b = np.zeros(n_classes)
    counts = np.bincount(y, minlength=n_classes).astype(np.float64)
    if balanced:
        cw = np.where(counts > 0, n / (n_classes * np.maximum(counts, 1)), 0.0)
        sw = cw[y]
    else:
        sw = np.ones(n)
    sw = sw / sw.sum()
    onehot = np.eye(n_classes)[y]
    xs = x.astype(np.float64)
    m_w, v_w, m_b, v_b = (np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b))
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, epochs + 1):
        probs = softmax(xs @ w + b)
        grad_logits = (probs - onehot) * sw[:, None]
        g_w = xs.T @ grad_logits + l2 * w
        g_b = grad_logits.sum(axis=0)
        for param, grad, m, v in ((w, g_w, m_w, v_w), (b, g_b, m_b, v_b)):
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            m_hat = m / (1 - beta1 ** step)
            v_hat = v / (1 - beta2 ** step)
            param -= lr * m_hat / (np.sqrt(v_hat) + eps)
    return w.astype(np.float32), b.astype(np.float32)


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class PloverClassifier:
    """Linear softmax over sentence embeddings; ``labels`` name the columns of ``weights``."""

    weights: np.ndarray
    bias: np.ndarray
    labels: tuple[str, ...] = LABELS
    meta: dict = field(default_factory=dict)

    @classmethod
    def fit(cls, x: np.ndarray, labels: Sequence[str], **options) -> "PloverClassifier":
        index = {name: i for i, name in enumerate(LABELS)}
        y = np.array([index[label] for label in labels], dtype=np.int64)
        w, b = train_softmax(x, y, n_classes=len(LABELS), **options)
        return cls(weights=w, bias=b, labels=LABELS, meta={"options": options, "n": int(len(y))})

    def predict_proba(self, x: np.ndarray, *, allow_none: bool = True) -> np.ndarray:
        logits = np.asarray(x, dtype=np.float32) @ self.weights.astype(np.float32)
        logits = logits + self.bias.astype(np.float32)
        if not allow_none and NONE in self.labels:
            logits[:, self.labels.index(NONE)] = -np.inf
        return softmax(logits.astype(np.float64))

    def predict(self, x: np.ndarray, *, allow_none: bool = True) -> list[str]:
        probs = self.predict_proba(x, allow_none=allow_none)
        return [self.labels[i] for i in probs.argmax(axis=1)]

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float16),
            labels=np.array(self.labels), meta=np.array(json.dumps(self.meta, sort_keys=True)))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "PloverClassifier":
        with np.load(path, allow_pickle=False) as data:
            return cls(weights=data["weights"].astype(np.float32),
                       bias=data["bias"].astype(np.float32),
                       labels=tuple(str(x) for x in data["labels"]),
                       meta=json.loads(str(data["meta"])))


def combine(probs: np.ndarray, *, labels: Sequence[str], triggered: set[str]) -> tuple[str, float]:
    """The final (type, confidence) of one sentence from classifier probabilities and triggers.

    Returns (``NONE``, p) when no event is kept (see the module docstring for the rule).
    """
    bonus = np.array([TRIGGER_BONUS if name in triggered else 0.0 for name in labels])
    score = probs + bonus
    best = int(score.argmax())
    label = labels[best]
    confidence = float(min(1.0, score[best] / (1.0 + TRIGGER_BONUS)))
    if label == NONE:
        return NONE, float(probs[best])
    if label not in triggered and probs[best] < MIN_PROB_NO_TRIGGER:
        return NONE, float(probs[best])
    if confidence < MIN_CONFIDENCE:
        return NONE, float(probs[best])
    return label, round(confidence, 4)
