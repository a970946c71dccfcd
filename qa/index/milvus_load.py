"""Write an index version's chunks into Milvus (`qa build --backend milvus`): `load_milvus(...)`.

Primary key: the chunk's position in chunks.jsonl, so a hit maps back to the index's own `Chunk`
(its offsets are what citations are cut from). Dense field: the vectors the FAISS index gets.
Text field: title and text, analyzed by the engine's jieba with our stop words; a BM25 function
turns it into the sparse field. Query side and the reasons for the analyzer: `qa.index.milvus`.

Versioning: each index version gets its own collection (`qa_<index folder hash>_<version>`), so a
shared engine (QA_MILVUS_URI) holds old and new side by side while the version swap happens; with
the default milvus-lite database inside the version folder, the database is the version's.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Callable

import numpy as np

from qa.config import Settings
from qa.errors import QAError
from qa.index.milvus import DENSE, KEY, SPARSE, TEXT, engine_reason, connect, engine_uri, release
from qa.index.tokens import COLLOQUIAL, STOP_WORDS
from qa.index.vectors import FLAT_LIMIT, HNSW_M
from qa.models import Chunk

INSERT_BATCH = 1000     # rows per insert call: far below gRPC's 64 MB message limit at 384 floats a row
TEXT_MAX = 65535        # the longest VARCHAR Milvus takes; a chunk is ~240 characters


def analyzer_params() -> dict:
    """jieba in search mode as our Tokenizer cuts (qa.index.tokens), with our stop words and colloquial
    words. "_default_" keeps jieba's own dictionary on a Milvus server, where `dict` replaces it;
    milvus-lite adds the listed words to it, and "_default_" is then a word no text holds."""
    return {"tokenizer": {"type": "jieba", "mode": "search", "dict": ["_default_", *COLLOQUIAL]},
            "filter": [{"type": "stop", "stop_words": sorted(STOP_WORDS)}]}


def bm25_text(chunk: Chunk) -> str:
    """What the engine's BM25 reads: title and text, NFKC and lower case as our Tokenizer reads them
    (full-width digits become ASCII, so a question's 2015 finds a file's ２０１５)."""
    return unicodedata.normalize("NFKC", f"{chunk.title}\n{chunk.text}").lower()


def collection_name(index_dir: Path, version: str) -> str:
    """One collection per index folder and version; Milvus names take letters, digits and _."""
    folder = hashlib.sha1(str(index_dir.resolve()).encode("utf-8")).hexdigest()[:8]
    return f"qa_{folder}_" + re.sub(r"\W", "_", version.removesuffix(".tmp"))


def load_milvus(settings: Settings, folder: Path, chunks: list[Chunk], vectors: np.ndarray, previous: dict | None,
                progress: Callable[[str], None] | None = None) -> dict:
    """Create this version's collection, fill it and return the manifest's "milvus" entry.
    `previous` is the manifest of the index in service: its collection is kept (a server may still
    answer from it until it picks the new version up), older ones of this index folder are dropped."""
    from pymilvus import DataType, Function, FunctionType

    uri = engine_uri(settings, folder)
    name = collection_name(settings.index, folder.name)
    hnsw = len(chunks) > FLAT_LIMIT   # as qa.index.vectors: exact search up to 100,000 chunks
    client = connect(uri)
    try:
        schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field(KEY, DataType.INT64, is_primary=True)
        schema.add_field(TEXT, DataType.VARCHAR, max_length=TEXT_MAX, enable_analyzer=True,
                         analyzer_params=analyzer_params())
        schema.add_field(DENSE, DataType.FLOAT_VECTOR, dim=int(vectors.shape[1]))
        schema.add_field(SPARSE, DataType.SPARSE_FLOAT_VECTOR)
        schema.add_function(Function(name="bm25", function_type=FunctionType.BM25, input_field_names=[TEXT],
                                     output_field_names=[SPARSE]))
        params = client.prepare_index_params()
        if hnsw:
            params.add_index(DENSE, index_type="HNSW", metric_type="IP", params={"M": HNSW_M, "efConstruction": 80})
        else:
            params.add_index(DENSE, index_type="FLAT", metric_type="IP")   # unit vectors: IP is the cosine
        params.add_index(SPARSE, index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
        if client.has_collection(name):
            client.drop_collection(name)   # left by a build that crashed in the same second
        client.create_collection(name, schema=schema, index_params=params)
        for n in range(0, len(chunks), INSERT_BATCH):
            client.insert(name, [{KEY: i, TEXT: bm25_text(chunks[i]), DENSE: vectors[i].astype(np.float32).tolist()}
                                 for i in range(n, min(n + INSERT_BATCH, len(chunks)))])
        # one flush after all rows: milvus-lite computes BM25 statistics per segment, so the rows
        # should land in as few segments as possible for its IDF to be the whole corpus'
        client.flush(name)
        client.load_collection(name)
        if settings.milvus_uri:
            _drop_old(client, name, ((previous or {}).get("milvus") or {}).get("collection"))
        if progress:
            progress(f"loaded {len(chunks)} chunks into Milvus collection {name} at {uri}")
    except QAError:
        raise
    except Exception as err:
        raise QAError(f"the Milvus engine at {uri} refused the index ({engine_reason(err)}); check the engine and run "
                      "`qa build --backend milvus` again") from None
    finally:
        client.close()
        if not settings.milvus_uri:
            release(uri)   # the version folder's own database: the folder is renamed when the build publishes it
    return {"collection": name, "uri": settings.milvus_uri or None, "hnsw": hnsw}


def _drop_old(client, new: str, keep: str | None) -> None:
    """Collections of older versions of this index folder in a shared engine."""
    prefix = new[:len("qa_") + 9]
    for old in client.list_collections():
        if old.startswith(prefix) and old not in (new, keep):
            client.drop_collection(old)
