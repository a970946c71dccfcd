"""The answer scorer's model card, written by `qa fit` beside the artifact. Entry point: `card(meta, sha256, features)`."""
from __future__ import annotations

COLUMNS = (("accuracy", "accuracy"), ("exact_match", "EM"), ("f1", "F1"), ("abstention", "abstention"),
           ("false_abstention", "false abst."), ("ece", "ECE"), ("ece_chance_p95", "ECE by chance, 95%"),
           ("high", "高 answers"), ("high_right", "高 right"),
           ("read", "reader run"))


def card(meta: dict, sha256: str, features, rank_only: tuple[str, ...] = ()) -> str:
    fitted = ", ".join(f"{name} {n}" for name, n in meta["fitted_on"].items())
    rows = ["| set | " + " | ".join(h for _, h in COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    for name, m in meta["scores"].items():
        rows.append(f"| {name} | " + " | ".join(_fmt(m.get(k)) for k, _ in COLUMNS) + " |")
    models = meta["models"]
    feats = "\n".join(f"| `{n}` | {why}{' (the ranker only)' if n in rank_only else ''} |" for n, why in features)
    return f"""# Model card: the answer scorer of 许昌文明城市问答

**What it is.** The one decision of the answer stage. Every candidate answer (the rules' typed
spans and sentences, the trained reader's 3 best spans in each of the 3 first passages) is
described by the features below. A LightGBM ranker, trained on each question's candidates side
by side, picks one; a pointwise LightGBM model scores it, and a logistic curve fitted out of fold
turns that score into the probability that it is right: the answer's `confidence`. Each model is
the mean of {len(models['full']['boosters'])} boosters fitted with different seeds (one fit alone moved held-out
figures by about ±0.01 with its seed). Below the threshold the answer is null (资料中没有找到答案).
The out-of-fold scores behind the curves and thresholds average {len(models['full']['boosters'])} partitions into folds,
one per seed, drawn from a hash of each question (not from the order of the sets).
Two models share the file: `full` (rules and reader) and `rules` (rules only: `QA_READER=rules`, and
the first look, from which a rules answer with probability ≥ {meta['skip_reading']:.2f} is given
without running the reader).

- artifact: `scorer.json`, sha256 `{sha256}`
- fitted {meta['fitted_at']} with {', '.join(f'{k} {v}' for k, v in meta['library'].items())}
- thresholds (out of fold): full {models['full']['threshold']:.2f}, rules {models['rules']['threshold']:.2f}
- calibration curves, P(right) = σ(w · ({', '.join(meta['curve'])}) + b): full w = {_ws(models['full'])},
  rules w = {_ws(models['rules'])} (logit: of the picked candidate's pointwise score; q_open: an open question;
  d_best: the reader's best margin / 10, 0 when it did not read)

**Fitted on** (questions): {fitted}. `dev` = `eval/gold.jsonl`, `residents` =
`eval/gold_residents.jsonl`, `console` = lines reviewed in the operator console
(`data/gold-from-feedback.jsonl`), `cmrc-calibration` = questions of the odd CMRC 2018 trial
articles with `n % 4 == 1` (the reader never trained on them). `neg:A@B` = the questions of A
asked of corpus B: unanswerable by construction, weighted 0.25 each; `neg:A-withheld` = A's
questions asked of the seed corpus without the articles that answer them (0.5 each). Judged by
only, never fitted: `neg:A-altered` = A's answerable questions with one fact changed to one the
corpus never names (a year, 第n次, a city: `qa/training/altered.py`). A candidate's target is
(right + character F1) / 2, right as `qa eval` counts it (holds an accepted answer and is short).

Data credits: CMRC 2018 (Cui et al., EMNLP-IJCNLP 2019, **CC BY-SA 4.0**); the seed questions
are the project's own. The reader whose scores are features was trained on DRCD (Shao et al.
2018, CC BY-SA 3.0) and CMRC 2018 trial (see `qa/answer/reader/trained/MODEL_CARD.md`).

**Scores** (out of fold for fitted sets: each question scored by models fitted without its
fold; held-out sets never fitted). Accuracy, EM and F1 over answerable questions (an abstention
counts 0); abstention over unanswerable ones; ECE over every question's best candidate
(10 bins), beside the ECE a perfectly calibrated confidence reaches on the same questions 1 time in 20
by chance alone (`qa.evaluation.evaluate.chance_ece`: an ECE below it is no evidence of miscalibration);
高 = answers with confidence ≥ 0.80 and how many of them are right.

{chr(10).join(rows)}

**Features** (column order of the boosters; a scorer of other features is refused):

| feature | what it says |
|---|---|
{feats}

**Limits.** A few hundred seed questions and a few hundred CMRC questions: the seed corpus's
own style dominates the typed questions, CMRC the open, encyclopedic ones. The residents' and
console lines are fitted on, so their figures here are out of fold, not held out. A question
that changes one fact of an answerable one (2023年 for 2021年, 信阳 for 许昌) is mostly answered
with the fact the articles give, often at 高 (the `-altered` rows): no feature separates "the
year asked is printed nowhere" from a paraphrase well enough yet; fitting on such questions, with
or without a feature for words no chunk holds, raised their abstention but cost answerable
questions as much (held-out seed accuracy 0.800 → 0.733–0.767), so they are not fitted on. The features
read the embedding engine's scores, which differ slightly between CPUs: a rerun of `qa fit` on
another machine gives close, not identical, numbers.

**Refit**: `qa fit` (collects every set's candidates, cached in `eval/out/scorer/`, fits with
seeds 0, 1, 2, prints held-out figures of the shipped and the new scorer, and keeps the shipped one when
it is ahead beyond resampling noise, in 95% of paired resamples of the held-out questions;
`--force` writes anyway). The reading sets come from
`eval/reading_sets.py --sets cmrc-trial --questions calibration|report --out eval/out/cmrc-trial --prepare-only`.
"""


def _ws(m: dict) -> str:
    return "(" + ", ".join(f"{w:+.3f}" for w in m["weights"]) + f"), b = {m['bias']:+.3f}"


def _fmt(v) -> str:
    return "—" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)
