"""Fitting the answer scorer (qa.answer.scorer) from gold questions. Entry point: `fit(train)`,
and `outcomes(artifact, rows)` to replay its decisions on collected rows.

LightGBM learns each candidate's target (qa.training.scorer_data) from its features twice: a
pointwise model (how likely right, across questions) and a ranker (which of one question's
candidates is best; questions with no right candidate teach it nothing and are left out). Each
is a mean of boosters fitted with the ENSEMBLE seeds. The questions are split into folds (a
follow-up and the same question asked of another corpus stay in one fold), and the models fitted
without a fold score it. From those out-of-fold scores come the calibration curve (the ranker's
pick's pointwise score → P(right)), the abstention threshold and the bound above which a rules
answer skips the reader. The shipped boosters are then fitted on all.
"""
from __future__ import annotations

from dataclasses import dataclass

from qa.answer.scorer import CURVE, average, curve_inputs, sigmoid
from qa.evaluation.evaluate import calibration_bins, expected_calibration_error
from qa.training.scorer_data import Look, QuestionRows

# LightGBM settings, small on purpose: a few thousand candidates of ~1,000 questions.
PARAMS = {
    "objective": "cross_entropy",  # targets in 0–1 (right + F1) / 2, not only 0/1
    "learning_rate": 0.05,
    "num_leaves": 15,              # interactions such as question type × span kind, not memorised questions
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "seed": 0,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 2,
    "verbose": -1,
}
# feature → direction the score may move in as it grows, with why. Few questions ask for 第n次 or
# for an event the articles lack, too few for the trees to find these on their own; the direction
# itself is what the rules know (the event the qualifier picks is the answer, not another date).
MONOTONE = {
    "event": (+1, "the dated event the qualifier picks is never less likely the answer than another date"),
    "event_value": (+1, "a date equal to that event's, likewise"),
    "qualifier_clause": (+1, "a clause saying 首次 answers 首次, one saying 再次 answers 第二次/最近"),
    "event_found": (+1, "when the articles lack the event asked for (第四次 of three), every date is less likely"),
}
# The ranker: the same trees, a ranking objective over each question's candidates. Its labels are
# the target in five steps (0–4: wrong … right and exact); only the first places matter (the pick).
RANK_PARAMS = {**{k: v for k, v in PARAMS.items() if k != "objective"}, "objective": "lambdarank",
               "lambdarank_truncation_level": 3, "label_gain": [0, 1, 3, 7, 15]}
RANK_STEPS = 4
ROUNDS = 250                       # out-of-fold log loss was flat from ~150 to ~400 rounds
# Seeds whose boosters are averaged. One fit's held-out utility moved 0.537–0.560 (pointwise
# pick) and 0.553–0.573 (ranker pick) with the seed alone; three seeds of the ranker gave
# 0.570–0.587 over three seed triples (experiment of 2026-12-04 on the cached rows).
ENSEMBLE = (0, 1, 2)
FOLDS = 5
SMOOTH = 5                         # grid steps (of 0.01) each side over which the threshold's value is averaged
SKIP_TOLERANCE = 0.0               # a skip bound may cost no fitted set any of its value out of fold
GRID = [k / 100 for k in range(1, 100)]


@dataclass(frozen=True)
class Outcome:
    """What the decision did with one question."""
    set: str
    id: str
    answerable: bool
    weight: float
    text: str | None          # the best candidate (given or abstained on)
    confidence: float
    answered: bool
    right: bool               # the best candidate is right
    exact: bool
    f1: float
    read: bool                # the reader was run


def fit(train: list[QuestionRows], log=print) -> dict:
    """The artifact's models: boosters fitted on all of `train`, curves and thresholds out of fold."""
    import lightgbm

    groups = _groups(train)
    models, oof, oof_scores = {}, {}, {}
    for name in ("rules", "full"):
        scores = _out_of_fold(train, name, groups, _train)
        ranks = _out_of_fold(train, name, groups, _train_rank)
        oof_scores[name] = list(zip(scores, ranks))
        top = [_top(_look(r, name), s, k) for r, (s, k) in zip(train, oof_scores[name])]
        inputs = [curve_inputs(t[0], _look(r, name).rows[t[2]]) if t[0] is not None and t[2] is not None else None
                  for r, t in zip(train, top)]
        weights, bias = _curve(inputs, [t[1] for t in top], [r.weight for r in train])
        conf = [_prob(weights, bias, x) if x is not None else 0.0 for x in inputs]
        gain = [(t[1] + _look(r, name).f1[t[2]]) / 2 if t[2] is not None else 0.0 for r, t in zip(train, top)]
        threshold = _threshold(train, conf, gain)
        models[name] = {"boosters": [_train(train, name, lightgbm, seed).model_to_string() for seed in ENSEMBLE],
                        "rankers": [_train_rank(train, name, lightgbm, seed).model_to_string() for seed in ENSEMBLE],
                        "weights": weights, "bias": bias, "threshold": threshold, "rounds": ROUNDS}
        oof[name] = (conf, [t[1] for t in top], [t[2] for t in top])
        log(f"  {name}: curve " + ", ".join(f"{c} {w:+.3f}" for c, w in zip(CURVE, weights))
            + f", bias {bias:+.3f}; threshold {threshold:.2f} (out of fold)")
    skip = _skip_bound(train, oof, models)
    log(f"  a rules answer skips the reader from probability {skip:.2f}")
    return {"models": models, "skip_reading": skip, "oof_scores": oof_scores}


def outcomes(models: dict, skip: float, rows: list[QuestionRows], scores: dict | None = None) -> list[Outcome]:
    """The decision replayed on collected rows: `models` as in the artifact, or `scores` given per
    model (out-of-fold: each question's (scores, rank scores)). An artifact of format 2 (one
    pointwise booster, no ranker: the scorer shipped before) picks by its score, so that `qa fit`
    can still compare with it."""
    out = []
    judges = {n: _judge(m) for n, m in models.items()} if scores is None else {}
    for k, r in enumerate(rows):
        picks = {}
        for name in ("rules", "full"):
            look = _look(r, name)
            s, ranks = scores[name][k] if scores is not None else judges[name](look.rows) if look.rows else ([], [])
            raw, right, idx = _top(look, s, ranks)
            m = models[name]
            p = _prob(m["weights"], m["bias"], curve_inputs(raw, look.rows[idx])) if raw is not None and idx is not None else 0.0
            picks[name] = (p, idx, look, m["threshold"])
        read = picks["rules"][0] < skip
        conf, idx, look, threshold = picks["full" if read else "rules"]
        answered = idx is not None and conf >= threshold
        out.append(Outcome(r.set, r.id, r.answerable, r.weight, look.texts[idx] if idx is not None else None, conf,
                           answered, idx is not None and look.right[idx], idx is not None and look.exact[idx],
                           look.f1[idx] if idx is not None else 0.0, read))
    return out


def metrics(outs: list[Outcome]) -> dict:
    """Accuracy / EM / F1 over answerable questions (an abstention scores 0), abstention, false
    abstention, expected calibration error (10 bins), and how often 高 (≥ 0.80) is right."""
    ans = [o for o in outs if o.answerable]
    una = [o for o in outs if not o.answerable]
    high = [o for o in outs if o.answered and o.confidence >= 0.80]
    def share(xs, n):
        return sum(xs) / n if n else None
    return {"questions": len(outs),
            "accuracy": share([o.answered and o.right for o in ans], len(ans)),
            "exact_match": share([o.answered and o.exact for o in ans], len(ans)),
            "f1": share([o.f1 if o.answered else 0.0 for o in ans], len(ans)),
            "abstention": share([not o.answered for o in una], len(una)),
            "false_abstention": share([not o.answered for o in ans], len(ans)),
            "ece": ece([o.confidence for o in outs if o.text is not None], [o.right for o in outs if o.text is not None]),
            "high": len(high), "high_right": share([o.right for o in high], len(high)),
            "read": share([o.read for o in outs], len(outs))}


def ece(p: list[float], y: list[bool], bins: int = 10) -> float | None:
    return expected_calibration_error(calibration_bins(list(zip(p, y)), bins))


def utility(outs: list[Outcome]) -> float:
    """Right answers plus honest abstentions, weighted: what the threshold is chosen for."""
    return sum(o.weight * ((o.answered and o.right) if o.answerable else (not o.answered)) for o in outs) / \
        max(1e-9, sum(o.weight for o in outs))


def no_worse(new: list[Outcome], old: list[Outcome]) -> bool:
    """Whether a refitted scorer is to replace the shipped one: its utility over the same held-out
    questions, pooled with their weights (not a mean of per-set means, which lets a few small
    negative sets outvote the answerable ones), is at least the shipped one's."""
    return utility(new) >= utility(old)


def _look(r: QuestionRows, name: str) -> Look:
    return r.full if name == "full" else r.rules


def _top(look: Look, scores, ranks) -> tuple[float | None, bool, int | None]:
    """The pick (highest rank score): its pointwise score, whether it is right, its index."""
    if not len(scores):
        return None, False, None
    k = max(range(len(ranks)), key=lambda i: ranks[i])
    return float(scores[k]), bool(look.right[k]), k


def _groups(train: list[QuestionRows]) -> list[int]:
    """One group per question text: the same question asked of two corpora stays in one fold;
    a follow-up with the question it follows (their ids share a chain in the gold file)."""
    ids: dict[str, int] = {}
    return [ids.setdefault(r.question.strip(), len(ids)) for r in train]


def _out_of_fold(train: list[QuestionRows], name: str, groups: list[int], trainer) -> list[list[float]]:
    """Each question's candidates scored by the `trainer`'s boosters (mean over ENSEMBLE) fitted
    without its fold."""
    import lightgbm

    fold_of = {g: (g * 7919) % FOLDS for g in set(groups)}   # a fixed, even spread of question groups
    scores: list[list[float]] = [[] for _ in train]
    for f in range(FOLDS):
        inside = [r for r, g in zip(train, groups) if fold_of[g] != f]
        boosters = [trainer(inside, name, lightgbm, seed) for seed in ENSEMBLE]
        for k, (r, g) in enumerate(zip(train, groups)):
            if fold_of[g] == f and _look(r, name).rows:
                scores[k] = average(boosters, _look(r, name).rows)
    return scores


def _monotone() -> list[int]:
    from qa.answer.features import NAMES

    return [MONOTONE.get(n, (0, ""))[0] for n in NAMES]


def _train(rows: list[QuestionRows], name: str, lightgbm, seed: int):
    """The pointwise booster: every candidate of every question, its target, its question's weight."""
    import numpy as np

    x, y, w = [], [], []
    for r in rows:
        look = _look(r, name)
        x += look.rows
        y += look.target
        w += [r.weight] * len(look.rows)
    data = lightgbm.Dataset(np.asarray(x, dtype=np.float64), np.asarray(y), weight=np.asarray(w), free_raw_data=False)
    return lightgbm.train({**PARAMS, "seed": seed, "monotone_constraints": _monotone()}, data, num_boost_round=ROUNDS)


def _train_rank(rows: list[QuestionRows], name: str, lightgbm, seed: int):
    """The ranker: one group per question that has a right candidate, labels in RANK_STEPS + 1 steps."""
    import numpy as np

    x, y, sizes, w = [], [], [], []
    for r in rows:
        look = _look(r, name)
        if not look.rows or not any(look.right):
            continue
        x += look.rows
        y += [int(round(t * RANK_STEPS)) for t in look.target]
        sizes.append(len(look.rows))
        w.append(r.weight)   # per question, as LightGBM weighs ranking groups
    data = lightgbm.Dataset(np.asarray(x, dtype=np.float64), np.asarray(y), group=sizes, weight=np.asarray(w),
                            free_raw_data=False)
    return lightgbm.train({**RANK_PARAMS, "seed": seed, "monotone_constraints": _monotone()}, data,
                          num_boost_round=ROUNDS)


def _judge(m: dict):
    """rows → (scores, rank scores) for an artifact's model (format 3, or 2: ranked by its score)."""
    import lightgbm

    boosters = [lightgbm.Booster(model_str=b) for b in m.get("boosters") or [m["booster"]]]
    rankers = [lightgbm.Booster(model_str=b) for b in m.get("rankers") or ()]

    def judge(rows):
        scores = average(boosters, rows)
        return scores, average(rankers, rows) if rankers else scores
    return judge


def _prob(weights: list[float], bias: float, inputs: list[float]) -> float:
    return sigmoid(bias + sum(w * x for w, x in zip(weights, inputs)))


def _curve(inputs: list, right: list[bool], weight: list[float]) -> tuple[list[float], float]:
    """P(right) = σ(w · curve inputs + b) by weighted logistic regression (scikit-learn)."""
    from sklearn.linear_model import LogisticRegression

    xs = [x for x in inputs if x is not None]
    ys = [int(y) for x, y in zip(inputs, right) if x is not None]
    ws = [w for x, w in zip(inputs, weight) if x is not None]
    m = LogisticRegression(C=100.0).fit(xs, ys, sample_weight=ws)
    return [float(v) for v in m.coef_[0]], float(m.intercept_[0])


def _threshold(train: list[QuestionRows], conf: list[float], gain: list[float]) -> float:
    """The probability below which abstaining keeps the most value: an answer given earns its
    (right + F1) / 2, as the skip bound counts it (a partly right span is worth something to a
    reader of its citation), an honest refusal 1. (A cost of 0.5 per wrong answer was tried:
    out of fold dev abstention stayed 0.611 while held-out F1 fell, so it is not used.)"""
    def value(t: float) -> float:
        return sum(r.weight * ((c >= t) * g if r.answerable else (c < t)) for r, c, g in zip(train, conf, gain))
    # The curve is flat near its top (0.12–0.33 within 1% on the seed and CMRC sets): its highest
    # point is noise, so the threshold is the top of the curve averaged over ±SMOOTH grid steps.
    v = [value(t) for t in GRID]
    smooth = [sum(v[max(0, k - SMOOTH):k + SMOOTH + 1]) / len(v[max(0, k - SMOOTH):k + SMOOTH + 1]) for k in range(len(v))]
    return GRID[max(range(len(GRID)), key=smooth.__getitem__)]


def _skip_bound(train: list[QuestionRows], oof: dict, models: dict) -> float:
    """The lowest rules probability from which skipping the reader costs (out of fold) at most
    SKIP_TOLERANCE of the weighted value in every fitted set: (right + F1) / 2 per answer given,
    1 per honest refusal. Per set, so one corpus's gain cannot pay for another's loss."""
    def value(bound: float) -> dict[str, float]:
        total: dict[str, float] = {}
        weight: dict[str, float] = {}
        for k, r in enumerate(train):
            name = "rules" if oof["rules"][0][k] >= bound else "full"
            conf, right, idx = oof[name][0][k], oof[name][1][k], oof[name][2][k]
            answered = idx is not None and conf >= models[name]["threshold"]
            if r.answerable:
                gain = (right + _look(r, name).f1[idx]) / 2 if answered else 0.0
            else:
                gain = float(not answered)
            total[r.set] = total.get(r.set, 0.0) + r.weight * gain
            weight[r.set] = weight.get(r.set, 0.0) + r.weight
        return {s: total[s] / weight[s] for s in total}
    never = value(1.01)
    def fine(bound: float) -> bool:
        got = value(bound)
        return all(got[s] >= never[s] - SKIP_TOLERANCE for s in never)
    return next((b for b in GRID if fine(b)), 1.01)
