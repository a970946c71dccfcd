"""The Milvus backend (`QA_BACKEND=milvus`): `write` (at build), `open_engine` (at load),
`retriever(index)` (a `MilvusRetriever`).

One Milvus collection holds both halves of the hybrid search: the dense vectors of our embedder
(the same ones FAISS gets) and BM25 over jieba terms, computed by the engine from a text field.
The engine fuses the two rankings with RRF (`hybrid_search`), so nothing is fused here. The same
client code talks to milvus-lite (a local `*.db` folder, run inside this process) and to a Milvus
server or cluster (`http://host:19530`). The collection is written by `write`
(below, `load_milvus`).

Lexical terms: the engine analyzes the stored text with jieba in search mode, our stop words and
our colloquial words (`analyzer_params`), and it analyzes the query text the same way.
The answer stage chooses which words of a question count (stop words and question words dropped,
a quoted name kept whole, the previous turn's words for a follow-up), so we send those terms, not
the question: each term as a word of its own, separated by spaces. jieba's search mode gives a
word and its parts (文明城市 → 文明, 城市, 文明城市), and our terms hold the parts already; the
engine weighs a query term by how often it occurs in the query, so a part sent on its own would
count twice. We send only the terms that are not part of a longer one and let the engine's jieba
give the parts back: the same words, each once, as the default backend scores with bm25s.
"""
from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Callable
from typing import Any
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa.config import Settings
from qa.errors import QAError
from qa.index.record import Index
from qa.index.progress import Progress
from qa.index.retriever import fused_scale
from qa.index.tokens import COLLOQUIAL, STOP_WORDS
from qa.index.vectors import FLAT_LIMIT, HNSW_EF_SEARCH, HNSW_M   # the FAISS graph's settings (only above its FLAT_LIMIT)
from qa.models import Chunk, Passage

CANDIDATES = 50          # depth of each ranked list the engine fuses: as in qa.index.backends.faiss
LITE_FILE = "milvus.db"  # the default engine: a milvus-lite database inside the index version folder
DENSE, SPARSE, TEXT, KEY = "dense", "sparse", "text", "pos"
INSERT_BATCH = 1000     # rows per insert call: far below gRPC's 64 MB message limit at 384 floats a row
TEXT_MAX = 65535        # the longest VARCHAR Milvus takes; a chunk is ~240 characters
INSTALL = "install them with `pip install -e '.[milvus]'` (pymilvus and milvus-lite)"


@dataclass(frozen=True)
class MilvusEngine:
    """An open connection to the collection of one index version."""
    client: Any = None       # a pymilvus MilvusClient
    collection: str = ""
    uri: str = ""
    hnsw: bool = False


def engine_uri(settings: Settings, folder: Path) -> str:
    """The engine of an index version: QA_MILVUS_URI, or a milvus-lite database inside the version folder,
    which then appears, moves and goes with the folder in the atomic version swap of qa.index.store."""
    return settings.milvus_uri or str(folder / LITE_FILE)


def connect(uri: str):
    """A pymilvus client for `uri`; milvus-lite starts in this process for a `*.db` path."""
    try:
        from pymilvus import MilvusClient
    except ImportError:
        raise QAError(f"the milvus backend needs pymilvus and milvus-lite, which are not installed; {INSTALL}, "
                      "or use QA_BACKEND=faiss") from None
    if uri.endswith(".db"):
        try:
            import milvus_lite  # noqa: F401  (pymilvus needs it for a local file)
        except ImportError:
            raise QAError(f"a local Milvus database ({uri}) needs milvus-lite, which is not installed; {INSTALL}") from None
    # pymilvus and milvus-lite log each failure with its traceback; we say what failed in one sentence instead
    for name in ("pymilvus", "milvus_lite"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        # milvus-lite's in-process gRPC server answers pymilvus' 10 s keepalive pings on an idle channel with
        # GOAWAY too_many_pings (logged by gRPC); a server in this process needs no keepalive at all
        lite = {"grpc_options": {"grpc.keepalive_time_ms": 2**31 - 1, "grpc.keepalive_permit_without_calls": False}}
        return MilvusClient(uri=uri, timeout=10, **(lite if uri.endswith(".db") else {}))
    except Exception as err:   # pymilvus raises MilvusException, gRPC or OS errors: all mean "not reachable"
        if uri.endswith(".db"):
            # milvus-lite locks its folder: one process at a time (a second `qa` process, or several workers)
            raise QAError(f"cannot open the milvus-lite database {uri} ({engine_reason(err)}); milvus-lite serves one process "
                          "at a time, so stop the other `qa` process using it, or run a Milvus server and set "
                          "QA_MILVUS_URI=http://host:19530") from None
        raise QAError(f"cannot reach the Milvus engine at {uri} ({engine_reason(err)}); start it, or set QA_MILVUS_URI "
                      "to a running one") from None


def release(uri: str) -> None:
    """Stop milvus-lite's in-process server for a local database (a server address needs nothing):
    the build closes the one it wrote before its version folder is renamed."""
    if uri.endswith(".db"):
        from milvus_lite.server_manager import server_manager_instance

        server_manager_instance.release_server(uri)


def open_milvus(settings: Settings, folder: Path, manifest: dict, chunks: int) -> MilvusEngine:
    """Connect to the collection the manifest names and check it holds this index's chunks."""
    entry = manifest.get("milvus") or {}
    collection = entry.get("collection", "")
    uri = settings.milvus_uri or entry.get("uri") or str(folder / LITE_FILE)
    client = connect(uri)
    try:
        rows = int(client.get_collection_stats(collection).get("row_count", -1)) \
            if client.has_collection(collection) else None
        if rows is not None:
            client.load_collection(collection)   # a server keeps it loaded (then this is cheap); milvus-lite does not
    except Exception as err:
        raise QAError(f"the Milvus engine at {uri} did not answer ({engine_reason(err)}); check it is running") from None
    if rows is None:
        raise QAError(f"the Milvus engine at {uri} has no collection {collection!r} for the index in {settings.index}; "
                      f"rebuild it with `qa build --backend milvus`")
    if rows != chunks:
        raise QAError(f"the Milvus collection {collection!r} at {uri} holds {rows} chunks, the index in {settings.index} "
                      f"{chunks}; rebuild it with `qa build --backend milvus`")
    return MilvusEngine(client, collection, uri, bool(entry.get("hnsw")))


def query_text(terms: list[str]) -> str:
    """The terms as the engine's analyzer should see them: each once, parts left to jieba (module docstring)."""
    unique = list(dict.fromkeys(t for t in terms if t.strip()))
    return " ".join(t for t in unique if not any(t != o and t in o for o in unique))


@dataclass(frozen=True)
class MilvusRetriever:
    index: Index

    def search(self, question: str, k: int, terms: list[str] | None = None,
               query_vector: np.ndarray | None = None) -> list[Passage]:
        from pymilvus import AnnSearchRequest, RRFRanker

        index, s = self.index, self.index.settings
        engine = index.engine
        assert isinstance(engine, MilvusEngine)   # this retriever is made for milvus indexes only
        terms = index.tokenizer.terms(question) if terms is None else terms
        depth = min(len(index.chunks), max(CANDIDATES, k))
        text = query_text(terms)
        requests, qv = [], None
        # BM25 first: the engine's RRF keeps the first list's order among equal scores, as our fusion does
        if s.bm25_weight > 0 and text:
            requests.append(AnnSearchRequest([text], SPARSE, {"metric_type": "BM25"}, limit=depth))
        if s.dense_weight > 0:
            qv = index.embedder.query([question])[0] if query_vector is None else query_vector
            params = {"metric_type": "IP", **({"params": {"ef": max(HNSW_EF_SEARCH, depth)}} if engine.hnsw else {})}
            requests.append(AnnSearchRequest([np.asarray(qv, dtype=np.float32).tolist()], DENSE, params, limit=depth))
        if not requests:
            return []
        try:
            hits = engine.client.hybrid_search(engine.collection, requests, RRFRanker(s.rrf_k), limit=k,
                                               output_fields=[DENSE])[0]
        except Exception as err:
            raise QAError(f"the Milvus engine at {engine.uri} did not answer ({engine_reason(err)}); "
                          "check it is running") from None
        # the same 0..1 scale as the default: what the answer stage and the reader's calibration read
        best = fused_scale(s.rrf_k, (s.bm25_weight > 0) + (s.dense_weight > 0))
        out = []
        for rank, hit in enumerate(hits, 1):
            vector = hit["entity"].get(DENSE) if "entity" in hit else hit.get(DENSE)
            cosine = float(np.dot(qv, np.asarray(vector, dtype=np.float32))) if qv is not None and vector is not None else 0.0
            # the engine reports the fused score only: BM25 score and per-list ranks are unknown (0 / None)
            out.append(Passage(index.chunks[int(hit[KEY])], float(hit["distance"]) / best, rank, 0.0, cosine, None, None))
        return out


def engine_reason(err: Exception) -> str:
    message = getattr(err, "message", None) or str(err) or type(err).__name__
    return " ".join(str(message).split())[:200]


def write(settings: Settings, folder: Path, chunks: list[Chunk], vectors: np.ndarray, previous: dict | None,
          progress: Callable[[Progress], None]) -> dict:
    """The collection of a new index version; what the manifest keeps of it."""
    return {"milvus": load_milvus(settings, folder, chunks, vectors, previous, progress)}


def open_engine(settings: Settings, folder: Path, manifest: dict, chunks: int) -> MilvusEngine:
    return open_milvus(settings, folder, manifest, chunks)


def retriever(index: Index) -> MilvusRetriever:
    return MilvusRetriever(index)


# Writing (`qa build --backend milvus`). Primary key: the chunk's position in chunks.jsonl, so a hit
# maps back to the index's own `Chunk` (its offsets are what citations are cut from). Dense field:
# the vectors the FAISS index gets. Text field: title and text, analyzed by the engine's jieba with
# our stop words; a BM25 function turns it into the sparse field. Query side and the reasons for the
# analyzer: the module docstring.  Versioning: each index version gets its own collection
# (`qa_<index folder hash>_<version>`), so a shared engine (QA_MILVUS_URI) holds old and new side by
# side while the version swap happens; with the default milvus-lite database inside the version
# folder, the database is the version's.


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
                progress: Callable[[Progress], None] | None = None) -> dict:
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
            progress(Progress(f"loaded {len(chunks)} chunks into Milvus collection {name} at {uri}"))
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
