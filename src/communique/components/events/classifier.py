"""PLOVER event-type classifier: the average of two softmax models trained in numpy over the
features of :mod:`.features` (sentence embedding, predicate-phrase embeddings, trigger-lexicon
hits): a small network (one hidden ReLU layer, trained with dropout) and a linear layer. On the
evaluations the network is the more accurate, the linear layer the more consistent between a
text and its translation; their average beats both (docs/quality.md).

The embeddings are the multilingual Universal Sentence Encoder vectors of
:func:`communique.models.embed` (unit norm, 512-d), so one English-and-Russian model serves both
languages. The classes are the 16 PLOVER event types plus ``NONE`` (a sentence that reports no
event: a heading, background, a fact). The shipped parameters live in ``plover_model.npz``
(float16, under 1 MB; see ``MODEL_LICENSE.md``); ``scripts/train_plover.py`` rebuilds them.

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
MIN_PROB_NO_TRIGGER = 0.7
MIN_CONFIDENCE = 0.35  # below it a triggered type is too weak to report (p < 0.12)
# training options of the shipped model (scripts/train_plover.py) and of the evaluations
NETWORK_OPTIONS = {"hidden": 256, "dropout": 0.5, "l2": 1e-4, "epochs": 300, "lr": 0.01,
                   "balanced": True, "seed": 0}
LINEAR_OPTIONS = {"l2": 1e-3, "epochs": 400, "lr": 0.05, "balanced": True, "seed": 0}
TRAIN_MEMBERS = (NETWORK_OPTIONS, LINEAR_OPTIONS)  # the members of the shipped model
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
    params = [rng.normal(0.0, 1e-3, size=(d, n_classes)), np.zeros(n_classes)]
    sw = _sample_weights(y, n_classes=n_classes, balanced=balanced)
    onehot = np.eye(n_classes)[y]
    xs = x.astype(np.float64)
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    for step in range(1, epochs + 1):
        grad_logits = (softmax(xs @ params[0] + params[1]) - onehot) * sw[:, None]
        grads = (xs.T @ grad_logits + l2 * params[0], grad_logits.sum(axis=0))
        _adam(params, grads, moments, step=step, lr=lr)
    return params[0].astype(np.float32), params[1].astype(np.float32)


def train_mlp(x: np.ndarray, y: np.ndarray, *, n_classes: int, hidden: int = 256,
              dropout: float = 0.5, l2: float = 1e-4, epochs: int = 300, lr: float = 0.01,
              balanced: bool = True, seed: int = 0) -> tuple[np.ndarray, ...]:
    """One hidden ReLU layer + softmax by full-batch Adam with dropout on the hidden layer;
    returns (W1 (d, h), b1 (h,), W2 (h, k), b2 (k,)). Deterministic for a given ``seed``."""
    n, d = x.shape
    rng = np.random.default_rng(seed)
    params = [rng.normal(0.0, np.sqrt(2.0 / d), size=(d, hidden)), np.zeros(hidden),
              rng.normal(0.0, np.sqrt(1.0 / hidden), size=(hidden, n_classes)),
              np.zeros(n_classes)]
    sw = _sample_weights(y, n_classes=n_classes, balanced=balanced)
    onehot = np.eye(n_classes)[y]
    xs = x.astype(np.float64)
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    for step in range(1, epochs + 1):
        w1, b1, w2, b2 = params
        pre = xs @ w1 + b1
        mask = (rng.random(pre.shape) >= dropout) / (1.0 - dropout) if dropout else 1.0
        act = np.maximum(pre, 0.0) * mask
        grad_logits = (softmax(act @ w2 + b2) - onehot) * sw[:, None]
        grad_act = (grad_logits @ w2.T) * mask * (pre > 0)
        grads = (xs.T @ grad_act + l2 * w1, grad_act.sum(axis=0),
                 act.T @ grad_logits + l2 * w2, grad_logits.sum(axis=0))
        _adam(params, grads, moments, step=step, lr=lr)
    return tuple(p.astype(np.float32) for p in params)


def _sample_weights(y: np.ndarray, *, n_classes: int, balanced: bool) -> np.ndarray:
    """Per-example weights summing to 1; ``balanced`` weighs each class equally."""
    n = len(y)
    counts = np.bincount(y, minlength=n_classes).astype(np.float64)
    if balanced:
        sw = np.where(counts > 0, n / (n_classes * np.maximum(counts, 1)), 0.0)[y]
    else:
        sw = np.ones(n)
    return sw / sw.sum()


def _adam(params, grads, moments, *, step: int, lr: float,
          beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8) -> None:
    for param, grad, (m, v) in zip(params, grads, moments):
        m *= beta1
        m += (1 - beta1) * grad
        v *= beta2
        v += (1 - beta2) * grad * grad
        param -= lr * (m / (1 - beta1 ** step)) / (np.sqrt(v / (1 - beta2 ** step)) + eps)


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class Member:
    """One softmax model: through one hidden ReLU layer when ``hidden_weights`` is set."""

    weights: np.ndarray
    bias: np.ndarray
    hidden_weights: np.ndarray | None = None
    hidden_bias: np.ndarray | None = None
    options: dict = field(default_factory=dict)

    @classmethod
    def fit(cls, x: np.ndarray, y: np.ndarray, *, n_classes: int, **options) -> "Member":
        """``hidden`` in ``options`` (0 or absent: linear) chooses :func:`train_mlp` or
        :func:`train_softmax`."""
        if options.get("hidden"):
            w1, b1, w2, b2 = train_mlp(x, y, n_classes=n_classes, **options)
            return cls(weights=w2, bias=b2, hidden_weights=w1, hidden_bias=b1, options=options)
        linear = {k: v for k, v in options.items() if k not in ("hidden", "dropout")}
        w, b = train_softmax(x, y, n_classes=n_classes, **linear)
        return cls(weights=w, bias=b, options=options)

    def logits(self, x: np.ndarray) -> np.ndarray:
        z = np.asarray(x, dtype=np.float32)
        if self.hidden_weights is not None:
            z = np.maximum(z @ self.hidden_weights + self.hidden_bias, 0.0)
        return z @ self.weights + self.bias

    def arrays(self) -> dict[str, np.ndarray]:
        out = {"weights": self.weights, "bias": self.bias}
        if self.hidden_weights is not None:
            out.update(hidden_weights=self.hidden_weights, hidden_bias=self.hidden_bias)
        return out


@dataclass
class PloverClassifier:
    """The average of the class probabilities of ``members``; ``labels`` name the columns."""

    members: list[Member]
    labels: tuple[str, ...] = LABELS
    meta: dict = field(default_factory=dict)

    @classmethod
    def fit(cls, x: np.ndarray, labels: Sequence[str], *,
            members: Sequence[dict] = TRAIN_MEMBERS) -> "PloverClassifier":
        """Trained on rows ``x`` with ``labels``: one member per options dict of ``members``."""
        index = {name: i for i, name in enumerate(LABELS)}
        y = np.array([index[label] for label in labels], dtype=np.int64)
        fitted = [Member.fit(x, y, n_classes=len(LABELS), **options) for options in members]
        return cls(members=fitted, labels=LABELS,
                   meta={"members": [dict(o) for o in members], "n": int(len(y))})

    def predict_proba(self, x: np.ndarray, *, allow_none: bool = True) -> np.ndarray:
        total = 0.0
        for member in self.members:
            logits = member.logits(x)
            if not allow_none and NONE in self.labels:
                logits[:, self.labels.index(NONE)] = -np.inf
            total = total + softmax(logits.astype(np.float64))
        return total / len(self.members)

    def predict(self, x: np.ndarray, *, allow_none: bool = True) -> list[str]:
        probs = self.predict_proba(x, allow_none=allow_none)
        return [self.labels[i] for i in probs.argmax(axis=1)]

    def save(self, path: Path) -> None:
        arrays = {f"m{i}_{name}": value.astype(np.float16)
                  for i, member in enumerate(self.members)
                  for name, value in member.arrays().items()}
        np.savez_compressed(path, **arrays, labels=np.array(self.labels),
                            meta=np.array(json.dumps(self.meta, sort_keys=True)))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "PloverClassifier":
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name].astype(np.float32) for name in data.files
                      if name not in ("labels", "meta")}
            labels = tuple(str(x) for x in data["labels"])
            meta = json.loads(str(data["meta"]))
        members = []
        while f"m{len(members)}_weights" in arrays:
            prefix = f"m{len(members)}_"
            members.append(Member(**{name[len(prefix):]: value for name, value in arrays.items()
                                     if name.startswith(prefix)}))
        if not members and "weights" in arrays:  # a file of version 2: one linear layer
            members.append(Member(weights=arrays["weights"], bias=arrays["bias"]))
        if not members:
            raise ValueError(f"{path}: no model members in the file")
        return cls(members=members, labels=labels, meta=meta)


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
