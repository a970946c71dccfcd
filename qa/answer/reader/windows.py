"""A question over a paragraph as model windows, and the best span back as characters.

Windows of MAX_LEN tokens, `<s> question </s> context part </s>`, with a STRIDE over long
paragraphs; every context token keeps the character span it was read from, so a predicted
token span is an exact character span of the paragraph. Entry points: `question_ids`,
`windows`, `collate`, `best_span`, `top_spans`.
"""
from __future__ import annotations


MAX_LEN = 256            # tokens per window: a news paragraph and the question fit; step cost grows with it
STRIDE = 128             # windows overlap by half, so an answer is whole in at least one
MAX_QUESTION_TOKENS = 64
MAX_ANSWER_TOKENS = 40   # CMRC answers run long (median 19 characters)


def question_ids(encode, question: str) -> list[int]:
    """The question's token ids, cut to MAX_QUESTION_TOKENS; encoded once for all its windows.
    `encode(text)` gives (token id, start, end) per token: `bert.encode` or `PieceTokenizer.encode`."""
    return [t for t, _, _ in encode(question)][:MAX_QUESTION_TOKENS]


def windows(c, q: list[int], ctx: list[tuple[int, int, int]], start: int | None, end: int | None):
    """Model inputs for question ids `q` over one encoded paragraph `ctx`: ids, the character span
    of each token (None outside the context), and the start/end token of the answer (0, 0 when
    not inside)."""
    room = MAX_LEN - len(q) - 3
    out = []
    for w0 in range(0, max(1, len(ctx)), STRIDE):
        part = ctx[w0:w0 + room]
        ids = [c.bos, *q, c.eos, *(t for t, _, _ in part), c.eos]
        spans = [None] * (len(q) + 2) + [(a, b) for _, a, b in part] + [None]
        s = e = 0
        if start is not None and end is not None:
            inside = [k for k, sp in enumerate(spans) if sp and sp[1] > sp[0] and sp[0] < end and sp[1] > start]
            first, last = (spans[inside[0]], spans[inside[-1]]) if inside else (None, None)
            if first and last and first[0] <= start and last[1] >= end:
                s, e = inside[0], inside[-1]
        out.append((ids, spans, s, e))
        if w0 + room >= len(ctx):
            break
    return out


def collate(rows, pad):
    import torch

    n = max(len(r[0]) for r in rows)
    ids = torch.full((len(rows), n), pad, dtype=torch.long)
    mask = torch.zeros((len(rows), n), dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, :len(r[0])] = torch.tensor(r[0])
        mask[i, :len(r[0])] = 1
    return ids, mask


def best_span(start, end, spans) -> tuple[float, int, int] | None:
    """The highest start+end logit over token pairs i ≤ j < i + MAX_ANSWER_TOKENS inside the
    context, as (score, first character, end character); None when the window has no context."""
    top = top_spans(start, end, spans, 1)
    return top[0] if top else None


def top_spans(start, end, spans, k: int) -> list[tuple[float, int, int]]:
    """The `k` highest-scoring spans of one window (as `best_span` gives the first), best first;
    spans that cover the same characters count once."""
    import numpy as np

    start, end = np.asarray(start, dtype=np.float32), np.asarray(end, dtype=np.float32)
    ok = np.array([k for k, sp in enumerate(spans) if sp and sp[1] > sp[0]], dtype=np.int64)
    if not len(ok):
        return []
    total = start[ok][:, None] + end[ok][None, :]
    gap = ok[None, :] - ok[:, None]
    total = np.where((gap >= 0) & (gap < MAX_ANSWER_TOKENS), total, -np.inf).ravel()
    out: list[tuple[float, int, int]] = []
    for flat in np.argsort(-total, kind="stable")[:4 * k]:
        if not np.isfinite(total[flat]) or len(out) == k:
            break
        i, j = divmod(int(flat), len(ok))
        a, b = spans[ok[i]][0], spans[ok[j]][1]
        if not any((a, b) == (x, y) for _, x, y in out):
            out.append((float(total[flat]), a, b))
    return out
