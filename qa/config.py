"""Settings, checked once when the program starts.

Every value can come from a command-line flag or a QA_* environment variable; a bad
value is refused with one sentence: what was given, what is allowed, how to fix it.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Mapping

from qa.errors import QAError

DEFAULT_EMBEDDER = "e5-small-q4"


@dataclass(frozen=True)
class Settings:
    corpus: Path = Path("corpus")
    index: Path = Path("index")
    data: Path = Path("data")            # feedback database and other runtime state
    embedder: str = DEFAULT_EMBEDDER
    chunk_size: int = 240                # characters; e5-small reads ~512 tokens
    chunk_overlap: int = 60
    query_instruction: str | None = None  # prefix for questions (st models); None: the model card's
    bm25_weight: float = 1.0             # reciprocal-rank fusion weights
    dense_weight: float = 1.0
    rrf_k: int = 60                      # the usual RRF constant: damps the head of each list
    host: str = "127.0.0.1"
    port: int = 7860
    # Origins allowed to frame the pages (CSP frame-ancestors). Unset (""): the widget (/widget/, a
    # public read-only chat) may be framed by any portal, the other pages by this server only. Set,
    # e.g. QA_FRAME_ANCESTORS="https://www.xuchang.gov.cn", it restricts the widget and the chat page
    # to this server and those origins (which also get CORS on /api/*); "'none'" forbids framing.
    frame_ancestors: str = ""
    # Below this probability the answer is null. None: the answer scorer's own threshold, chosen by
    # `qa fit` on held-out folds (qa/answer/trained/scorer.json); a number overrides it on the same scale.
    min_confidence: float | None = None
    # "model": the trained span reader answers where the rules give no typed value; "rules": the
    # rules alone (no torch needed). The default is the one that scored higher on held-out questions.
    reader: str = "model"
    # Questions one client may ask (REST API and chat together) per window: "30/60" is 30 a minute,
    # a person typing never reaches it; a script hammering the server gets 429 and a sentence.
    rate_limit: str = "30/60"
    # Server processes `qa serve` starts. Any of them answers any request (the chat keeps its
    # state in the page), so they share one socket; more than the cores gains nothing
    # (eval/bench_serve.py: 2 workers on 2 cores, README "Serving at scale").
    workers: int = 1
    # Where retrieval runs: "faiss" (FAISS + bm25s files in the index folder, embedded, the default) or
    # "milvus" (one Milvus collection holds the dense vectors and BM25 over jieba terms, fused by the engine).
    backend: str = "faiss"
    # The Milvus engine: "" puts a milvus-lite database inside each index version folder (it follows the
    # atomic version swap); a server address (http://host:19530) or a milvus-lite file (*.db) names one
    # shared engine, where every index version gets its own collection.
    milvus_uri: str = ""


def load_settings(overrides: Mapping[str, object] | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Settings from defaults, then QA_* environment variables, then explicit overrides."""
    env = os.environ if env is None else env
    given: dict[str, tuple[object, str]] = {}
    for name in Settings.__dataclass_fields__:
        key = "QA_" + name.upper()
        if env.get(key):
            given[name] = (env[key], key)
    for name, value in (overrides or {}).items():
        if value is not None:
            given[name] = (value, "--" + name.replace("_", "-"))
    values = {name: _convert(name, value, source) for name, (value, source) in given.items()}
    settings = Settings(**values)  # type: ignore[arg-type]  # each value converted to its field's type
    _check(settings)
    return settings


def to_env(s: Settings) -> dict[str, str]:
    """QA_* variables that give `s` back through `load_settings`: how worker processes get the
    settings of the `qa serve` that started them."""
    return {"QA_" + name.upper(): str(getattr(s, name)) for name in Settings.__dataclass_fields__
            if getattr(s, name) is not None}


def _convert(name: str, value: object, source: str) -> object:
    if name in ("corpus", "index", "data"):
        return Path(str(value))
    if name in ("chunk_size", "chunk_overlap", "rrf_k", "port", "workers"):
        try:
            return int(str(value))
        except ValueError:
            raise QAError(
                f"{source}={value!r} is not a whole number; give one, e.g. {source}={getattr(Settings, name)}"
            ) from None
    if name in ("bm25_weight", "dense_weight", "min_confidence"):
        try:
            return float(str(value))
        except ValueError:
            raise QAError(f"{source}={value!r} is not a number; give one such as {source}=1.0") from None
    return str(value)


def _check(s: Settings) -> None:
    if not 50 <= s.chunk_size <= 2000:
        raise QAError(f"chunk size {s.chunk_size} is out of range; use 50 to 2000 characters (default 240)")
    if not 0 <= s.chunk_overlap <= s.chunk_size // 2:
        raise QAError(
            f"chunk overlap {s.chunk_overlap} is out of range; use 0 to half the chunk size ({s.chunk_size // 2})"
        )
    if s.embedder != DEFAULT_EMBEDDER and not (s.embedder.startswith("st:") and len(s.embedder) > 3):
        raise QAError(
            f"embedder {s.embedder!r} is unknown; use {DEFAULT_EMBEDDER!r} (default) "
            "or 'st:<model id or path>' for sentence-transformers"
        )
    for name in ("bm25_weight", "dense_weight"):
        if not 0 <= getattr(s, name) <= 10:
            raise QAError(f"{name} {getattr(s, name)} is out of range; use 0 to 10 (default 1.0)")
    if s.bm25_weight + s.dense_weight == 0:
        raise QAError("bm25_weight and dense_weight are both 0; give at least one a positive weight")
    if s.min_confidence is not None and not 0 <= s.min_confidence <= 1:
        raise QAError(
            f"min_confidence {s.min_confidence} is out of range; use 0 to 1 (default: the answer scorer's own)"
        )
    if not 1 <= s.workers <= 64:
        raise QAError(f"workers {s.workers} is out of range; use 1 to 64 (about one per CPU core)")
    if not 1 <= s.port <= 65535:
        raise QAError(f"port {s.port} is out of range; use 1 to 65535 (default 7860)")
    if (
        not re.fullmatch(r"\d{1,6}/\d{1,6}", s.rate_limit)
        or int(s.rate_limit.split("/")[0]) < 1
        or int(s.rate_limit.split("/")[1]) < 1
    ):
        raise QAError(
            f"rate limit {s.rate_limit!r} is not N/SECONDS; give e.g. QA_RATE_LIMIT=30/60 (30 questions a minute)"
        )
    for origin in s.frame_ancestors.split():
        if origin not in ("*", "'self'", "'none'") and not origin.startswith(("http://", "https://")):
            raise QAError(
                f"frame ancestor {origin!r} is not an origin; use 'self', * or origins like https://portal.example.cn"
            )
    if s.reader not in ("model", "rules"):
        raise QAError(f"reader {s.reader!r} is unknown; use 'model' (the trained reader, default) or 'rules'")
    if not 1 <= s.rrf_k <= 1000:
        raise QAError(f"rrf_k {s.rrf_k} is out of range; use 1 to 1000 (default 60)")
    if s.backend not in ("faiss", "milvus"):
        raise QAError(
            f"backend {s.backend!r} is unknown; use 'faiss' (embedded, default) or 'milvus' (QA_MILVUS_URI names the engine)"
        )
    if s.milvus_uri and not (re.match(r"(https?|tcp)://[^/\s]+", s.milvus_uri) or s.milvus_uri.endswith(".db")):
        raise QAError(
            f"milvus_uri {s.milvus_uri!r} is neither a server address nor a milvus-lite file; give e.g. "
            "QA_MILVUS_URI=http://localhost:19530 or QA_MILVUS_URI=/srv/qa/milvus.db, or leave it unset"
        )
    if s.backend == "milvus" and s.bm25_weight > 0 and s.dense_weight > 0 and s.bm25_weight != s.dense_weight:
        # the engine's RRF ranker has no per-list weight; equal weights give the same order as ours
        raise QAError(
            f"the milvus backend fuses with plain RRF, which has no per-list weights (bm25_weight {s.bm25_weight}, "
            f"dense_weight {s.dense_weight}); make them equal, set one to 0, or use QA_BACKEND=faiss"
        )
    if s.index.resolve() == s.corpus.resolve():
        raise QAError(f"index folder {s.index} is the corpus folder; give the index its own folder with --index DIR")
