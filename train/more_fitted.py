"""Would the answer scorer gain from being fitted on the seed corpus's judge-only sets too? A
cross-validation over those sets, on the candidates `qa fit` cached.

    .venv/bin/python -m train.more_fitted

The judge-only seed sets (`fit_sets.SEED_JUDGES`) are split into GROUPS. For each group, a scorer
fitted on `qa fit`'s fitted sets plus the other groups is judged on that group; the standard fit
(`qa fit`'s fitted sets only) and the shipped scorer are judged on the same questions. The sets
no variant ever fits (holdout, CMRC report, the other city, their negatives, and seed sets written
after GROUPS was drawn: the twelfth) are judged by every fit. Prints accuracy / F1 / abstention /
高 right per judged part and the pooled utility. Needs `qa fit` to have run at this commit
(eval/out/scorer/), or `--as-saved` a snapshot of its rows; ~3 min per fit on 2 cores.
"""
from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from qa.answer.features import NAMES
from qa.config import load_settings
from qa.training import fit_scorer as F
from qa.training.fit_sets import SEED_JUDGES, family, question_rows, standard_sets
from qa.training.scorer_data import QuestionRows

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT / "qa" / "answer" / "trained" / "scorer.json"
# Three groups of 174–200 questions, each mixing early and late sets (the later ones were written after more
# of the rules were, and ask in more varied words).
GROUPS = (("events", "fresh", "later", "eighth"), ("classes", "unseen", "fifth", "ninth"),
          ("sixth", "seventh", "tenth", "eleventh"))


def _line(name: str, outs: list[F.Outcome]) -> str:
    m = F.metrics(outs)
    cell = [m["accuracy"], m["f1"], m["abstention"], m["high_right"], F.utility(outs)]
    return f"  {name:<34}" + "".join(f"{'—' if v is None else f'{v:.3f}':>9}" for v in cell) + f"{m['high']:>6}"


def _saved(folder: Path) -> dict[str, list[QuestionRows]]:
    out: dict[str, list[QuestionRows]] = {}
    for path in sorted(folder.glob("rows-*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
        for r in (QuestionRows.from_dict(json.loads(x)) for x in lines):
            out.setdefault(family(r.set), []).append(replace(r, set=family(r.set)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reading", type=Path, default=ROOT / "eval" / "out" / "cmrc-trial")
    ap.add_argument("--cache", type=Path, default=ROOT / "eval" / "out" / "scorer")
    ap.add_argument("--as-saved", type=Path, metavar="DIR", help="read every rows file of DIR as it is, whatever "
                    "code it was collected with (a snapshot of the cache taken at one commit)")
    args = ap.parse_args(argv)
    sets = standard_sets(ROOT, load_settings(), args.reading)
    if args.as_saved:
        rows = _saved(args.as_saved)
    else:
        rows = question_rows(sets, None, args.cache, log=lambda *a: None)   # type: ignore[arg-type]  # cached only
    fitted = sorted({family(s.name) for s in sets if s.fitted} & set(rows))
    judges = [n for n in SEED_JUDGES if n in rows and any(n in g for g in GROUPS)]
    always = [n for n in rows if n not in fitted and n not in judges]   # a set written after GROUPS: a judge of all
    shipped = json.loads(SCORER.read_text(encoding="utf-8"))
    columns = [NAMES.index(n) for n in shipped["features"]]
    print(f"{'':<36}{'acc':>9}{'F1':>9}{'abst':>9}{'高 right':>9}{'utility':>9}{'高':>6}")

    def judged(art: dict, names: list[str], old: bool = False) -> dict[str, list[F.Outcome]]:
        return {n: F.outcomes(art["models"], art["skip_reading"], rows[n], columns=columns if old else None)
                for n in names}

    standard = F.fit([r for n in fitted for r in rows[n]], log=lambda *a: None)
    base = {"shipped": judged(shipped, judges + always, old=True), "standard": judged(standard, judges + always)}
    more: dict[str, list[F.Outcome]] = {}
    always_more: list[dict[str, list[F.Outcome]]] = []
    for group in GROUPS:
        held = [n for n in group if n in rows]
        extra = [n for n in judges if n not in held]
        art = F.fit([r for n in fitted + extra for r in rows[n]], log=lambda *a: None)
        got = judged(art, held + always)
        more.update({n: got[n] for n in held})
        always_more.append({n: got[n] for n in always})
        print(f"fitted also on {', '.join(extra)}; threshold {art['models']['full']['threshold']:.2f}", flush=True)
    for name, res in (("shipped", base["shipped"]), ("standard refit", base["standard"]), ("fitted on more", more)):
        print(f"{name}:")
        for n in judges:
            print(_line(n, res[n]))
        print(_line("seed judge sets pooled", [o for n in judges for o in res[n]]))
    for name, res in (("shipped", base["shipped"]), ("standard refit", base["standard"])):
        print(f"{name}, never fitted:")
        for n in always:
            print(_line(n, res[n]))
    for k, res in enumerate(always_more):
        print(f"fitted on more (fold {k + 1}), never fitted:")
        for n in always:
            print(_line(n, res[n]))
        print(_line("pooled", [o for n in always for o in res[n]]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
