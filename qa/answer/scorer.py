"""The one trained decision: gradient-boosted models (LightGBM) over every candidate answer's
features. A ranker, trained on each question's candidates side by side, picks the best one; a
pointwise model scores how likely a candidate is right on its own, and a logistic curve turns the
picked candidate's score into the probability that the answer is right. Fitted by `qa fit`
(qa.training.fit_scorer) and shipped as one file, `trained/scorer.json`, with what it was fitted
on; its sha256 is in `trained/SCORER_CARD.md`.

Two models share the file: `full` (rules and reader candidates) and `rules` (the rules' alone:
QA_READER=rules, and the first look that lets a sure rules answer skip the reader). Entry points:
`load_scorer(path)`, `Scorer.judge(model, rows)`, `Model.probability(score, row)`.

Why two: the pointwise model learns "is this right" across questions, which is what a
probability and a threshold need, but a question's candidates are many near-copies (0.304平方公里,
约为0.304平方公里) and the ranker, learning only which of one question's candidates is better, picks
among them better (held-out CMRC: the pick right 0.43–0.45 → 0.47–0.48 over seeds). Each is an
average of boosters fitted with ENSEMBLE seeds: one fit moved held-out utility by ±0.01 with the seed.
"""
from __future__ import annotations

import functools
import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path

from qa.answer.features import NAMES
from qa.errors import QAError

FILE = Path(__file__).with_name("trained") / "scorer.json"
FORMAT = 3   # 3: a ranker and seed ensembles beside the pointwise booster


# What the calibration curve reads besides the best candidate's score: open questions (whose
# answers run long and are right less often at the same score) and how answerable the reader
# found the passages. P(right) = σ(w · inputs + b), fitted out of fold (qa.training.fit_scorer).
CURVE = ("logit", "q_open", "open_logit", "d_best", "typed", "r_has", "q_chars", "chars")
_AT = {n: NAMES.index(n) for n in ("q_open", "d_best", "typed", "r_has", "q_chars", "chars")}


def curve_inputs(score: float, row) -> list[float]:
    """The calibration curve's inputs for a candidate with this score and feature row."""
    s = min(max(score, 1e-6), 1 - 1e-6)
    logit = math.log(s / (1 - s))
    def value(name: str, scale: float = 1.0, low: float = -2.0, high: float = 2.0) -> float:
        v = float(row[_AT[name]])
        return 0.0 if v != v else max(low, min(high, v / scale))   # NaN: that source said nothing
    is_open = value("q_open")
    return [logit, is_open, logit * is_open, value("d_best", 10), value("typed"), value("r_has"),
            value("q_chars", 20, 0, 4), value("chars", 20, 0, 4)]


def sigmoid(z: float) -> float:
    """The logistic function, clamped so that exp() never overflows (|z| ≤ 30: 1e-13 from 0 or 1)."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Model:
    boosters: tuple           # lightgbm.Booster each, averaged: a candidate's features → P-like score in 0–1
    rankers: tuple            # lightgbm.Booster each, averaged: which of one question's candidates is best
    weights: tuple[float, ...]  # the calibration curve over CURVE
    bias: float
    threshold: float          # below this probability the answer is null (chosen on held-out folds)

    def probability(self, score: float, row) -> float:
        """P(this candidate, the best, is right) from its score and its feature row."""
        return sigmoid(self.bias + sum(w * x for w, x in zip(self.weights, curve_inputs(score, row))))


@dataclass(frozen=True)
class Scorer:
    models: dict              # "full" / "rules" → Model
    skip_reading: float       # a rules answer this probable is given without running the reader
    meta: dict                # fitted_on, scores, library versions: what `qa fit` wrote
    sha256: str

    def judge(self, model: str, rows: list[list[float]]) -> tuple[list[float], list[float]]:
        """Each candidate's score (how likely right, 0–1) and rank score (the highest is the pick);
        ([], []) for no candidates."""
        if not rows:
            return [], []
        import numpy as np

        m, x = self.models[model], np.asarray(rows, dtype=np.float64)   # converted once for both
        return average(m.boosters, x), average(m.rankers, x)


def average(boosters, rows) -> list[float]:
    """The boosters' mean prediction for each row (a list of rows or an array)."""
    import numpy as np

    x = np.asarray(rows, dtype=np.float64)
    return [float(v) for v in np.mean([b.predict(x, num_threads=1) for b in boosters], axis=0)]


@functools.cache
def load_scorer(path: Path = FILE) -> Scorer:
    """The shipped scorer (read once per process; refused with one sentence when it does not fit)."""
    try:
        data = path.read_bytes()
        meta = json.loads(data)
    except (OSError, ValueError) as err:
        raise QAError(f"the answer scorer {path} cannot be read ({type(err).__name__}); refit it with `qa fit`") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT or not isinstance(meta.get("models"), dict):
        raise QAError(f"the answer scorer {path} is not a scorer file of format {FORMAT}; refit it with `qa fit`")
    if tuple(meta.get("features", ())) != NAMES or tuple(meta.get("curve", ())) != CURVE:
        raise QAError(f"the answer scorer {path} was fitted on other features than this version computes; "
                      "refit it with `qa fit`")
    try:
        import lightgbm
    except ImportError as err:
        raise QAError(f"the answer scorer needs lightgbm ({err}); install the project (scripts/setup.sh does)") from None
    models = {}
    try:
        for name in ("full", "rules"):
            m = meta["models"][name]
            boosters = tuple(lightgbm.Booster(model_str=b) for b in m["boosters"])
            rankers = tuple(lightgbm.Booster(model_str=b) for b in m["rankers"])
            if not boosters or not rankers or any(b.num_feature() != len(NAMES) for b in boosters + rankers):
                raise ValueError("feature count")
            weights = tuple(float(w) for w in m["weights"])
            if len(weights) != len(CURVE):
                raise ValueError("curve")
            models[name] = Model(boosters, rankers, weights, float(m["bias"]), float(m["threshold"]))
        skip = float(meta["skip_reading"])
    except (KeyError, TypeError, ValueError, lightgbm.basic.LightGBMError) as err:
        raise QAError(f"the answer scorer {path} is damaged ({type(err).__name__}); refit it with `qa fit`") from None
    return Scorer(models, skip, {k: v for k, v in meta.items() if k != "models"}, hashlib.sha256(data).hexdigest())
