"""The rules alone and with the trained reader, side by side, on every gold set we have.

    .venv/bin/python eval/compare_readers.py [--reading eval/out/cmrc-trial/gold-report.jsonl]

Sets: eval/gold.jsonl (dev: the rules and the reader's calibration were fitted on it),
eval/gold_holdout.jsonl (held out: decides the default reader), eval/gold_residents.jsonl
(residents' wording: tuned on, like dev), and the other
city's corpus in tests/data (two articles the rules never saw). With --reading, also a gold
file of eval/reading_sets.py (e.g. `--questions report`: CMRC 2018 trial articles the reader
neither trained nor was calibrated on). Prints accuracy, EM, F1, abstention, false
abstention, recall@5, the share answered by the reader, and median/p95 latency.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COLUMNS = ("accuracy", "exact_match", "f1", "abstention", "false_abstention", "recall@5", "ece", "latency_ms_median",
           "latency_ms_p95")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--reading", type=Path, help="a gold file written by eval/reading_sets.py (its corpus/ and index/ beside it)")
    args = p.parse_args(argv)
    from qa.answer.reader.read import load_reader
    from qa.config import load_settings
    from qa.evaluation.evaluate import evaluate, load_gold, summary
    from qa.index.open import open_index

    sets = [("dev gold.jsonl", ROOT / "eval" / "gold.jsonl", ROOT / "corpus", ROOT / "index"),
            ("held-out gold_holdout.jsonl", ROOT / "eval" / "gold_holdout.jsonl", ROOT / "corpus", ROOT / "index"),
            ("residents gold_residents.jsonl", ROOT / "eval" / "gold_residents.jsonl", ROOT / "corpus", ROOT / "index"),
            ("other city (tests/data)", ROOT / "tests" / "data" / "other_gold.jsonl", ROOT / "tests" / "data" / "other_corpus",
             ROOT / "eval" / "out" / "other-index")]
    if args.reading:
        sets.append((f"reading set {args.reading.stem}", args.reading, args.reading.parent / "corpus", args.reading.parent / "index"))
    readers = {"rules": None, "model": load_reader("model")}
    print(f"{'set':<30} {'reader':<6} " + " ".join(f"{c:>10}" for c in (*COLUMNS, "by reader", "correct")))
    for name, gold_path, corpus, index_dir in sets:
        index = open_index(load_settings({"corpus": corpus, "index": index_dir}, env={}))
        gold = load_gold(gold_path)
        for which, reader in readers.items():
            results = evaluate(index, gold, reader=reader)
            m = summary(results)
            by_reader = sum(r.answer.answered_by == "reader" for r in results)
            correct = f"{sum(r.correct for r in results)}/{m['answerable']}"
            cells = " ".join(f"{m[c]:>10.3f}" if isinstance(m[c], float) else f"{str(m[c]):>10}" for c in COLUMNS)
            print(f"{name:<30} {which:<6} {cells} {by_reader:>10} {correct:>10}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
