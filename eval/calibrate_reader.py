"""Fit how far to trust the trained reader's span (qa/answer/reader/calibration.py) on gold questions.

    .venv/bin/python eval/calibrate_reader.py [--gold eval/gold.jsonl] [--reading eval/out/cmrc-trial/gold-calibration.jsonl]

Answers every gold question with the reader reading but not yet trusted, labels the reader's span
and the rules' answer right or wrong, fits one logistic model for each (same features) and
writes them next to the shipped reader. Two sources, pooled:
the dev questions on the seed corpus (`qa eval`'s rule: contains an accepted answer and is short;
an unanswerable question's span is always wrong) and, with --reading, the gold file that
`eval/reading_sets.py --sets cmrc-trial --questions calibration --prepare-only` writes (untyped questions: character F1 ≥ 0.5),
whose questions the reader never trained on and whose other half only reports. Never
eval/gold_holdout.jsonl: that is what the calibrated system is judged on. Prints the coefficients
and the expected calibration error (10 bins) on the questions it was fitted on.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def ece(probabilities: list[float], labels: list[bool], bins: int = 10) -> float:
    total = 0.0
    for b in range(bins):
        inside = [(p, y) for p, y in zip(probabilities, labels) if b / bins <= p < (b + 1) / bins or (b == bins - 1 and p == 1)]
        if inside:
            total += len(inside) * abs(sum(p for p, _ in inside) / len(inside) - sum(y for _, y in inside) / len(inside))
    return total / max(1, len(labels))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--gold", type=Path, default=ROOT / "eval" / "gold.jsonl")
    p.add_argument("--reading", type=Path, help="a gold file written by eval/reading_sets.py (its corpus/ and index/ beside it)")
    p.add_argument("--folder", type=Path, help="the shipped reader's folder (default: the package's)")
    args = p.parse_args(argv)
    if args.gold.name == "gold_holdout.jsonl":
        raise SystemExit("error: the held-out questions judge the calibrated system; fit on eval/gold.jsonl")
    from qa.answer.reader.calibration import FEATURES, Calibration, fit, save_calibration
    from qa.answer.reader.read import load_reader
    from qa.answer.reader.trained import FOLDER
    from qa.config import load_settings
    from qa.evaluation.evaluate import evaluate, f1, is_correct, load_gold
    from qa.index.open import open_index

    folder = args.folder or FOLDER
    reader = load_reader("model", folder, calibrated=False)
    sources = [(args.gold, None, None)]
    if args.reading:
        sources.append((args.reading, args.reading.parent / "corpus", args.reading.parent / "index"))
    data = {"reader": ([], []), "rules": ([], [])}
    counts = []
    for gold_path, corpus, index_dir in sources:
        index = open_index(load_settings({"corpus": corpus, "index": index_dir}))
        results = evaluate(index, load_gold(gold_path), reader=reader)
        n = len(data["reader"][0])

        def right(text, item) -> bool:
            if not item.answerable or not text:
                return False
            if item.type:
                return is_correct(text, item.answers, item.type)
            return f1(text, item.answers)[1] >= 0.5   # reading-set questions carry no type: CMRC's own measure

        for r in results:
            seen = r.answer.reader
            if seen is None:
                continue
            data["reader"][0].append(seen["features"])
            data["reader"][1].append(right(seen["text"], r.item))
            if seen["rules_text"] is not None:
                data["rules"][0].append(seen["features"])
                data["rules"][1].append(right(seen["rules_text"], r.item))
        counts.append(f"{gold_path.name}: {len(data['reader'][0]) - n} of {len(results)} questions")
    models = {name: fit(rows, labels) for name, (rows, labels) in data.items()}
    cal = Calibration(models["reader"], models["rules"], "; ".join(counts))
    for name, (rows, labels) in data.items():
        m = models[name]
        print(f"{name}: {len(rows)} answers, {sum(labels)} right; "
              + ", ".join(f"{f} {w:+.3f}" for f, w in zip(FEATURES, m.weights)) + f", bias {m.bias:+.3f}; "
              f"expected calibration error on them {ece([m.probability(x) for x in rows], labels):.3f}")
    print(f"written: {save_calibration(cal, folder)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
