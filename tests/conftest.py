"""Shared fixtures: the real corpus, and one real index of it built once per test session."""
from pathlib import Path

import pytest

from qa.chunk import chunk_documents, sentences
from qa.config import load_settings
from qa.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus():
    return ingest(CORPUS)


@pytest.fixture(scope="session")
def chunks(corpus):
    return chunk_documents(corpus, 240, 60)


@pytest.fixture(scope="session")
def sents(corpus):
    return sentences(corpus)


@pytest.fixture(scope="session")
def settings(tmp_path_factory):
    """Settings for the seed corpus with a session index (built here, embedded once: ~12 s)."""
    from qa.build import build

    base = tmp_path_factory.mktemp("seed")
    s = load_settings({"corpus": CORPUS, "index": base / "index", "data": base / "data"}, env={})
    build(s)
    return s


@pytest.fixture(scope="session")
def index(settings):
    from qa.index import open_index

    return open_index(settings, auto_build=False)


def visible(text):
    """Text without white space: what offsets are compared on (the PDF dumps space characters out)."""
    from qa.mapped import WHITESPACE

    return "".join(ch for ch in text if ch not in WHITESPACE)


def raw_of(source, spans):
    """Raw text of the spans, with white space and collapsed duplicates (doubled headings) taken out."""
    from qa.mapped import WHITESPACE

    return "".join(source.text[p] for a, b in spans for p in range(a, b)
                   if source.text[p] not in WHITESPACE and p not in source.skippable)
