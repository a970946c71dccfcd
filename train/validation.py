"""The reader's validation while it trains: the odd-numbered CMRC 2018 trial articles (never
trained on), the reader given each question's paragraph, EM and character F1 against every
annotator's verbatim answer. Entry points: `validation(datasets)`, `validate(model, c, tok, val)`.
"""
from __future__ import annotations

from pathlib import Path


def validation(datasets: Path):
    """(question, context, every verbatim answer) of the odd CMRC 2018 trial articles: CMRC scores
    a prediction against all its annotators' answers."""
    from eval.reading_sets import load_set

    for n, article in enumerate(load_set(datasets, "cmrc-trial")["data"]):
        if n % 2 == 1:
            for para in article["paragraphs"]:
                for qa in para["qas"]:
                    answers = tuple(a["text"] for a in qa["answers"] if a.get("answer_start", -1) >= 0
                                    and para["context"][a["answer_start"]:a["answer_start"] + len(a["text"])] == a["text"])
                    if answers and qa["question"].strip():
                        yield qa["question"].strip(), para["context"], answers


def validate(model, c, tok, val, limit: int | None = None, device: str = "cpu") -> dict:
    import torch

    from qa.e5.bert import encode
    from qa.answer.reader.windows import best_span, collate, question_ids, windows

    from qa.evaluation.metrics import f1

    model.eval()
    em = f1s = 0.0
    rows = val[:limit] if limit else val
    from qa.e5.encoder import bf16_is_fast

    kind = device.split(":")[0]
    # bfloat16 where it is fast (a GPU, a CPU with native bf16); emulated on an AVX2-only CPU it made
    # the 300 questions take 12 minutes
    with torch.no_grad(), torch.autocast(kind, dtype=torch.bfloat16, enabled=kind != "cpu" or bf16_is_fast()):
        for question, context, answers in rows:
            wins = windows(c, question_ids(lambda t: encode(c, tok, t), question), encode(c, tok, context), None, None)
            ids, mask = collate([w[:2] for w in wins], c.pad)
            s, e = model(ids.to(device), mask.to(device))
            s, e = s.cpu(), e.cpu()
            picks = [best_span(s[k].float().numpy(), e[k].float().numpy(), w[1]) for k, w in enumerate(wins)]
            pick = max((p for p in picks if p), default=None)
            exact, f = f1(context[pick[1]:pick[2]] if pick else "", answers)
            em, f1s = em + exact, f1s + f
    model.train()
    return {"em": em / len(rows), "f1": f1s / len(rows), "questions": len(rows)}
