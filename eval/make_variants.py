"""Residents' variants of a gold file: each question in traditional characters, and with one
input-method slip (a homophone for one character of a key term). Reproducible: fixed seed.

    .venv/bin/python -m eval.make_variants [--gold eval/gold.jsonl] [--out eval/out/gold-variants.jsonl]
    .venv/bin/qa eval --gold eval/out/gold-variants.jsonl

The answers, docs and types stay; ids get `-trad` / `-typo`, and `style` says which. A slip goes
into a content word of two or more characters that the corpus uses (文明城市 → 文明程市), replacing
one character by another with the same toneless pinyin that jieba's dictionary knows (a
character a Chinese input method offers). Questions where no such word exists get no typo variant.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SEED = 0


def homophones() -> dict[str, list[str]]:
    """Toneless pinyin → common characters (single-character words of jieba's dictionary)."""
    import jieba
    from pypinyin import lazy_pinyin

    t = jieba.Tokenizer()
    t.check_initialized()
    out: dict[str, list[str]] = {}
    for word, freq in t.FREQ.items():
        if len(word) == 1 and "\u4e00" <= word <= "\u9fff" and freq >= 200:
            out.setdefault(lazy_pinyin(word)[0], []).append(word)
    return {k: sorted(v) for k, v in out.items()}


def with_slip(question: str, vocabulary, sounds: dict[str, list[str]], tokenizer, rng: random.Random) -> str | None:
    from pypinyin import lazy_pinyin

    words = [t for t in tokenizer.tagged(question) if len(t.word) >= 2 and t.word in vocabulary
             and all("\u4e00" <= ch <= "\u9fff" for ch in t.word) and not t.flag.startswith(("r", "m"))]
    rng.shuffle(words)
    for t in words:
        k = rng.randrange(len(t.word))
        ch = t.word[k]
        others = [c for c in sounds.get(lazy_pinyin(ch)[0], []) if c != ch]
        if others:
            at = t.start + k
            return question[:at] + rng.choice(others) + question[at + 1:]
    return None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--gold", type=Path, default=ROOT / "eval" / "gold.jsonl")
    p.add_argument("--out", type=Path, default=ROOT / "eval" / "out" / "gold-variants.jsonl")
    args = p.parse_args(argv)
    if args.gold.name == "gold_holdout.jsonl":
        raise SystemExit("error: variants are for tuning; the held-out questions stay as they are")
    import opencc

    from qa.config import load_settings
    from qa.index.open import open_index

    index = open_index(load_settings())
    to_trad = opencc.OpenCC("s2t").convert
    sounds, rng = homophones(), random.Random(SEED)
    items = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    out, typos = [], 0
    for item in items:
        if item.get("after"):
            continue   # a follow-up only makes sense after its own first turn
        out.append({**item, "id": item["id"] + "-trad", "question": to_trad(item["question"]), "style": "traditional"})
        slip = with_slip(item["question"], index.df, sounds, index.tokenizer, rng)
        if slip:
            typos += 1
            out.append({**item, "id": item["id"] + "-typo", "question": slip, "style": "typo"})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in out), encoding="utf-8")
    print(f"{len(out)} variants of {len(items)} questions ({len(out) - typos} traditional, {typos} with a slip): {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
