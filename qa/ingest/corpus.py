"""Read the corpus folder into clean, citable articles.

Entry point: `ingest(corpus_dir)`. One bad file never stops the rest: it is reported
with its reason and skipped.
"""
from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass
from pathlib import Path

from qa.ingest.articles import articles
from qa.errors import QAError
from qa.ingest.layout import paragraphs
from qa.models import Document, SourceFile
from qa.offsets import Positions
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
        raise QAError(
            f"corpus folder {corpus_dir} does not exist; create it and put .txt/.md/.html/.pdf articles in it, "
            "or pass --corpus DIR"
        )
    sources: dict[str, SourceFile] = {}
    documents: list[Document] = []
    skipped: list[tuple[str, str]] = []
    for path, refused in _entries(corpus_dir):
        if refused:
            skipped.append((path.name, refused))
            continue
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
    """The files a build reads: regular files inside the folder (hidden ones such as .DS_Store are not articles)."""
    return [p for p, refused in _entries(corpus_dir) if not refused]


def _entries(corpus_dir: Path) -> list[tuple[Path, str | None]]:
    """Every visible entry but sub-folders, with the reason it is not read (None: read it).
    A link could point outside the corpus (its target would be indexed and served) and a FIFO
    or device would block the read, so only regular files are read; lstat does not follow links."""
    out: list[tuple[Path, str | None]] = []
    for p in sorted(corpus_dir.iterdir()):
        if p.name.startswith("."):
            continue
        try:
            mode = p.lstat().st_mode
        except OSError as err:
            out.append((p, f"cannot be read ({err.strerror or err})"))
            continue
        if stat.S_ISDIR(mode):
            continue
        if stat.S_ISLNK(mode):
            out.append((p, "is a symbolic link; only regular files inside the corpus folder are read"))
        elif not stat.S_ISREG(mode):
            out.append((p, "is not a regular file (a pipe, socket or device); only regular files are read"))
        else:
            out.append((p, None))
    return out


def ingest_file(name: str, data: bytes) -> tuple[SourceFile, list[Document]]:
    raw = read_file(name, data)
    return split_text(name, raw, hashlib.sha256(data).hexdigest())


def split_text(name: str, raw: RawText, sha256: str) -> tuple[SourceFile, list[Document]]:
    paras, dropped = paragraphs(raw)
    found = [a for a in articles(paras) if a.text.text.strip()]
    if not found:
        raise Skip("no article text found in it")
    source = SourceFile(name, raw.text, sha256, raw.encoding, dropped | raw.markup)
    docs = [
        Document(name, i, a.title, a.subtitle, a.byline, a.kind, a.text.text, Positions(a.text.pos)) for i, a in enumerate(found)
    ]
    return source, simplified_documents(docs)
