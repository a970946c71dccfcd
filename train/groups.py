"""A question over the passages its retrieval gives the reader, as one group of model windows,
and the loss that reads a group together (shared normalisation, Clark & Gardner 2018).

Trained one window at a time, the reader's span scores never competed across passages: each
window learned "answer here, or no answer here" alone, so a span in a wrong passage could outscore
the right one, and the product had to compare margins that were not on one scale. Here one softmax
runs over every token of every window of a question: the start (and the end) of the annotated
answer, wherever it was retrieved, against everything else; a question whose answer was not
retrieved puts its mass on the windows' `<s>` tokens together, the one shared "no answer". Serving
reads the same shared no-answer (`Reader.spans`, reader.json's "null": "shared").
Entry points: `load_groups(c, encode, path)`, `shared_loss(start, end, groups)`.
"""
from __future__ import annotations

import json
from pathlib import Path

from qa.answer.reader.serving import MAX_TEXT_CHARS, MAX_WINDOWS
from qa.answer.reader.windows import question_ids, windows


def load_groups(c, encode, path: Path) -> list[list[tuple]]:
    """One list of windows per question line of `train.retrieved_groups` (at most MAX_WINDOWS, the
    passages in retrieval order, as the product reads them); each window as `windows` gives it, the
    answer's tokens set only in the passages that hold it."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        q = question_ids(encode, r["question"])
        at = {n: (a, b) for n, a, b in r["answers"]}
        group: list[tuple] = []
        for n, text in enumerate(r["passages"]):
            start, end = at.get(n, (None, None))
            if end is not None and end > MAX_TEXT_CHARS:
                start = end = None   # serving cuts the passage there: the answer is not read
            group.extend(windows(c, q, encode(text[:MAX_TEXT_CHARS]), start, end))
        if group:
            out.append(group[:MAX_WINDOWS])
    return out


def shared_loss(start, end, sizes: list[int], gold_start: list[int], gold_end: list[int]):
    """Mean over groups of -log P(answer start) - log P(answer end), halved, each probability one
    softmax over all tokens of the group's windows (`sizes`: windows per group, in order; padding
    is already masked by the model). Gold: every window's answer tokens where it holds the answer
    (overlapping windows both count), else every window's `<s>`."""
    import torch

    losses = []
    w0 = 0
    for size in sizes:
        rows = range(w0, w0 + size)
        inside = [w for w in rows if gold_start[w] > 0]
        total = 0.0
        for logits, gold in ((start, gold_start), (end, gold_end)):
            g = logits[w0:w0 + size].float()
            if inside:
                picked = torch.stack([logits[w, gold[w]].float() for w in inside])
            else:
                picked = g[:, 0]
            total = total + torch.logsumexp(g.flatten(), 0) - torch.logsumexp(picked, 0)
        losses.append(total / 2)
        w0 += size
    return torch.stack(losses).mean()
