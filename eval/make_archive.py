"""A corpus folder of about N chunks (at the default chunk settings) for measuring the index at
archive scale (issue 16), made only of real public Chinese text, nothing duplicated:

    .venv/bin/python -m eval.make_archive --chunks 10000 --out eval/out/archive-10k

1. Every article of the public reading-comprehension sets, as eval/reading_sets.py writes them
   (CMRC 2018 trial, CC BY-SA 4.0, Cui et al. 2019; DRCD dev + test, CC BY-SA 3.0, Shao et al. 2018,
   converted to simplified): 1,017 articles, ~6,300 chunks, and their questions (OUT/questions.jsonl).
2. For size, the Tang and Song poems of the npm package chinese-poetry@2.0.1 (MIT licence,
   Copyright (c) 2016 JackeyGao; fetched with `npm pack`, pinned by sha256, cached in eval/out/npm/):
   one file per collection volume of 1,000 poems (`poet.tang.0.json` → poetry-tang-00000.txt), a title
   line, then one line per poem (《title》author：text), written in the traditional characters the
   package has, so the build's traditional-to-simplified path runs at scale. Volumes are taken in a
   seeded order until the real chunker (qa.index.chunk, run on each file) has counted N chunks.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import tarfile
from pathlib import Path

from qa.config import Settings
from qa.index.chunk import chunk_documents
from qa.ingest.corpus import Corpus, ingest_file
from eval.reading_sets import SETS, articles

ROOT = Path(__file__).resolve().parents[1]

PACKAGE = "chinese-poetry@2.0.1"
TARBALL = "chinese-poetry-2.0.1.tgz"
TARBALL_SHA256 = "25b549e46919c3a0569db6b68ddc96956b04a484ea4518ad2bbd4f137e307e86"
VOLUMES = "package/dist/quantangshi/poet."   # poet.tang.N.json / poet.song.N.json, 1,000 poems each


def tarball(cache: Path) -> Path:
    """The pinned npm tarball, fetched once with npm's own client."""
    path = cache / TARBALL
    if not path.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=cache, check=True, stdout=subprocess.DEVNULL)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != TARBALL_SHA256:
        raise SystemExit(
            f"error: {path} has sha256 {digest[:12]}…, not the pinned {TARBALL_SHA256[:12]}…; delete it to fetch again"
        )
    return path


def volumes(path: Path, seed: int):
    """(name, poems) per Tang/Song volume, in a seeded order (so a 10k archive is not all Tang)."""
    raw = {}
    with tarfile.open(path) as tar:  # one pass: a gzip stream read out of order is decompressed again
        for m in tar:
            if m.name.startswith(VOLUMES) and m.name.endswith(".json"):
                member = tar.extractfile(m)
                if member is not None:   # a regular file
                    raw[m.name] = member.read()
    names = sorted(raw)
    random.Random(seed).shuffle(names)
    for name in names:
        kind, number = name[len(VOLUMES) : -len(".json")].split(".")
        yield f"poetry-{kind}-{int(number):06d}.txt", json.loads(raw.pop(name))


def volume_text(name: str, poems: list[dict]) -> str:
    era = "全唐詩" if "-tang-" in name else "全宋詩"
    lines = [f"{era}（chinese-poetry {name[len('poetry-') : -len('.txt')]}）", ""]
    for p in poems:
        text = "".join(p.get("paragraphs") or []).strip()
        if text:
            lines.append(f"《{(p.get('title') or '無題').strip()}》{(p.get('author') or '佚名').strip()}：{text}")
    return "\n".join(lines) + "\n"


def count_chunks(name: str, data: bytes, settings: Settings) -> int:
    """Chunks a build makes of this file: the real reader and chunker on it alone."""
    source, docs = ingest_file(name, data)
    return len(chunk_documents(Corpus({name: source}, tuple(docs), ()), settings.chunk_size, settings.chunk_overlap))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chunks", type=int, required=True, help="about this many chunks in all")
    ap.add_argument("--out", type=Path, required=True, help="writes OUT/corpus/*.txt and OUT/questions.jsonl")
    ap.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    ap.add_argument("--cache", type=Path, default=ROOT / "eval" / "out" / "npm")
    ap.add_argument("--seed", type=int, default=16)
    args = ap.parse_args()
    settings = Settings()
    corpus = args.out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for old in corpus.glob("*.txt"):
        old.unlink()
    total = files = chars = 0
    with (args.out / "questions.jsonl").open("w", encoding="utf-8") as out:
        for name in SETS:
            for file, title, paragraphs, qas in articles(args.datasets, name):
                data = (title + "\n\n" + "\n\n".join(paragraphs) + "\n").encode("utf-8")
                (corpus / file).write_bytes(data)
                total += count_chunks(file, data, settings)
                files, chars = files + 1, chars + len(data.decode("utf-8"))
                for qid, question, answers, _ in qas:
                    if question and answers:
                        out.write(
                            json.dumps(
                                {"id": qid, "question": question, "answers": answers, "docs": [file]},
                                ensure_ascii=False,
                            )
                            + "\n"
                        )
    print(f"reading sets: {files} articles, {total} chunks, {chars:,} characters", flush=True)
    poems = 0
    for file, volume in volumes(tarball(args.cache), args.seed):
        if total >= args.chunks:
            break
        text = volume_text(file, volume)
        data = text.encode("utf-8")
        (corpus / file).write_bytes(data)
        total += count_chunks(file, data, settings)
        files, chars, poems = files + 1, chars + len(text), poems + len(volume)
    print(
        f"{args.out}: {files} files, {poems:,} poems, {chars:,} characters, {total} chunks "
        f"(size {settings.chunk_size}, overlap {settings.chunk_overlap})"
    )
    if total < args.chunks:
        print(f"warning: the sources hold only {total} chunks, fewer than the {args.chunks} asked for")


if __name__ == "__main__":
    main()
