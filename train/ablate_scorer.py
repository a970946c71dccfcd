"""Does a group of scorer features earn its place? Fits the answer scorer with and without them on
the candidates `qa fit` cached, and judges every fit on questions it never saw.

    .venv/bin/python -m train.ablate_scorer --without read_mass,mass_inside,mass_around,overlaps

Four fits per variant: the fitted sets of `qa fit` (CMRC calibration half) judged on its held-out
sets, and the same with the CMRC halves swapped (fitted on the report half, judged on the
calibration half), each with two seed triples (ENSEMBLE and ENSEMBLE + 3). A feature left out is
NaN in every row, which the boosters cannot split on. Prints per fit and the mean: pooled held-out
utility, CMRC pick right / accuracy / EM / F1, held-out seed accuracy, the classes set, and dev and
residents out of fold. The README's "Where a question's near-copies gather" figures came from
this (2026-12-04). Needs `qa fit` to have run (eval/out/scorer/); ~5 min per variant on 2 cores.
"""
from __future__ import annotations

import argparse
import statistics
from dataclasses import replace
from pathlib import Path

from qa.answer.features import NAMES
from qa.config import load_settings
from qa.training.boosters import ENSEMBLE
from qa.training import fit_scorer as F
from qa.training.fit_sets import family, question_rows, standard_sets
from qa.training.scorer_data import Look, QuestionRows

ROOT = Path(__file__).resolve().parents[1]
NAN = float("nan")
SHOWN = ("utility", "cmrc pick", "cmrc acc", "cmrc EM", "cmrc F1", "seed acc", "classes", "oof dev", "oof residents")


def _without(rows: list[QuestionRows], columns: set[int]) -> list[QuestionRows]:
    def look(x: Look) -> Look:
        return replace(x, rows=[[NAN if i in columns else v for i, v in enumerate(r)] for r in x.rows])
    return [replace(r, rules=look(r.rules), full=look(r.full)) for r in rows] if columns else rows


def _one_fit(rows: dict[str, list[QuestionRows]], fitted: list[str], held: list[str], seeds: tuple[int, ...]) -> dict:
    train = [r for n in fitted for r in rows[n]]
    new = F.fit(train, log=lambda *a: None, seeds=seeds)
    outs = {n: F.outcomes(new["models"], new["skip_reading"], rows[n]) for n in held}
    oof = F.outcomes(new["models"], new["skip_reading"], train, scores=new["oof_scores"])
    cmrc = next(n for n in held if n.startswith("cmrc"))
    answerable = [o for o in outs[cmrc] if o.answerable]
    m = {n: F.metrics(o) for n, o in outs.items()}
    return {"utility": F.utility([o for os in outs.values() for o in os]),
            "cmrc pick": sum(o.right for o in answerable) / len(answerable),
            "cmrc acc": m[cmrc]["accuracy"], "cmrc EM": m[cmrc]["exact_match"], "cmrc F1": m[cmrc]["f1"],
            "seed acc": m["holdout"]["accuracy"], "classes": m["classes"]["accuracy"],
            "oof dev": F.metrics([o for o in oof if o.set == "dev"])["accuracy"],
            "oof residents": F.metrics([o for o in oof if o.set == "residents"])["accuracy"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--without", action="append", default=[], metavar="F1,F2",
                    help="a variant without these features (repeatable); the shipped features are always run")
    ap.add_argument("--reading", type=Path, default=ROOT / "eval" / "out" / "cmrc-trial")
    ap.add_argument("--cache", type=Path, default=ROOT / "eval" / "out" / "scorer")
    args = ap.parse_args(argv)
    unknown = [n for v in args.without for n in v.split(",") if n not in NAMES]
    if unknown:
        ap.error(f"no such feature: {', '.join(unknown)}")
    sets = standard_sets(ROOT, load_settings(), args.reading)
    rows = question_rows(sets, None, args.cache, log=lambda *a: None)   # type: ignore[arg-type]  # cached: no reader needed
    fitted = sorted({family(s.name) for s in sets if s.fitted} & set(rows))
    held = [n for n in rows if n not in fitted]
    swapped = (sorted(n if n != "cmrc-calibration" else "cmrc-report" for n in fitted),
               [n if n != "cmrc-report" else "cmrc-calibration" for n in held])
    base = ENSEMBLE
    print("variant".ljust(34) + "".join(f"{h:>14}" for h in SHOWN))
    for variant in ["", *args.without]:
        columns = {NAMES.index(n) for n in variant.split(",") if n}
        data = {n: _without(rs, columns) for n, rs in rows.items()}
        runs = [_one_fit(data, fit, judge, seeds)
                for seeds in (base, tuple(s + len(base) for s in base))
                for fit, judge in ((fitted, held), swapped)]
        name = f"without {variant}" if variant else "shipped features"
        for k, r in enumerate(runs):
            print(f"  {name[:24]} #{k + 1}".ljust(34) + "".join(f"{r[h]:>14.3f}" for h in SHOWN))
        print(f"{name[:28]} mean".ljust(34) + "".join(f"{statistics.mean(r[h] for r in runs):>14.3f}" for h in SHOWN),
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
