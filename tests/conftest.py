from pathlib import Path

import pytest

from qa.chunk import chunk_documents, sentences
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
