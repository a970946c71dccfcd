"""Today's gate, the reader alone and the learned decision, side by side, on every gold set.

    .venv/bin/python -m eval.compare_decisions [--reading eval/out/cmrc-trial] [--sets dev holdout …] [--plots DIR]

Rows per set (each over its own corpus, open retrieval):
- `gate`: the landed main before the learned decision (d57f5e4: a rules value with P ≥ 0.50 stood,
  else the reader's first span above 0.65), as recorded in eval/gate_baseline.json (how to rerun it
  is written there);
- `reader`: the shipped reader alone, as the Haystack-style baseline: the top 3 retrieved chunks,
  its best span, no threshold, no rules;
- `decision`: the product as shipped (`qa.answer.answer` with the reader and the scorer).
Columns: accuracy (holds an accepted answer and is short), EM, char-F1 (answerable questions; an
abstention scores 0), abstention on unanswerable ones, false abstention, ECE, how many answers
were 高 (≥ 0.80) and how many of those were right, latency median / p95. Sets marked * were fitted
on (their decision figures are in-sample; the scorer card has them out of fold). With --plots, a
reliability plot of the decision per set.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ("accuracy", "exact_match", "f1", "abstention", "false_abstention", "ece", "high", "high_right",
           "latency_ms_median", "latency_ms_p95")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--reading", type=Path, default=ROOT / "eval" / "out" / "cmrc-trial")
    p.add_argument("--sets", nargs="+", help="only these sets (names as printed)")
    p.add_argument("--plots", type=Path, help="write a reliability plot per set here")
    args = p.parse_args(argv)
    from qa.answer.reader.serving import load_reader
    from qa.config import load_settings
    from qa.evaluation.evaluate import evaluate, load_gold
    from qa.training.fit_sets import standard_sets
    from qa.index.open import open_index

    gate = json.loads((ROOT / "eval" / "gate_baseline.json").read_text(encoding="utf-8"))["sets"]
    reader = load_reader("model")
    sets = [s for s in standard_sets(ROOT, load_settings({}), args.reading) if s.gold.is_file()
            and (not args.sets or s.name in args.sets)]
    print(f"{'set':<28} {'who':<9} " + " ".join(f"{c[:10]:>10}" for c in COLUMNS), flush=True)
    indexes = {}
    for s in sets:
        if s.index not in indexes:
            indexes[s.index] = open_index(load_settings({"corpus": s.corpus, "index": s.index}, env={}))
        index = indexes[s.index]
        gold = load_gold(s.gold)
        if s.negative:
            gold = [replace(g, answerable=False, answers=()) for g in gold]
        label = s.name + ("" if not s.fitted else " *")
        if s.name in gate:
            g = gate[s.name]["model"]
            print(_row(label, "gate", {**g, "high": None, "high_right": None}), flush=True)
        print(_row(label, "reader", reader_alone(index, gold, reader)), flush=True)
        results = evaluate(index, gold, reader=reader)
        print(_row(label, "decision", _metrics(results)), flush=True)
        if args.plots:
            from qa.evaluation.evaluate import expected_calibration_error, reliability
            from qa.evaluation.report import write_reliability_plot

            args.plots.mkdir(parents=True, exist_ok=True)
            bins = reliability(results)
            write_reliability_plot(
                bins, expected_calibration_error(bins), args.plots / f"{s.name.replace(':', '_').replace('@', '_')}.png"
            )
    return 0


def reader_alone(index, gold, reader) -> dict:
    """The reader's best span over the top 3 retrieved chunks: no rules, no threshold."""
    from qa.evaluation.evaluate import is_correct
    from qa.evaluation.metrics import f1
    from qa.index.search import search

    rows, latency = [], []
    for item in gold:
        t0 = time.perf_counter()
        passages = sorted(search(index, item.question, 8), key=lambda p: p.rank)[:3]
        proposals = reader.propose(item.question, [p.chunk.text for p in passages])
        text = proposals[0].text.strip() if proposals else None
        latency.append((time.perf_counter() - t0) * 1000)
        exact, score = f1(text, item.answers) if item.answerable else (False, 0.0)
        rows.append(
            (item.answerable, item.answerable and is_correct(text, item.answers, item.type), exact, score, text is None)
        )
    ans = [r for r in rows if r[0]]
    una = [r for r in rows if not r[0]]
    return {
        "accuracy": _share([r[1] for r in ans]),
        "exact_match": _share([r[2] for r in ans]),
        "f1": _share([r[3] for r in ans]),
        "abstention": _share([r[4] for r in una]),
        "false_abstention": _share([r[4] for r in ans]),
        "ece": None,
        "high": None,
        "high_right": None,
        **_latency(latency),
    }


def _metrics(results) -> dict:
    from qa.evaluation.evaluate import summary

    m = summary(results)
    high = [r for r in results if r.answer.answer is not None and r.answer.confidence >= 0.80]
    return {**{k: m[k] for k in COLUMNS if k in m}, "high": len(high), "high_right": _share([r.correct for r in high])}


def _latency(ms: list[float]) -> dict:
    ordered = sorted(ms)
    return {
        "latency_ms_median": statistics.median(ms) if ms else 0.0,
        "latency_ms_p95": ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))] if ms else 0.0,
    }


def _share(xs: list) -> float | None:
    return sum(xs) / len(xs) if xs else None


def _row(name: str, who: str, m: dict) -> str:
    def cell(v):
        return f"{'—':>10}" if v is None else f"{v:>10.3f}" if isinstance(v, float) else f"{v!s:>10}"

    return f"{name:<28} {who:<9} " + " ".join(cell(m.get(c)) for c in COLUMNS)


if __name__ == "__main__":
    raise SystemExit(main())
