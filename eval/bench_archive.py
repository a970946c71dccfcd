"""The index at archive scale (issue 16): build, size, memory, latency and approximate-search recall
for a corpus folder written by eval/make_archive.py.

    .venv/bin/python -m eval.bench_archive --archive eval/out/archive-10k [--questions 100] [--no-build]

1. Runs the real build (qa.index.build.build, default settings) into ARCHIVE/index and prints its
   wall time, chunks/s and where the time went (the build's own functions, timed in place).
2. Index size on disk, by file.
3. A fresh process opens the index and answers a few questions, per reader: its RSS, PSS
   (/proc/PID/smaps_rollup) and peak RSS.
4. Latency of qa.index.search.search and of the full qa.answer.respond.answer (default reader) over
   seeded questions of the reading sets, asked of the whole archive, and how often the question's own
   article is in the top 10 passages.
5. recall@10 of FAISS HNSW (M 32) and IVF against exact search over the index's own stored vectors,
   with the query vectors of those questions, and the time of one search of each.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from eval.bench_embed import machine

if TYPE_CHECKING:
    from qa.index.build import BuildReport

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json, sys, time
from pathlib import Path
from qa.config import load_settings
from qa.index.open import open_index
from qa.answer.reader.serving import load_reader
from qa.answer.respond import answer
s = load_settings({"corpus": sys.argv[1], "index": sys.argv[2], "reader": sys.argv[3]}, env={})
t = time.perf_counter(); index = open_index(s, auto_build=False); opened = time.perf_counter() - t
reader = load_reader(s.reader)
for q in json.loads(sys.argv[4]):
    answer(index, q, None, reader)
status = dict(l.split(":", 1) for l in Path("/proc/self/status").read_text().splitlines())
pss = next(l for l in Path("/proc/self/smaps_rollup").read_text().splitlines() if l.startswith("Pss:"))
print(json.dumps({"rss": status["VmRSS"].strip(), "hwm": status["VmHWM"].strip(), "pss": pss.split(":")[1].strip(),
                  "open_s": round(opened, 2)}))
"""


def ms(values: list[float]) -> str:
    return f"{statistics.median(values):8.2f} {sorted(values)[max(0, round(0.95 * len(values)) - 1)]:8.2f}"


def timed_build(settings) -> tuple[BuildReport, float, dict[str, float]]:
    """The real build, with its stages timed by wrapping the functions it calls."""
    import qa.index.build as b

    spent: dict[str, float] = {}

    def wrap(stage, fn):
        def run(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[stage] = spent.get(stage, 0.0) + time.perf_counter() - t
        return run

    class Tokenizer(b.Tokenizer):
        def terms(self, text, *a, **k):
            return wrap("tokenizing (jieba)", super().terms)(text, *a, **k)

    saved = {n: getattr(b, n) for n in ("ingest", "chunk_documents", "sentences", "_embed", "build_vectors", "Tokenizer")}
    lexical_build = b.Lexical.build
    b.ingest = wrap("reading files (decode, clean, t2s)", b.ingest)
    b.chunk_documents = wrap("chunking + sentences", b.chunk_documents)
    b.sentences = wrap("chunking + sentences", b.sentences)
    b._embed = wrap("embedding", b._embed)
    b.build_vectors = wrap("FAISS index", b.build_vectors)
    b.Tokenizer = Tokenizer  # type: ignore[misc]  # timing wrappers: put back below
    b.Lexical.build = staticmethod(wrap("BM25 index", lexical_build))  # type: ignore[method-assign]
    try:
        t = time.perf_counter()
        report = b.build(settings, progress=lambda p: print("   ", p.line, flush=True))
        wall = time.perf_counter() - t
    finally:
        for n, fn in saved.items():
            setattr(b, n, fn)
        b.Lexical.build = staticmethod(lexical_build)  # type: ignore[method-assign]
    spent["writing files, rest"] = wall - sum(spent.values())
    return report, wall, spent


def stages_only(settings) -> None:
    """The build's stages other than embedding, for an archive too large to embed here: what they
    cost and what BM25 and the text files take on disk, and one exact search over that many
    vectors (its cost does not depend on their values, so random unit vectors stand in)."""
    import tempfile

    import faiss
    import numpy as np

    from qa.index.build import write_records
    from qa.index.chunk import chunk_documents, sentences
    from qa.index.lexical import Lexical
    from qa.index.tokens import Tokenizer
    from qa.ingest.corpus import ingest

    spent, t = {}, time.perf_counter()
    corpus = ingest(settings.corpus)
    spent["reading files (decode, clean, t2s)"], t = time.perf_counter() - t, time.perf_counter()
    chunks = chunk_documents(corpus, settings.chunk_size, settings.chunk_overlap)
    sents = sentences(corpus)
    spent["chunking + sentences"], t = time.perf_counter() - t, time.perf_counter()
    tokenizer = Tokenizer()
    terms = [tokenizer.terms(c.title) + tokenizer.terms(c.text) for c in chunks]
    spent["tokenizing (jieba)"], t = time.perf_counter() - t, time.perf_counter()
    lexical = Lexical.build(terms)
    spent["BM25 index"], t = time.perf_counter() - t, time.perf_counter()
    with tempfile.TemporaryDirectory(dir=settings.index.parent) as tmp:
        lexical.save(Path(tmp) / "bm25")
        write_records(Path(tmp), corpus, chunks, sents)
        spent["writing text files + BM25"] = time.perf_counter() - t
        sizes = disk(Path(tmp))
    print(f"\nstages without embedding: {len(chunks)} chunks, {len(sents)} sentences, {len(corpus.documents)} articles")
    for stage, s in spent.items():
        print(f"  {stage:<36} {s:8.1f} s")
    for name, size in sizes:
        print(f"  {name:<20} {size / 2**20:8.1f} MB")
    dim = 384
    print(f"  vectors.npy and a flat faiss.index would take {len(chunks) * dim * 4 / 2**20:.0f} MB each")
    rng = np.random.default_rng(16)
    data = rng.standard_normal((len(chunks), dim)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    flat = faiss.IndexFlatIP(dim)
    flat.add(data)
    times = []
    for q in data[:100]:
        t = time.perf_counter()
        flat.search(q.reshape(1, -1), 50)
        times.append((time.perf_counter() - t) * 1000)
    print(f"  exact search (IndexFlatIP, k=50) over {len(chunks)} vectors: median {statistics.median(times):.2f} ms")


def disk(folder: Path) -> list[tuple[str, int]]:
    sizes: dict[str, int] = {}
    for p in folder.rglob("*"):
        if p.is_file():
            top = p.relative_to(folder).parts[0]
            sizes[top] = sizes.get(top, 0) + p.stat().st_size
    return sorted(sizes.items(), key=lambda kv: -kv[1])


def recall_table(vectors, queries, flat_ms: list[float], exact) -> None:
    import faiss
    import numpy as np

    n, dim = vectors.shape

    def run(index, label, build_s):
        got, times = [], []
        for q in queries:
            t = time.perf_counter()
            _, ids = index.search(q.reshape(1, -1), 50)
            times.append((time.perf_counter() - t) * 1000)
            got.append(ids[0])
        r10 = np.mean([len(set(g[:10]) & set(e[:10])) / 10 for g, e in zip(got, exact)])
        r50 = np.mean([len(set(g) & set(e)) / 50 for g, e in zip(got, exact)])
        print(f"  {label:<28} {build_s:>8.1f} {statistics.median(times):>9.3f} {r10:>10.3f} {r50:>10.3f}", flush=True)

    print(f"\n  recall against exact search ({len(queries)} questions, {n} stored vectors, k=50 as search asks)")
    print(f"  {'index':<28} {'build s':>8} {'query ms':>9} {'recall@10':>10} {'recall@50':>10}")
    print(f"  {'IndexFlatIP (exact)':<28} {'':>8} {statistics.median(flat_ms):>9.3f} {1:>10.3f} {1:>10.3f}")
    # efConstruction 200 is what qa.index.vectors builds (HNSW_EF_CONSTRUCTION); 80 was, before this table
    for construction, searches in ((80, (16, 32, 64, 128, 256, 512)), (200, (128, 256, 512, 1024))):
        t = time.perf_counter()
        hnsw = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = construction
        hnsw.add(vectors)
        built = time.perf_counter() - t
        for ef in searches:
            hnsw.hnsw.efSearch = ef
            run(hnsw, f"HNSW M32 efC {construction} efS {ef}", built)
        del hnsw
    nlist = int(4 * np.sqrt(n))         # the usual 4·√n lists
    t = time.perf_counter()
    ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
    ivf.train(vectors)
    ivf.add(vectors)
    built = time.perf_counter() - t
    for nprobe in (4, 8, 16, 32, 64, 128):
        ivf.nprobe = nprobe
        run(ivf, f"IVF{nlist} nprobe {nprobe}", built)


def recall(index, folder: Path, rows: list[dict]) -> None:
    """Step 5 over the index's stored vectors, with the query vectors of `rows`' questions."""
    import faiss
    import numpy as np

    vectors = np.ascontiguousarray(np.load(folder / "vectors.npy"), dtype=np.float32)
    queries = [index.embedder.query([r["question"]])[0] for r in rows]
    flat = faiss.IndexFlatIP(vectors.shape[1])   # what the app searches up to FLAT_LIMIT
    flat.add(vectors)
    flat_ms = []
    for q in queries:
        t = time.perf_counter()
        flat.search(q.reshape(1, -1), 50)
        flat_ms.append((time.perf_counter() - t) * 1000)
    exact = [flat.search(q.reshape(1, -1), 50)[1][0] for q in queries]
    recall_table(vectors, np.asarray(queries, dtype=np.float32), flat_ms, exact)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", type=Path, required=True, help="a folder of eval/make_archive.py (corpus/, questions.jsonl)")
    ap.add_argument("--index", type=Path, help="default ARCHIVE/index")
    ap.add_argument("--questions", type=int, default=100, help="questions timed (search and full answer)")
    ap.add_argument("--recall-questions", type=int, default=300)
    ap.add_argument("--no-build", action="store_true", help="measure the index already built there")
    ap.add_argument("--stages-only", action="store_true", help="time the stages other than embedding, build no index")
    ap.add_argument("--no-recall", action="store_true", help="skip the approximate-search recall table (step 5)")
    ap.add_argument("--recall-only", action="store_true", help="only the recall table (step 5) of the index there")
    args = ap.parse_args()

    from qa.answer.reader.serving import load_reader
    from qa.answer.respond import answer
    from qa.config import load_settings
    from qa.index.open import open_index
    from qa.index.search import search
    from qa.index.store import current_version

    corpus, index_dir = args.archive / "corpus", args.index or args.archive / "index"
    settings = load_settings({"corpus": corpus, "index": index_dir}, env={})
    print(f"{args.archive}: {machine()}", flush=True)
    if args.stages_only:
        return stages_only(settings)
    if not (args.no_build or args.recall_only):
        report, wall, spent = timed_build(settings)
        print(f"\nbuild: {report.chunks} chunks ({report.articles} articles, {len(report.files)} files, "
              f"{report.sentences} sentences), {report.embedded} embedded, {report.vector_index}")
        print(f"  wall {wall:.0f} s = {wall / 60:.1f} min, {report.chunks / wall:.1f} chunks/s overall, "
              f"{report.embedded / max(spent.get('embedding', 1e-9), 1e-9):.1f} chunks/s embedding")
        for stage, s in sorted(spent.items(), key=lambda kv: -kv[1]):
            print(f"  {stage:<36} {s:8.1f} s {100 * s / wall:5.1f}%")
    folder = current_version(index_dir)
    if folder is None:
        raise SystemExit(f"no index in {index_dir}: build it first (drop --no-build)")
    asked = [json.loads(line) for line in (args.archive / "questions.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = random.Random(16).sample(asked, min(max(args.questions, args.recall_questions), len(asked)))
    if args.recall_only:
        return recall(open_index(settings, auto_build=False), folder, rows)
    sizes = disk(folder)
    print(f"\nindex on disk: {sum(s for _, s in sizes) / 2**20:.1f} MB in {folder.name}")
    for name, size in sizes:
        print(f"  {name:<20} {size / 2**20:8.1f} MB")

    timed_rows = rows[:args.questions]
    print("\nserving process (fresh, opens the index, answers 5 questions):")
    for reader in ("rules", "model"):
        out = subprocess.run([sys.executable, "-c", PROBE, str(corpus), str(index_dir), reader,
                              json.dumps([r["question"] for r in rows[:5]])],
                             capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        if out.returncode:
            print(f"  reader {reader}: failed: {out.stderr.strip().splitlines()[-1:]}")
            continue
        m = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"  reader {reader:<6} RSS {m['rss']:>11}  PSS {m['pss']:>11}  peak RSS {m['hwm']:>11}  "
              f"index opened in {m['open_s']} s")

    index = open_index(settings, auto_build=False)
    model = load_reader(settings.reader)
    answer(index, "预热", None, model)
    search_ms, answer_ms, hits = [], [], 0
    for r in timed_rows:
        t = time.perf_counter()
        found = search(index, r["question"], 10)
        search_ms.append((time.perf_counter() - t) * 1000)
        hits += any(p.chunk.doc in r["docs"] for p in found)
        t = time.perf_counter()
        answer(index, r["question"], None, model)
        answer_ms.append((time.perf_counter() - t) * 1000)
    print(
        f"\nlatency, {len(timed_rows)} reading-set questions over all {len(index.chunks)} chunks "
        f"({index.manifest['vector_index']}), ms   median      p95"
    )
    print(f"  search (BM25 + dense + RRF, k=10)   {ms(search_ms)}")
    print(f"  full answer, reader {settings.reader:<14} {ms(answer_ms)}")
    print(f"  the question's own article in the top 10 passages: {hits}/{len(timed_rows)}")
    if args.no_recall:
        return

    recall(index, folder, rows)


if __name__ == "__main__":
    main()
