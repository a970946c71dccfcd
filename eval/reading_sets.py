"""The public reading-comprehension sets as a corpus and a gold file, answered by `qa eval`.

    .venv/bin/python -m eval.reading_sets [--datasets ../shared/datasets] [--out eval/out/reading]
                                          [--sets cmrc-trial drcd-dev drcd-test] [--limit N]

Writes one corpus file per article (title on the first line, then its paragraphs) and one
gold line per question (every distinct verbatim answer accepted, `docs` = the article's
file, OUT/gold.jsonl, or OUT/gold-QUESTIONS.jsonl for a part), then runs `qa eval --corpus
OUT/corpus --index OUT/index --gold that file --out OUT/pred-QUESTIONS-READER.jsonl`: the metrics,
a report of every failure and of every question whose answering raised. The inputs are pinned by
sha256; DRCD (traditional Chinese) is converted to simplified with OpenCC `t2s`, which keeps every
context's length, so the answer offsets stay valid (checked per answer; an answer that no longer matches is dropped and counted).

Data: CMRC 2018 trial (Cui et al., EMNLP-IJCNLP 2019, CC BY-SA 4.0) and DRCD dev/test
(Shao et al. 2018, Delta Electronics, CC BY-SA 3.0); see ../shared/datasets/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# name → (path under the datasets folder, sha256, traditional Chinese)
SETS = {
    "cmrc-trial": (
        "cmrc2018/cmrc2018_trial.json",
        "f3fae95b57da8e03afb2b57467dd221417060ef4d82db13bf22fc88589f3a6f3",
        False,
    ),
    "drcd-dev": ("drcd/DRCD_dev.json", "e236df03861ba241bd7b29628cd48b3b8e339c60137e041a4358b5320ed61928", True),
    "drcd-test": ("drcd/DRCD_test.json", "d9de0b4d247a8391ac8daee6c02c2c8272b75562a1e2377b50ae04ecc09a7438", True),
}


@dataclass(frozen=True)
class Prepared:
    articles: int
    questions: int
    dropped_answers: int  # answers that were not verbatim in their context (answer_start -1 or moved)
    no_answer: int  # questions left with no verbatim answer, or with no question text: not written


def load_set(datasets: Path, name: str) -> dict:
    rel, digest, _ = SETS[name]
    path = datasets / rel
    if not path.is_file():
        raise SystemExit(f"error: {path} is missing; pass --datasets DIR (the folder of ../shared/datasets/README.md)")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != digest:
        raise SystemExit(
            f"error: {path} is not the pinned version (sha256 {digest[:8]}…); results would not be comparable"
        )
    return json.loads(data)


def converter(traditional: bool):
    """Traditional → simplified with OpenCC's t2s tables; the identity for simplified sets."""
    if not traditional:
        return lambda text: text
    import opencc

    return opencc.OpenCC("t2s").convert


def articles(datasets: Path, name: str):
    """(file name, title, paragraphs, [(question id, question, answers)]) per article, simplified."""
    conv = converter(SETS[name][2])
    for n, art in enumerate(load_set(datasets, name)["data"]):
        title = conv(art.get("title", "")).strip()
        paragraphs, qas = [], []
        for para in art["paragraphs"]:
            raw = para["context"]
            context = conv(raw)
            for qa in para["qas"]:
                answers, dropped = _answers(raw, context, qa["answers"], conv)
                qas.append((f"{name}-{qa['id']}", conv(qa["question"]).strip(), answers, dropped))
            paragraphs.append(context.strip())
        yield f"{name}-{n:04d}.txt", title, paragraphs, qas


def _answers(raw: str, context: str, given: list[dict], conv) -> tuple[list[str], int]:
    """Distinct answers that stand verbatim at their offset in the converted context."""
    out, dropped = [], 0
    for a in given:
        start, text = a.get("answer_start", -1), a.get("text", "")
        if start < 0 or not text.strip() or raw[start : start + len(text)] != text:
            dropped += 1
            continue
        # t2s keeps lengths here (checked), so the answer is the context's own characters at the same place
        simple = context[start : start + len(text)] if len(context) == len(raw) else conv(text)
        if simple not in context:
            dropped += 1
            continue
        if simple.strip() not in out:
            out.append(simple.strip())
    return out, dropped


# Which questions to write, by article: the trained reader learned from CMRC 2018 trial's even
# articles (and DRCD), so its odd ones are held out; of those, every other one (n % 4 == 1) may
# fit the answer scorer (`qa fit`) and the rest (n % 4 == 3) only report.
# Every article stays in the corpus either way, as a distractor.
QUESTIONS = {
    "all": lambda name, n: True,
    "held-out": lambda name, n: name == "cmrc-trial" and n % 2 == 1,
    "calibration": lambda name, n: name == "cmrc-trial" and n % 4 == 1,
    "report": lambda name, n: name == "cmrc-trial" and n % 4 == 3,
}


def gold_file(out: Path, questions: str) -> Path:
    return out / ("gold.jsonl" if questions == "all" else f"gold-{questions}.jsonl")


def prepare(datasets: Path, out: Path, names: list[str], limit: int | None, questions: str = "all") -> Prepared:
    corpus = out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for old in corpus.glob("*.txt"):
        old.unlink()
    n_articles = n_questions = dropped = unanswered = 0
    with gold_file(out, questions).open("w", encoding="utf-8") as gold:
        for name in names:
            for file, title, paragraphs, qas in articles(datasets, name):
                if limit is not None and n_questions >= limit:
                    break
                (corpus / file).write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
                n_articles += 1
                for qid, question, answers, lost in qas:
                    if not QUESTIONS[questions](name, int(file[-8:-4])):
                        continue
                    dropped += lost
                    if not answers or not question:  # two CMRC trial questions have an empty text
                        unanswered += 1
                        continue
                    row = {"id": qid, "question": question, "answers": answers, "docs": [file], "answerable": True}
                    gold.write(json.dumps(row, ensure_ascii=False) + "\n")
                    n_questions += 1
    return Prepared(n_articles, n_questions, dropped, unanswered)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    p.add_argument("--out", type=Path, default=ROOT / "eval" / "out" / "reading")
    p.add_argument("--sets", nargs="+", choices=list(SETS), default=list(SETS))
    p.add_argument("--limit", type=int, help="stop adding articles after about this many questions (a quick run)")
    p.add_argument("--prepare-only", action="store_true", help="write the corpus and gold file, do not evaluate")
    p.add_argument(
        "--questions",
        choices=list(QUESTIONS),
        default="all",
        help="held-out: only questions of CMRC trial articles the trained reader never saw; calibration / report: "
        "the two halves of those (every article stays in the corpus)",
    )
    p.add_argument("--reader", choices=["model", "rules"], help="passed to qa eval (default: $QA_READER or model)")
    args = p.parse_args(argv)
    prepared = prepare(args.datasets, args.out, args.sets, args.limit, args.questions)
    print(
        f"{', '.join(args.sets)}: {prepared.articles} articles, {prepared.questions} questions "
        f"({prepared.dropped_answers} answers not verbatim in their context dropped, "
        f"{prepared.no_answer} questions without an answer or text skipped) → {args.out}",
        flush=True,
    )
    if args.prepare_only:
        return 0
    from qa.cli import main as qa

    gold = gold_file(args.out, args.questions)
    pred = args.out / f"pred-{args.questions}-{args.reader or 'default'}.jsonl"
    code = qa(
        [
            "eval",
            "--corpus",
            str(args.out / "corpus"),
            "--index",
            str(args.out / "index"),
            "--gold",
            str(gold),
            "--out",
            str(pred),
            *(["--reader", args.reader] if args.reader else []),
        ]
    )
    if code == 0:
        print_by_set(gold, pred)
    return code


def print_by_set(gold_path: Path, pred_path: Path) -> None:
    """EM, char-F1 and false abstention per data set (their answer styles differ: CMRC's are long)."""
    from qa.evaluation.metrics import f1

    gold = {g["id"]: g for g in map(json.loads, gold_path.read_text(encoding="utf-8").splitlines())}
    rows: dict[str, list[tuple[bool, float, bool]]] = {}
    for pred in map(json.loads, pred_path.read_text(encoding="utf-8").splitlines()):
        exact, score = f1(pred["answer"], tuple(gold[pred["id"]]["answers"]))
        name = next(n for n in SETS if pred["id"].startswith(n + "-"))
        rows.setdefault(name, []).append((exact, score, pred["answer"] is None))
    print(f"\n  {'set':<11} {'questions':>9} {'EM':>6} {'F1':>6} {'abstained':>10}")
    for name, r in rows.items():
        n = len(r)
        print(
            f"  {name:<11} {n:>9} {sum(x[0] for x in r) / n:>6.3f} {sum(x[1] for x in r) / n:>6.3f} "
            f"{sum(x[2] for x in r) / n:>10.3f}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
