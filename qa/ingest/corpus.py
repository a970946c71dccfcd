"""Read the corpus folder into clean, citable articles.

Entry point: `ingest(corpus_dir)`. One bad file never stops the rest: it is reported
with its reason and skipped.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from qa.ingest.articles import articles
from qa.errors import QAError
from qa.ingest.layout import paragraphs
from qa.models import Document, SourceFile
from qa.ingest.read import RawText, Skip, read_file
from qa.ingest.script import simplified_documents


@dataclass(frozen=True)
class Corpus:
    sources: dict[str, SourceFile]
    documents: tuple[Document, ...]
    skipped: tuple[tuple[str, str], ...]   # (file name, reason)

    def documents_of(self, name: str) -> list[Document]:
        return [d for d in self.documents if d.doc == name]


def ingest(corpus_dir: Path) -> Corpus:
    if not corpus_dir.is_dir():
        raise QAError(f"corpus folder {corpus_dir} does not exist; create it and put .txt/.md/.html/.pdf articles in it, or pass --corpus DIR")
    sources: dict[str, SourceFile] = {}
    documents: list[Document] = []
    skipped: list[tuple[str, str]] = []
    for path in corpus_files(corpus_dir):
        try:
            source, docs = ingest_file(path.name, path.read_bytes())
        except Skip as why:
            skipped.append((path.name, str(why)))
            continue
        except OSError as err:
            skipped.append((path.name, f"cannot be read ({err.strerror or err})"))
            continue
        sources[path.name] = source
        documents.extend(docs)
    return Corpus(sources, tuple(documents), tuple(skipped))


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The files a build reads (hidden files such as .DS_Store are not articles)."""
    return sorted(p for p in corpus_dir.iterdir() if p.is_file() and not p.name.startswith("."))


def ingest_file(name: str, data: bytes) -> tuple[SourceFile, list[Document]]:
    raw = read_file(name, data)
    return split_text(name, raw, hashlib.sha256(data).hexdigest())


def split_text(name: str, raw: RawText, sha256: str) -> tuple[SourceFile, list[Document]]:
    paras, dropped = paragraphs(raw)
    found = [a for a in articles(paras) if a.text.text.strip()]
    if not found:
        raise Skip("no article text found in it")
    source = SourceFile(name, raw.text, sha256, raw.encoding, dropped | raw.markup)
    docs = [Document(name, i, a.title, a.subtitle, a.byline, a.kind, a.text.text, a.text.pos)
            for i, a in enumerate(found)]
    return source, simplified_documents(docs)
