"""How far to trust each answer: two logistic models over the same few features, one for the span
the trained reader proposes and one for the answer the rules chose, fitted on data
(eval/calibrate_reader.py) and stored next to the shipped reader with what they were fitted on.
The answer with the higher probability is given, and that probability is its confidence, on the
0–1 scale of QA_MIN_CONFIDENCE. Entry points: `fit`, `load_calibration`, `Logistic.probability`.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path

from qa.errors import QAError

FILE = "calibration.json"
# what the probability is computed from (qa.answer.reading gives them):
FEATURES = (
    "margin",       # best span minus the window's no-answer score: the reader's own evidence
    "passage",      # fused retrieval score of the passage it read (0–1): the retriever's evidence
    "agrees",       # 1 when the span overlaps the answer the rules chose, else 0
    "rules",        # the rules' score for their choice (0 when they have none)
    "typed",        # 1 when the rules' choice is a typed value (date, number, name …), 0 for a sentence or none
)
L2 = 0.01           # a little shrinkage: a few hundred questions fit it, and one must not decide it


@dataclass(frozen=True)
class Logistic:
    weights: tuple[float, ...]
    bias: float
    names: tuple[str, ...] = FEATURES   # the features the weights belong to

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(w * float(features[f]) for w, f in zip(self.weights, self.names))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Calibration:
    reader: Logistic          # P(the reader's span is right)
    rules: Logistic           # P(the rules' answer is right)
    fitted_on: str = ""


def fit(rows: list[dict[str, float]], labels: list[bool], steps: int = 500, names: tuple[str, ...] = FEATURES,
        l2: float = L2) -> Logistic:
    """Logistic regression by Newton's method (a handful of features, a few hundred rows)."""
    import numpy as np

    x = np.array([[1.0, *(float(r[f]) for f in names)] for r in rows])
    y = np.array(labels, dtype=float)
    w = np.zeros(x.shape[1])
    shrink = np.diag([0.0] + [l2 * len(y)] * len(names))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + shrink @ w
        hess = (x.T * (p * (1 - p))) @ x + shrink + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Logistic(tuple(float(v) for v in w[1:]), float(w[0]), names)


def save_calibration(cal: Calibration, folder: Path) -> Path:
    path = folder / FILE
    tmp = path.with_suffix(".tmp")
    data = {"features": list(FEATURES), "fitted_on": cal.fitted_on,
            **{name: {"weights": list(m.weights), "bias": m.bias} for name, m in (("reader", cal.reader), ("rules", cal.rules))}}
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def load_calibration(folder: Path) -> Calibration:
    try:
        data = json.loads((folder / FILE).read_text(encoding="utf-8"))
        models = [Logistic(tuple(data[k]["weights"]), float(data[k]["bias"])) for k in ("reader", "rules")]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise QAError(f"the reader's calibration {folder / FILE} cannot be read ({type(err).__name__}); "
                      "refit it with `python eval/calibrate_reader.py`, or answer with QA_READER=rules") from None
    if tuple(data.get("features", ())) != FEATURES or any(len(m.weights) != len(FEATURES) for m in models):
        raise QAError(f"the reader's calibration in {folder / FILE} uses other features; refit it with "
                      "`python eval/calibrate_reader.py`")
    return Calibration(models[0], models[1], data.get("fitted_on", ""))
