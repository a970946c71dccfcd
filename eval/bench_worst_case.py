"""The most work one question can cost: adversarial questions over an adversarial corpus.

    .venv/bin/python -m eval.bench_worst_case [--repeat 3]

Builds a temporary index of the seed corpus plus a hostile file (a run of thousands of list
items, numbers and dates with no sentence end, a line of one repeated word, a long table
dump), then times `answer()` on questions built to make the rules work hardest: the longest
question allowed, lists of many items, qualifiers over many dates, a follow-up whose previous
turn is at its limit. Prints median and max per question and the worst of all, against the
stated bound: retrieval + two readings × EXTRACT_BUDGET_S + one sentence of MAX_SENTENCE.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from qa.answer.respond import answer
from qa.index.build import build
from qa.index.chunk import MAX_SENTENCE
from qa.config import load_settings
from qa.index.open import open_index
from qa.limits import MAX_PREVIOUS, MAX_QUESTION
from qa.answer.rule_candidates import EXTRACT_BUDGET_S

ROOT = Path(__file__).resolve().parents[1]


def hostile_text() -> str:
    items = "、".join(f"第{i}届许昌市{i % 97}区文明单位{i}个" for i in range(3000))
    dates = "，".join(f"{2000 + i % 25}年{i % 12 + 1}月{i % 28 + 1}日首次获评第{i}名占{i % 100}.5%" for i in range(2000))
    word = "许昌" * 20000
    table = "\n".join(" ".join(f"{r * c}" for c in range(40)) for r in range(300))
    return f"列表\n\n{items}\n\n日期\n\n{dates}\n\n重复\n\n{word}\n\n表格\n\n{table}\n"


QUESTIONS = [
    ("longest question", "".join(f"许昌{i}年第{i}届哪些单位和个人、" for i in range(40))[:MAX_QUESTION], None),
    ("list of thousands", "许昌市有哪些区文明单位？", None),
    ("first of many dates", "许昌哪年首次获评第一名？", None),
    ("percent among thousands", "许昌的占比是百分之多少？", None),
    ("repeated word", "许昌许昌许昌许昌许昌许昌是什么？" * 6, None),
    ("follow-up, previous at its limit", "那第二次呢？", ("许昌哪年首次获评全国文明城市" * 40)[:MAX_PREVIOUS]),
    ("short turn leaning on previous", "排第几？", ("许昌市第几届文明单位" * 50)[:MAX_PREVIOUS]),
    ("random characters", "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(MAX_QUESTION)), None),
    ("numbers only", "1234567890" * 20, None),
    ("ordinary", "许昌哪年首次获评全国文明城市？", None),
]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(ROOT / "corpus", corpus)
        (corpus / "hostile.txt").write_text(hostile_text(), encoding="utf-8")
        s = load_settings({"corpus": corpus, "index": Path(tmp) / "index", "data": Path(tmp) / "data"}, env={})
        t = time.perf_counter()
        report = build(s)
        print(f"index: {report.chunks} chunks, {report.sentences} sentences (at most {MAX_SENTENCE} characters each), "
              f"built in {time.perf_counter() - t:.1f} s")
        index = open_index(s, auto_build=False)
        answer(index, "许昌哪年首次获评全国文明城市？")   # load jieba's dictionaries before timing
        worst = 0.0
        print(f"{'question':<34} {'median ms':>10} {'max ms':>8}  answer")
        for name, question, previous in QUESTIONS:
            times, got = [], None
            for _ in range(args.repeat):
                started = time.perf_counter()
                got = answer(index, question, previous)
                times.append((time.perf_counter() - started) * 1000)
            worst = max(worst, max(times))
            assert got is not None   # --repeat is at least 1
            shown = (got.answer or "—")[:30]
            print(f"{name:<34} {statistics.median(times):>10.1f} {max(times):>8.1f}  {shown}"
                  + (f"  errors: {got.errors}" if got.errors else ""))
        bound = 2 * EXTRACT_BUDGET_S * 1000
        print(f"\nworst answer: {worst:.0f} ms; extraction budget per reading {EXTRACT_BUDGET_S * 1000:.0f} ms, "
              f"two readings at most ({bound:.0f} ms), plus retrieval and one sentence of {MAX_SENTENCE} characters")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
