"""The LightGBM boosters of the answer scorer: the pointwise model, the ranker, their settings,
and out-of-fold scoring. Entry points: `train_point`, `train_rank`, `out_of_fold`, `judge`
(used by qa.training.fit_scorer, which turns their scores into curves and thresholds).
"""
from __future__ import annotations

from qa.answer.scorer import average
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
    "years_unprinted": (-1, "a year asked that the candidate's file never prints never makes it more likely the answer"),
}
# Features only the ranker reads. Where the reader's near-copies of one question gather tells
# which copy to pick, not how likely the pick is right: given to the pointwise model too, they
# moved the calibration and the threshold and cost answers on the seed sets (held-out seed
# accuracy 0.750, the classes set 0.357, over four fits), while the ranker alone with them picks
# better (`python -m train.ablate_scorer`, 2026-12-04: held-out CMRC pick right 0.467 → 0.498,
# utility 0.577 → 0.596, seed accuracy 0.808 → 0.792, half a question).
RANK_ONLY = {
    "read_mass": "the reader's belief on spans overlapping the candidate",
    "mass_inside": "that belief on spans inside it",
    "mass_around": "that belief on spans around it",
    "overlaps": "how many other candidates overlap it",
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


def look_of(r: QuestionRows, name: str) -> Look:
    """The rows of one model ("full" or "rules") for one question."""
    return r.full if name == "full" else r.rules


def out_of_fold(train: list[QuestionRows], name: str, groups: list[str], trainer, folds: int,
                seeds: tuple[int, ...] = ENSEMBLE) -> list[list[float]]:
    """Each question's candidates scored by boosters fitted without it: one partition of the
    question groups into `folds` per seed, each fitted with that seed, the scores averaged.
    A partition is drawn from a hash of the group's key, not from the order of the questions: a fit
    whose sets came in another order got other folds, and its threshold moved 0.24 → 0.30."""
    import lightgbm

    scores: list[list[float]] = [[] for _ in train]
    for rep, seed in enumerate(seeds):
        fold_of = {g: _fold(rep, g, folds) for g in set(groups)}
        for f in range(folds):
            inside = [r for r, g in zip(train, groups) if fold_of[g] != f]
            booster = trainer(inside, name, lightgbm, seed)
            for k, (r, g) in enumerate(zip(train, groups)):
                if fold_of[g] == f and look_of(r, name).rows:
                    got = average([booster], look_of(r, name).rows)
                    scores[k] = [a + b for a, b in zip(scores[k], got)] if scores[k] else list(got)
    return [[v / len(seeds) for v in s] for s in scores]


def _fold(rep: int, group: str, folds: int) -> int:
    import hashlib

    return int.from_bytes(hashlib.sha256(f"{rep}\n{group}".encode()).digest()[:8], "big") % folds


def monotone() -> list[int]:
    from qa.answer.features import NAMES

    return [MONOTONE.get(n, (0, ""))[0] for n in NAMES]


def _rank_only() -> list[int]:
    from qa.answer.features import NAMES

    return [NAMES.index(n) for n in RANK_ONLY]


def train_point(rows: list[QuestionRows], name: str, lightgbm, seed: int):
    """The pointwise booster: every candidate of every question, its target, its question's weight."""
    import numpy as np

    x, y, w = [], [], []
    for r in rows:
        look = look_of(r, name)
        x += look.rows
        y += look.target
        w += [r.weight] * len(look.rows)
    matrix = np.asarray(x, dtype=np.float64)
    matrix[:, _rank_only()] = np.nan   # never split on, so ignored when scoring too
    data = lightgbm.Dataset(matrix, np.asarray(y), weight=np.asarray(w), free_raw_data=False)
    return lightgbm.train({**PARAMS, "seed": seed, "monotone_constraints": monotone()}, data, num_boost_round=ROUNDS)


def train_rank(rows: list[QuestionRows], name: str, lightgbm, seed: int):
    """The ranker: one group per question that has a right candidate, labels in RANK_STEPS + 1 steps."""
    import numpy as np

    x, y, sizes, w = [], [], [], []
    for r in rows:
        look = look_of(r, name)
        if not look.rows or not any(look.right):
            continue
        x += look.rows
        y += [int(round(t * RANK_STEPS)) for t in look.target]
        sizes.append(len(look.rows))
        # per candidate: LightGBM weighs a ranking group by its rows' mean weight (a list per group was only
        # accepted while every weight was 1, which it drops)
        w += [r.weight] * len(look.rows)
    data = lightgbm.Dataset(np.asarray(x, dtype=np.float64), np.asarray(y), group=sizes, weight=np.asarray(w),
                            free_raw_data=False)
    return lightgbm.train({**RANK_PARAMS, "seed": seed, "monotone_constraints": monotone()}, data,
                          num_boost_round=ROUNDS)


def judge(m: dict, columns: list[int] | None = None):
    """rows → (scores, rank scores) for one model of an artifact as `qa fit` writes it; `columns`:
    the row places of the features it was fitted on, when it knows fewer than today's rows hold."""
    import lightgbm

    boosters = [lightgbm.Booster(model_str=b) for b in m["boosters"]]
    rankers = [lightgbm.Booster(model_str=b) for b in m["rankers"]]
    def cut(rows):
        return rows if columns is None else [[r[c] for c in columns] for r in rows]
    return lambda rows: (average(boosters, cut(rows)), average(rankers, cut(rows)))
