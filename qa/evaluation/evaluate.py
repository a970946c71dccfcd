"""Answer a gold question file and measure. Entry point: `evaluate(index, gold)`.

Metrics follow the CMRC 2018 scorer where it has one (exact match and character F1 over the longest
common substring, punctuation removed) and add what a cited, abstaining system needs: citation
accuracy, offset correctness, retrieval recall and abstention."""
from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

from qa.answer.respond import answer
from qa.errors import QAError
from qa.answer.reader.serving import Reader
from qa.index.record import Index
from qa.evaluation.metrics import f1, normalize  # noqa: F401 (re-exported: callers import them from here)
from qa.offsets import WHITESPACE
from qa.models import Answer

OPEN_MAX = 160            # an open answer is one sentence, not a page


@dataclass(frozen=True)
class GoldItem:
    id: str
    question: str
    answers: tuple[str, ...]
    docs: tuple[str, ...]
    answerable: bool
    type: str
    after: str | None         # id of the question this one follows up


@dataclass(frozen=True)
class Result:
    item: GoldItem
    answer: Answer
    correct: bool             # contains an accepted answer and is short
    exact: bool
    f1: float
    cited: bool | None        # first citation from a supporting file, holding the answer
    offsets_ok: bool | None   # the raw file at the answer offsets is the answer
    retrieval_rank: int | None  # where the first passage holding an accepted answer stands, after the reader's rerank
    search_rank: int | None     # …and in the retrieval ranking alone (hybrid search, before the answer stage)
    guess_correct: bool       # the answer or, when abstaining, the best guess is correct


def load_gold(path: Path) -> list[GoldItem]:
    if not path.is_file():
        raise QAError(f"gold file {path} does not exist; give a JSON Lines file with --gold FILE")
    items, seen = [], set()
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            question = row["question"]
            answers = tuple(row.get("answers", []))
            if not isinstance(question, str) or not all(isinstance(a, str) for a in answers):
                raise TypeError("question and answers must be text")
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as err:
            raise QAError(f"{path} line {n} is not a gold question ({type(err).__name__}); each line needs "
                          f'{{"id", "question", "answers"}} as in CONTRACT.md') from None
        docs = row.get("docs") or ([row["doc"]] if row.get("doc") else [])
        item_id = str(row.get("id", f"line{n}"))
        if item_id in seen:
            raise QAError(f"{path} line {n} repeats id {item_id!r}; give every question its own id")
        seen.add(item_id)
        items.append(GoldItem(item_id, question, answers, tuple(docs), bool(row.get("answerable", bool(answers))),
                              str(row.get("type", "")), row.get("after")))
    if not items:
        raise QAError(f"gold file {path} holds no questions; add one JSON object per line")
    return items


def is_correct(text: str | None, accepted: tuple[str, ...], qtype: str) -> bool:
    if not text:
        return False
    got = normalize(text)
    for a in accepted:
        a = normalize(a)
        if a and a in got:
            limit = OPEN_MAX if qtype == "open" else max(2 * len(a) + 6, 16)
            if len(got) <= limit:
                return True
    return False


def _visible(text: str, skip: frozenset[int] = frozenset(), offset: int = 0) -> str:
    return "".join(ch for i, ch in enumerate(text, offset) if ch not in WHITESPACE and i not in skip)


def offsets_ok(index: Index, a: Answer) -> bool | None:
    if a.answer is None or not a.citations:
        return None
    c = a.citations[0]
    if c.answer_start is None or c.answer_end is None:
        return None
    source = index.sources[c.doc]
    span = _visible(source.text[c.answer_start:c.answer_end], source.skippable, c.answer_start)
    quote = "".join(_visible(source.text[x:y], source.skippable, x) for x, y in c.spans)
    return (span == _visible(a.answer) and quote == _visible(c.quote)
            and (c.start, c.end) == (c.spans[0][0], c.spans[-1][1]))


def retrieval_rank(a: Answer, item: GoldItem, reranked: bool = True) -> int | None:
    wanted = [normalize(x) for x in item.answers if normalize(x)]
    holding = [(k, p) for k, p in enumerate(a.passages, 1)
               if (not item.docs or p.chunk.doc in item.docs) and any(w in normalize(p.chunk.text) for w in wanted)]
    if not holding:
        return None
    return min(k for k, _ in holding) if reranked else min(p.rank for _, p in holding)


def evaluate(index: Index, gold: list[GoldItem], progress: Callable[[int, int], None] | None = None,
             reader: Reader | None = None) -> list[Result]:
    """Answer every gold question; one that cannot be answered is counted with its error, and the run goes on."""
    understood = {g.id: g.question for g in gold}   # then as read: a follow-up's follow-up leans on it, as in the chat
    results = []
    for n, item in enumerate(gold, 1):
        previous = understood.get(item.after) if item.after else None
        try:
            a = answer(index, item.question, previous, reader)
        except QAError as err:   # a gold question the edge refuses (empty, too long, control characters)
            a = Answer(item.question, None, "none", 0.0, (), errors=(f"refused: {err}",))
        understood[item.id] = a.resolved_question or item.question
        results.append(judge(index, item, a))
        if progress:
            progress(n, len(gold))
    return results


def judge(index: Index, item: GoldItem, a: Answer) -> Result:
    qtype = item.type or a.question_type
    correct = item.answerable and is_correct(a.answer, item.answers, qtype)
    exact, score = f1(a.answer, item.answers) if item.answerable else (False, 0.0)
    cited = None
    if item.answerable and a.answer is not None and a.citations:
        first = a.citations[0]
        cited = (not item.docs or first.doc in item.docs) and normalize(a.answer) in normalize(first.quote)
    guess = a.answer if a.answer is not None else a.best_guess
    return Result(item, a, correct, exact, score, cited, offsets_ok(index, a),
                  retrieval_rank(a, item) if item.answerable else None,
                  retrieval_rank(a, item, reranked=False) if item.answerable else None,
                  item.answerable and is_correct(guess, item.answers, qtype))


def summary(results: list[Result]) -> dict:
    answerable = [r for r in results if r.item.answerable]
    unanswerable = [r for r in results if not r.item.answerable]
    answered = [r for r in answerable if r.answer.answer is not None]
    correct = [r for r in answerable if r.correct]
    offsets = [r.offsets_ok for r in results if r.offsets_ok is not None]
    ranks = [r.retrieval_rank for r in answerable]
    search = [r.search_rank for r in answerable]
    latency = [r.answer.timings_ms.get("total", 0.0) for r in results]
    return {
        "questions": len(results),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "accuracy": _ratio(len(correct), len(answerable)),
        "exact_match": _ratio(sum(r.exact for r in answerable), len(answerable)),
        "f1": _ratio(sum(r.f1 for r in answerable), len(answerable)),
        "citation_accuracy": _ratio(sum(bool(r.cited) for r in correct), len(correct)),
        "offsets_correct": _ratio(sum(offsets), len(offsets)),
        "recall@1": _ratio(sum(1 for k in ranks if k is not None and k <= 1), len(answerable)),
        "recall@5": _ratio(sum(1 for k in ranks if k is not None and k <= 5), len(answerable)),
        "mrr": _ratio(sum(1 / k for k in ranks if k), len(answerable)),
        "search_recall@1": _ratio(sum(1 for k in search if k is not None and k <= 1), len(answerable)),
        "search_recall@5": _ratio(sum(1 for k in search if k is not None and k <= 5), len(answerable)),
        "search_mrr": _ratio(sum(1 / k for k in search if k), len(answerable)),
        "abstention": _ratio(sum(r.answer.answer is None for r in unanswerable), len(unanswerable)),
        "false_abstention": _ratio(len(answerable) - len(answered), len(answerable)),
        "ece": expected_calibration_error(reliability(results)),
        **dict(zip(("ece_chance", "ece_chance_p95"), chance_ece(reliability_pairs(results)) or (None, None))),
        "errors": sum(bool(r.answer.errors) for r in results),
        "latency_ms_median": statistics.median(latency) if latency else 0.0,
        "latency_ms_p95": _percentile(latency, 95),
    }


def by_type(results: list[Result]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for t in sorted({r.item.type or r.answer.question_type for r in results}):
        rs = [r for r in results if (r.item.type or r.answer.question_type) == t]
        ans = [r for r in rs if r.item.answerable]
        una = [r for r in rs if not r.item.answerable]
        out[t] = {"n": len(rs), "accuracy": _ratio(sum(r.correct for r in ans), len(ans)),
                  "f1": _ratio(sum(r.f1 for r in ans), len(ans)), "unanswerable": len(una),
                  "abstention": _ratio(sum(r.answer.answer is None for r in una), len(una))}
    return out


def sweep(results: list[Result], steps: int = 20) -> list[dict]:
    """Accuracy against coverage for abstention thresholds 0 … 0.95 (the chosen answer
    does not depend on the threshold, so one run serves every row)."""
    answerable = [r for r in results if r.item.answerable]
    unanswerable = [r for r in results if not r.item.answerable]
    rows = []
    for i in range(steps):
        t = i / steps
        def kept(r):
            return (r.answer.answer or r.answer.best_guess) is not None and r.answer.confidence >= t
        answered = [r for r in answerable if kept(r)]
        right = [r for r in answered if r.guess_correct]
        rows.append({"threshold": t, "coverage": _ratio(len(answered), len(answerable)),
                     "accuracy_answered": _ratio(len(right), len(answered)),
                     "accuracy": _ratio(len(right), len(answerable)),
                     "abstention": _ratio(sum(not kept(r) for r in unanswerable), len(unanswerable))})
    return rows


def reliability(results: list[Result], bins: int = 10) -> list[dict]:
    """Confidence against how often the best answer is right, in equal-width bins: every question
    with an answer or a best guess counts (a guess for an unanswerable question is wrong)."""
    return calibration_bins(reliability_pairs(results), bins)


def reliability_pairs(results: list[Result]) -> list[tuple[float, bool]]:
    return [(r.answer.confidence, r.guess_correct) for r in results if (r.answer.answer or r.answer.best_guess) is not None]


# Draws of a perfectly calibrated confidence: the median and 95th percentile move by < 0.003 between seeds.
CHANCE_DRAWS = 2000


def chance_ece(scored: list[tuple[float, bool]], bins: int = 10, draws: int = CHANCE_DRAWS) -> tuple[float, float] | None:
    """The ECE that a perfectly calibrated confidence would show on these questions by chance alone
    (median, 95th percentile): each question drawn right with its own confidence as the probability,
    binned as `calibration_bins` bins. On a few dozen questions it is 0.08-0.2, so an ECE is evidence
    of miscalibration only above the 95th percentile."""
    import numpy as np

    if not scored:
        return None
    p = np.array([x for x, _ in scored], dtype=np.float64)
    one_hot = np.eye(bins)[[bin_of(x, bins) for x in p]]
    right = np.random.default_rng(0).random((draws, len(p))) < p
    ece = np.abs(right @ one_hot - p @ one_hot).sum(axis=1) / len(p)
    return float(np.median(ece)), float(np.percentile(ece, 95))


def calibration_bins(scored: list[tuple[float, bool]], bins: int = 10) -> list[dict]:
    """(probability, right) pairs in equal-width bins: count, mean probability, share right;
    the one binning of the project (expected_calibration_error reads it)."""
    rows = []
    for b in range(bins):
        inside = [(p, y) for p, y in scored if bin_of(p, bins) == b]
        rows.append({"low": b / bins, "high": (b + 1) / bins, "n": len(inside),
                     "confidence": _ratio(sum(p for p, _ in inside), len(inside)),
                     "accuracy": _ratio(sum(y for _, y in inside), len(inside))})
    return rows


def bin_of(p: float, bins: int) -> int:
    """The bin of a probability: [b/bins, (b+1)/bins), 1.0 in the last (a negative one in none)."""
    return min(bins - 1, int(p * bins)) if p >= 0 else -1


def expected_calibration_error(rows: list[dict]) -> float | None:
    total = sum(r["n"] for r in rows)
    if not total:
        return None
    return sum(r["n"] * abs(r["confidence"] - r["accuracy"]) for r in rows if r["n"]) / total


def _ratio(a: float, b: int) -> float | None:
    return a / b if b else None


def _percentile(values: list[float], q: int) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def failures(results: list[Result]) -> list[tuple[Result, str]]:
    out = []
    for r in results:
        if r.answer.errors:
            out.append((r, "answering failed: " + "; ".join(r.answer.errors)))
        elif r.item.answerable and r.answer.answer is None:
            out.append((r, "false abstention"))
        elif r.item.answerable and not r.correct:
            out.append((r, "wrong answer"))
        elif not r.item.answerable and r.answer.answer is not None:
            out.append((r, "answered an unanswerable question"))
        elif r.cited is False and r.correct:
            out.append((r, "citation not from a supporting file"))
        elif r.offsets_ok is False:
            out.append((r, "offsets do not hold the answer"))
    return out


def prediction_rows(results: list[Result]) -> list[dict]:
    return [{"id": r.item.id, **r.answer.to_dict()} for r in results]

