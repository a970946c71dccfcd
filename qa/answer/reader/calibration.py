"""How far to trust a span the reader proposes: a logistic model over a few features, fitted on
data (eval/calibrate_reader.py), stored next to the shipped reader with what it was fitted on.
The probability is on the same 0–1 scale as QA_MIN_CONFIDENCE. Entry points: `fit`,
`load_calibration`, `Calibration.probability`.
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
)
L2 = 0.01           # a little shrinkage: a few hundred questions fit it, and one must not decide it


@dataclass(frozen=True)
class Calibration:
    weights: tuple[float, ...]
    bias: float
    fitted_on: str = ""
    questions: int = 0

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(w * float(features[f]) for w, f in zip(self.weights, FEATURES))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def fit(rows: list[dict[str, float]], labels: list[bool], fitted_on: str, steps: int = 500) -> Calibration:
    """Logistic regression by Newton's method (a handful of features, a few hundred rows)."""
    import numpy as np

    x = np.array([[1.0, *(float(r[f]) for f in FEATURES)] for r in rows])
    y = np.array(labels, dtype=float)
    w = np.zeros(x.shape[1])
    shrink = np.diag([0.0] + [L2 * len(y)] * len(FEATURES))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + shrink @ w
        hess = (x.T * (p * (1 - p))) @ x + shrink + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Calibration(tuple(float(v) for v in w[1:]), float(w[0]), fitted_on, len(y))


def save_calibration(cal: Calibration, folder: Path) -> Path:
    path = folder / FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"features": list(FEATURES), "weights": list(cal.weights), "bias": cal.bias,
                               "fitted_on": cal.fitted_on, "questions": cal.questions}, ensure_ascii=False, indent=1) + "\n",
                   encoding="utf-8")
    os.replace(tmp, path)
    return path


def load_calibration(folder: Path) -> Calibration:
    try:
        data = json.loads((folder / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise QAError(f"the reader's calibration {folder / FILE} cannot be read ({type(err).__name__}); "
                      "refit it with `python eval/calibrate_reader.py`, or answer with QA_READER=rules") from None
    if tuple(data.get("features", ())) != FEATURES:
        raise QAError(f"the reader's calibration in {folder / FILE} uses other features; refit it with "
                      "`python eval/calibrate_reader.py`")
    return Calibration(tuple(data["weights"]), data["bias"], data.get("fitted_on", ""), data.get("questions", 0))
