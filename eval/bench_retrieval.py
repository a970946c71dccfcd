"""Retrieval and answer latency on the real corpus, against the cost of one bare query embedding.

    .venv/bin/python -m eval.bench_retrieval [--repeat 5] [--reader model|rules] [--reading eval/out/cmrc-trial/gold-report.jsonl]

Builds a fresh index in a temporary folder (cold build: every chunk embedded; warm build:
nothing changed, every embedding reused), then times each stage over all gold questions and the
full answer with the chosen reader, and with --reading the full answer over a gold file of
eval/reading_sets.py (Wikipedia questions, longer passages).
Prints medians and 95th percentiles in milliseconds, the reader's load time and the peak memory
of the process; the machine is noisy, compare ratios.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from qa.answer.reader.serving import load_reader
from qa.answer.respond import answer
from qa.index.build import build
from qa.config import load_settings
from qa.index.open import open_index
from qa.index.search import search
from qa.index.vectors import nearest

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def row(name: str, ms: list[float], floor: float | None = None) -> str:
    med = statistics.median(ms)
    p95 = sorted(ms)[max(0, round(0.95 * len(ms)) - 1)]
    ratio = f"{med / floor:6.2f}x" if floor else "       "
    return f"  {name:<34} {med:8.2f} {p95:8.2f}  {ratio}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--gold", default=str(ROOT / "eval" / "gold.jsonl"))
    ap.add_argument("--reader", choices=["model", "rules"], default="model")
    ap.add_argument("--reading", type=Path, help="a gold file written by eval/reading_sets.py (its corpus/ and index/ beside it)")
    ap.add_argument("--reading-questions", type=int, default=200)
    args = ap.parse_args()
    questions = [
        json.loads(line)["question"]
        for line in Path(args.gold).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    tmp = Path(tempfile.mkdtemp(prefix="qa-bench-"))
    try:
        settings = load_settings({"corpus": ROOT / "corpus", "index": tmp / "index"}, env={})
        t = time.perf_counter()
        cold = build(settings)
        cold_s = time.perf_counter() - t
        t = time.perf_counter()
        warm = build(settings)
        warm_s = time.perf_counter() - t
        index = open_index(settings, auto_build=False)
        reader = load_reader(args.reader)
        answer(index, "预热", None, reader)  # loads jieba's dictionaries and tagger once
        terms = {q: index.tokenizer.terms(q) for q in questions}
        vectors = {q: index.embedder.query([q])[0] for q in questions}

        def each(fn):
            ms = []
            for q in questions:
                ms.extend(timed(lambda: fn(q), args.repeat))
            return ms

        floor_ms = each(lambda q: index.embedder.query([q]))
        floor = statistics.median(floor_ms)
        bm25_ms = each(lambda q: np.argsort(-index.lexical.scores(index.tokenizer.terms(q)))[:50])
        dense_ms = each(lambda q: nearest(index.vectors, index.embedder.query([q])[0], 50))
        faiss_ms = each(lambda q: nearest(index.vectors, vectors[q], 50))
        hybrid_ms = each(lambda q: search(index, q, 8, terms=terms[q]))
        answer_ms = each(lambda q: answer(index, q, None, reader))
        print(
            f"{len(questions)} questions x {args.repeat} runs; {len(index.chunks)} chunks, "
            f"{index.manifest['vector_index']}, embedder {index.embedder.name}"
        )
        print(f"  {'stage':<34} {'median':>8} {'p95':>8}  vs floor (ms)")
        print(row("query embedding alone (floor)", floor_ms))
        print(row("BM25 alone (tokenize + score)", bm25_ms, floor))
        print(row("FAISS search alone (k=50)", faiss_ms, floor))
        print(row("dense alone (embed + FAISS)", dense_ms, floor))
        print(row("hybrid search (BM25 + dense + RRF)", hybrid_ms, floor))
        print(row(f"full answer, reader {args.reader}", answer_ms, floor))
        if args.reading:
            other = open_index(
                load_settings(
                    {"corpus": args.reading.parent / "corpus", "index": args.reading.parent / "index"}, env={}
                ),
                auto_build=False,
            )
            asked = [json.loads(line)["question"] for line in args.reading.read_text(encoding="utf-8").splitlines()]
            asked = asked[: args.reading_questions]
            answer(other, asked[0], None, reader)
            wiki_ms = [m for q in asked for m in timed(lambda: answer(other, q, None, reader), 1)]
            print(row(f"full answer, {len(asked)} reading-set questions", wiki_ms, floor))
        if reader is not None:
            print(f"  trained reader loaded in {reader.load_seconds:.1f} s")
        print(
            f"  build, cold: {cold_s:.1f} s ({cold.embedded} chunks embedded, "
            f"{cold.embedded / cold_s:.1f} chunks/s overall)"
        )
        print(f"  build, nothing changed: {warm_s:.1f} s ({warm.embedded} embedded, {warm.reused} reused)")
        print(
            f"  peak memory of this process (embedder, index, jieba, reader {args.reader}): "
            f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
