"""The reader's training questions as the product reads them: each question with the passages its
retrieval gives the reader, wrong ones included, and where the annotated answer stands in them.

    .venv/bin/python -m train.retrieved_groups [--out eval/out/reader-groups.jsonl]

Needs the reading sets as corpora with built indexes (`eval.reading_sets --prepare-only`, then
`qa build`): eval/out/drcd (DRCD dev + test) and eval/out/cmrc-trial. Questions: DRCD dev + test
and the even-numbered CMRC 2018 trial articles, the ones the reader already learns from
(`train_reader.examples`); the odd articles' questions are never written (validation, the
scorer's calibration half and the report half). Their articles stay in the corpus, as the product
reads them: as passages that hold no answer. One JSON line per question: the question as the
reader gets it (`understand`), the first READ_PASSAGES retrieved passages' texts, and the answer's
(passage, start, end) in each passage that holds all of it (none: the answer was not retrieved,
and the question teaches "no answer here" over every passage). `train_reader --groups` learns from
them with one softmax over all passages of a question.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# (set, corpus folder under eval/out, which articles' questions)
SOURCES = (
    ("drcd-dev", "drcd", lambda n: True),
    ("drcd-test", "drcd", lambda n: True),
    ("cmrc-trial", "cmrc-trial", lambda n: n % 2 == 0),
)


def answer_ranges(datasets: Path, name: str, keep):
    """(file, question, raw start, raw end) per question of the articles `keep(n)` takes: the first
    verbatim answer's place in the corpus file `eval.reading_sets` wrote."""
    from eval.reading_sets import load_set

    yield from article_ranges(name, enumerate(load_set(datasets, name)["data"]), keep)


def article_ranges(name: str, numbered, keep):
    """`answer_ranges` over (article number, SQuAD-format article) pairs: the file holds the title, a
    blank line, and the stripped paragraphs between blank lines."""
    from eval.reading_sets import SETS, converter

    conv = converter(SETS[name][2])
    for n, article in numbered:
        offset = len(conv(article.get("title", "")).strip()) + 2
        for para in article["paragraphs"]:
            raw, context = para["context"], conv(para["context"])
            shift = len(context) - len(context.lstrip())
            for qa in para["qas"] if keep(n) else ():
                question = conv(qa["question"]).strip()
                for a in qa["answers"]:
                    start, text = a.get("answer_start", -1), a.get("text", "")
                    if (question and start >= 0 and text.strip() and raw[start:start + len(text)] == text
                            and len(context) == len(raw) and start >= shift):
                        yield f"{name}-{n:04d}.txt", question, offset + start - shift, offset + start - shift + len(text)
                        break
            offset += len(context.strip()) + 2


def place(index, chunk, raw_start: int, raw_end: int) -> tuple[int, int] | None:
    """The answer's (start, end) in the chunk's text when the chunk holds all of it."""
    if chunk.start > raw_start or chunk.end < raw_end:
        return None
    pos = index.documents[(chunk.doc, chunk.article)].pos
    inside = [i for i in range(chunk.clean_start, chunk.clean_end) if raw_start <= pos[i] < raw_end]
    if not inside or pos[inside[0]] != raw_start:
        return None
    return inside[0] - chunk.clean_start, inside[-1] + 1 - chunk.clean_start


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    p.add_argument("--out", type=Path, default=ROOT / "eval" / "out" / "reader-groups.jsonl")
    p.add_argument("--limit", type=int, help="questions per set (a quick check)")
    p.add_argument("--sets", nargs="+", default=[s[0] for s in SOURCES], choices=[s[0] for s in SOURCES])
    args = p.parse_args(argv)
    from qa.answer.decide import LEADER_DEPTH
    from qa.answer.options import READ_PASSAGES
    from qa.answer.understand import understand
    from qa.config import load_settings
    from qa.index import open_index
    from qa.index.search import search

    indexes: dict = {}
    tmp = args.out.with_suffix(".tmp")
    t0, written, found = time.perf_counter(), 0, 0
    with tmp.open("w", encoding="utf-8") as out:
        for name, folder, keep in (s for s in SOURCES if s[0] in args.sets):
            base = ROOT / "eval" / "out" / folder
            if folder not in indexes:
                indexes[folder] = open_index(load_settings({"corpus": base / "corpus", "index": base / "index"}),
                                             auto_build=False)
            index = indexes[folder]
            for k, (file, question, a, b) in enumerate(answer_ranges(args.datasets, name, keep)):
                if args.limit is not None and k >= args.limit:
                    break
                u = understand(index, question, "")
                ranked = search(index, u.text, LEADER_DEPTH, terms=list(dict.fromkeys(u.words)))
                read = sorted(ranked, key=lambda p: p.rank)[:READ_PASSAGES]
                answers = [[n, *at] for n, p in enumerate(read) if p.chunk.doc == file and (at := place(index, p.chunk, a, b))]
                out.write(json.dumps({"set": name, "question": u.text, "passages": [p.chunk.text for p in read],
                                      "answers": answers}, ensure_ascii=False) + "\n")
                written += 1
                found += bool(answers)
                if written % 500 == 0:
                    print(f"{written} questions, answer retrieved for {found} ({time.perf_counter() - t0:.0f} s)", flush=True)
    tmp.replace(args.out)
    print(f"{written} questions → {args.out}; the answer among the passages read for {found} ({found / max(1, written):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
