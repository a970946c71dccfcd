"""e5-small's BERT encoder in plain torch, for answering: the parameters (names and shapes) and the
arithmetic of `transformers`' BertModel with SDPA attention, without importing `transformers`,
which took ~2 s of every serving process's start (a third of a restart with the reader). Training
and the exported Hugging Face folder keep `transformers`' BertModel (`qa.e5.bert`); a test checks
that both give the same logits. Entry points: `encoder(c)`, `key_mask(attention_mask)`, `bf16_is_fast()`,
`dense_in_bf16(model)`.
"""
from __future__ import annotations

from qa.e5.container import Container


def encoder(c: Container):
    """An untrained torch module with BertModel's parameter names (load a `qa.e5.bert.state_dict`
    into it): `module(input_ids=, attention_mask=, token_type_ids=)` → an object whose
    `last_hidden_state` is [batch, tokens, hidden], as BertModel's output has."""
    import torch
    from torch import nn
    from torch.nn import functional as F

    heads, width = c.heads, c.hidden // c.heads

    # torch.nn's Linear, Embedding and LayerNorm forwards are exactly these functions; theirs also
    # initialise the weights at random, which on the meta device loads torch's Python meta kernels
    # (~1.3 s at a server's start) for values that are overwritten at once.
    class Dense(nn.Module):
        autocast_dense = True   # its weights are cast by `dense_in_bf16`

        def __init__(self, inner: int, outer: int):
            super().__init__()
            self.weight, self.bias = nn.Parameter(torch.empty(outer, inner)), nn.Parameter(torch.empty(outer))

        def forward(self, x):
            return F.linear(x, self.weight, self.bias)

    class Norm(nn.Module):
        def __init__(self):
            super().__init__()
            self.weight, self.bias = nn.Parameter(torch.empty(c.hidden)), nn.Parameter(torch.empty(c.hidden))

        def forward(self, x):
            return F.layer_norm(x, (c.hidden,), self.weight, self.bias, c.eps)

    class Table(nn.Module):
        def __init__(self, rows: int):
            super().__init__()
            self.weight = nn.Parameter(torch.empty(rows, c.hidden))

        def forward(self, ids):
            return F.embedding(ids, self.weight)

    class Embeddings(nn.Module):
        def __init__(self):
            super().__init__()
            self.word_embeddings = Table(c.vocab)
            self.position_embeddings = Table(c.max_positions)
            self.token_type_embeddings = Table(c.type_vocab)
            self.LayerNorm = Norm()

        def forward(self, ids, types):
            positions = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
            # the order of BertEmbeddings' sums: the same rounding under autocast
            x = self.word_embeddings(ids) + self.token_type_embeddings(types)
            return self.LayerNorm(x + self.position_embeddings(positions))

    class SelfAttention(nn.Module):
        def __init__(self):
            super().__init__()
            self.query, self.key, self.value = (Dense(c.hidden, c.hidden) for _ in range(3))

        def forward(self, x, mask):
            b, n, _ = x.shape
            q, k, v = (f(x).view(b, n, heads, width).transpose(1, 2) for f in (self.query, self.key, self.value))
            out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=0.0, scale=width ** -0.5)
            return out.transpose(1, 2).contiguous().reshape(b, n, -1)

    class DenseNorm(nn.Module):   # BertSelfOutput and BertOutput: dense, residual, LayerNorm
        def __init__(self, inner: int):
            super().__init__()
            self.dense = Dense(inner, c.hidden)
            self.LayerNorm = Norm()

        def forward(self, x, residual):
            return self.LayerNorm(self.dense(x) + residual)

    class Attention(nn.Module):
        def __init__(self):
            super().__init__()
            self.self = SelfAttention()
            self.output = DenseNorm(c.hidden)

    class Intermediate(nn.Module):
        def __init__(self):
            super().__init__()
            self.dense = Dense(c.hidden, c.ffn)

    class Layer(nn.Module):
        def __init__(self):
            super().__init__()
            self.attention = Attention()
            self.intermediate = Intermediate()
            self.output = DenseNorm(c.ffn)

        def forward(self, x, mask):
            a = self.attention.output(self.attention.self(x, mask), x)
            return self.output(F.gelu(self.intermediate.dense(a)), a)   # BERT's "gelu": the exact (erf) one

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.layer = nn.ModuleList(Layer() for _ in range(c.layers))

    class Output:
        def __init__(self, last_hidden_state):
            self.last_hidden_state = last_hidden_state

    class Bert(nn.Module):
        def __init__(self):
            super().__init__()
            self.embeddings = Embeddings()
            self.encoder = Encoder()

        def forward(self, input_ids, attention_mask, token_type_ids=None):
            types = torch.zeros_like(input_ids) if token_type_ids is None else token_type_ids
            x = self.embeddings(input_ids, types)
            mask = key_mask(attention_mask)
            for layer in self.encoder.layer:
                x = layer(x, mask)
            return Output(x)

    return Bert()


def key_mask(attention_mask):
    """A layer's mask as transformers' SDPA path makes it: None when no token is padding, else a boolean
    one (True: attend) over the keys, the same for every query and head."""
    if bool(attention_mask.all()):
        return None
    return attention_mask.bool()[:, None, None, :].expand(-1, 1, attention_mask.shape[1], -1)


def dense_in_bf16(model) -> None:
    """Store every dense layer's weight and bias in bfloat16, once, for a model that runs under CPU
    autocast to bfloat16: autocast casts them to the same values on every forward, which was 12% of
    the reader's forward time on 2 cores (aten::copy_, measured 2026-12-07); the logits are identical.
    Embeddings and layer norms keep float32, as autocast reads them in float32."""
    import torch

    for m in model.modules():
        if isinstance(m, torch.nn.Linear) or getattr(m, "autocast_dense", False):
            m.weight = torch.nn.Parameter(m.weight.detach().to(torch.bfloat16), requires_grad=False)
            if m.bias is not None:
                m.bias = torch.nn.Parameter(m.bias.detach().to(torch.bfloat16), requires_grad=False)


def bf16_is_fast() -> bool:
    """Whether this CPU computes bfloat16 natively (oneDNN's check: AVX512 / AMX). Where it does,
    autocast to bf16 is ~1.5-2x faster than float32; where it does not (an AVX2-only CPU), autocast
    emulates it, and the reader's forward took 6.5x longer than in float32 (2.7 s vs 0.43 s, 1 thread,
    AMD EPYC AVX2, 2026-12-05), so float32 there."""
    import torch

    if not bool(getattr(torch.backends.mkldnn, "is_available", lambda: False)()):
        return False
    check = getattr(torch.ops.mkldnn, "_is_mkldnn_bf16_supported", None)
    try:
        return bool(check()) if check else False
    except (RuntimeError, AttributeError):
        return False
