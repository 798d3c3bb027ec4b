"""PLOVER event-type classifier: the average of two softmax models trained in numpy over the
features of :mod:`.features` (sentence embedding, predicate-phrase embeddings, trigger-lexicon
hits): a small network (one hidden ReLU layer, trained with dropout) and a linear layer. On the
evaluations the network is the more accurate, the linear layer the more consistent between a
text and its translation; their average beats both (docs/quality.md).

The embeddings are the multilingual Universal Sentence Encoder vectors of
:func:`communique.models.embed` (unit norm, 512-d), so one English-and-Russian model serves both
languages. The classes are the 16 PLOVER event types plus ``NONE`` (a sentence that reports no
event: a heading, background, a fact). The shipped model has a third part, a linear *event gate*
(event vs NONE) trained on every example, including news without a political event that the
type members never see; with a gate, the members only rank the 16 types. The shipped parameters
live in ``plover_model.npz`` (float16, under 1 MB; see ``MODEL_LICENSE.md``);
``scripts/train_plover.py`` rebuilds them.

Combination with the trigger lexicons (the rule used by :mod:`.component`) separates two
questions. *Is there an event?* The probability of an event (the gate's; ``1 - p(NONE)`` for a
model without one) must reach
``MIN_EVENT_TRIGGERED`` when a trigger lemma of the winning type occurs in the sentence and
``MIN_EVENT_UNTRIGGERED`` when none does (a clause that would add a second event to a sentence
needs the stricter ``CLAUSE_MIN_EVENT``). *Which type?* The best of the 16 types by ``p + bonus``,
where each type whose trigger matched gets ``TRIGGER_BONUS``. The confidence is the mean of the
event and the type probability, plus ``TRIGGERED_CONFIDENCE`` for a triggered type. Deciding the
two apart matters because the probability mass of an event sentence is often spread over two or
three related types (AGREE/SUPPORT/COOPERATE): a single winner above a fixed probability missed
many sentences that clearly report an event (docs/quality.md).
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from ...records import PLOVER_TYPES

NONE = "NONE"
LABELS: tuple[str, ...] = (*PLOVER_TYPES, NONE)
MODEL_PATH = Path(__file__).with_name("plover_model.npz")
TRIGGER_BONUS = 0.35
# the event probability an event needs: with a trigger of its type / without one (set for the
# linear gate, whose probabilities run higher than a 17-label model's 1 - p(NONE))
MIN_EVENT_TRIGGERED = 0.78
MIN_EVENT_UNTRIGGERED = 0.93
CLAUSE_MIN_EVENT = (0.9, 0.97)  # the same for a clause adding a second event to a sentence
TRIGGERED_CONFIDENCE = 0.1
# training options of the shipped model (scripts/train_plover.py) and of the evaluations
NETWORK_OPTIONS = {"hidden": 256, "dropout": 0.5, "l2": 1e-4, "epochs": 300, "lr": 0.01,
                   "balanced": True, "seed": 0}
LINEAR_OPTIONS = {"l2": 1e-3, "epochs": 400, "lr": 0.05, "balanced": True, "seed": 0}
TRAIN_MEMBERS = (NETWORK_OPTIONS, LINEAR_OPTIONS)  # the members of the shipped model
GATE_OPTIONS = {"l2": 1e-3, "epochs": 400, "lr": 0.05, "seed": 0}  # its linear event gate
# labels of the PLOVER 0.5b1 gold records renamed in the 16-type manual
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
              "FIGHT": "ASSAULT"}


def map_label(label: str) -> str:
    label = label.strip().upper()
    return OLD_LABELS.get(label, label)


def train_softmax(x: np.ndarray, y: np.ndarray, *, n_classes: int, l2: float = 1e-3,
                  epochs: int = 400, lr: float = 0.05, balanced: bool = True,
                  seed: int = 0, weights: np.ndarray | None = None
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression by full-batch Adam; returns (W (d, k), b (k,)).

    ``balanced`` weights each example by the inverse frequency of its class; ``weights`` (one per
    row) replace those weights. Deterministic: the weights start from a small normal draw of a
    generator seeded with ``seed``.
    """
    n, d = x.shape
    rng = np.random.default_rng(seed)
    params = [rng.normal(0.0, 1e-3, size=(d, n_classes)), np.zeros(n_classes)]
    sw = (weights / weights.sum() if weights is not None else
          _sample_weights(y, n_classes=n_classes, balanced=balanced))
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


def _gate_weights(labels: Sequence[str]) -> np.ndarray:
    """Weights of the gate's rows: each of the 17 labels weighs the same in all, as in the
    members of a 17-label model, so that the gate's event probability reads like their
    1 - p(NONE) (the thresholds of :func:`combine`)."""
    counts = Counter(labels)
    return np.array([1.0 / counts[label] for label in labels])


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
        return cls(weights=w, bias=b, options={k: v for k, v in linear.items() if k != "weights"})

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
    gate: Member | None = None  # event vs NONE; with it the members rank the 16 types only

    @classmethod
    def fit(cls, x: np.ndarray, labels: Sequence[str], *, members: Sequence[dict] = TRAIN_MEMBERS,
            gate: dict | None = GATE_OPTIONS,
            gate_only: Sequence[bool] | None = None) -> "PloverClassifier":
        """Trained on rows ``x`` with ``labels``: one member per options dict of ``members`` and,
        with ``gate`` options, the event gate. The gate learns from every row; the members from
        the rows not marked in ``gate_only`` (examples that teach whether there is an event, not
        which type it is)."""
        index = {name: i for i, name in enumerate(LABELS)}
        y = np.array([index[label] for label in labels], dtype=np.int64)
        typed = (np.ones(len(y), dtype=bool) if gate_only is None else
                 ~np.asarray(gate_only, dtype=bool))
        fitted = [Member.fit(x[typed], y[typed], n_classes=len(LABELS), **options)
                  for options in members]
        meta = {"members": [dict(o) for o in members], "n": int(len(y)),
                "n_members": int(typed.sum())}
        gated = None
        if gate is not None:
            events = (y != index[NONE]).astype(np.int64)
            gated = Member.fit(x, events, n_classes=2, weights=_gate_weights(labels), **gate)
            meta["gate"] = dict(gate)
        return cls(members=fitted, labels=LABELS, gate=gated, meta=meta)

    def event_probability(self, x: np.ndarray) -> np.ndarray:
        """The probability that each row reports an event: the gate's, or 1 - p(NONE)."""
        if self.gate is not None:
            return softmax(self.gate.logits(x).astype(np.float64))[:, 1]
        return 1.0 - self.predict_proba(x)[:, self.labels.index(NONE)]

    def predict_proba(self, x: np.ndarray, *, allow_none: bool = True) -> np.ndarray:
        """Probabilities of the columns ``labels``, the mean over the members. With a gate, a
        type's probability is its share among the 16 types times the gate's event probability,
        and NONE's is the rest. ``allow_none=False`` gives the shares among the types alone."""
        none = self.labels.index(NONE) if NONE in self.labels else None
        total = 0.0
        for member in self.members:
            logits = member.logits(x)
            if none is not None and (self.gate is not None or not allow_none):
                logits[:, none] = -np.inf
            total = total + softmax(logits.astype(np.float64))
        probs = total / len(self.members)
        if self.gate is not None and allow_none and none is not None:
            p_event = self.event_probability(x)
            probs = probs * p_event[:, None]
            probs[:, none] = 1.0 - p_event
        return probs

    def predict(self, x: np.ndarray, *, allow_none: bool = True) -> list[str]:
        probs = self.predict_proba(x, allow_none=allow_none)
        return [self.labels[i] for i in probs.argmax(axis=1)]

    def save(self, path: Path) -> None:
        arrays = {f"m{i}_{name}": value.astype(np.float16)
                  for i, member in enumerate(self.members)
                  for name, value in member.arrays().items()}
        if self.gate is not None:
            arrays.update({f"gate_{name}": value.astype(np.float16)
                           for name, value in self.gate.arrays().items()})
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
        gate = {name[5:]: value for name, value in arrays.items() if name.startswith("gate_")}
        return cls(members=members, labels=labels, meta=meta,
                   gate=Member(**gate) if gate else None)


def combine(probs: np.ndarray, *, labels: Sequence[str], triggered: set[str],
            thresholds: tuple[float, float] = (MIN_EVENT_TRIGGERED, MIN_EVENT_UNTRIGGERED)
            ) -> tuple[str, float]:
    """The final (type, confidence) of one sentence from classifier probabilities and triggers;
    ``thresholds`` are the event probabilities needed with and without a trigger of the type.

    Returns (``NONE``, p(NONE)) when no event is kept (see the module docstring for the rule).
    """
    labels = list(labels)
    p_none = float(probs[labels.index(NONE)]) if NONE in labels else 0.0
    p_event = 1.0 - p_none
    score = np.array([-np.inf if name == NONE else
                      float(p) + (TRIGGER_BONUS if name in triggered else 0.0)
                      for name, p in zip(labels, probs)])
    best = int(score.argmax())
    label = labels[best]
    hit = label in triggered
    if p_event < thresholds[0 if hit else 1]:
        return NONE, p_none
    confidence = 0.5 * p_event + 0.5 * float(probs[best]) + (TRIGGERED_CONFIDENCE if hit else 0.0)
    return label, round(min(1.0, confidence), 4)
