"""Stage 2: cut articles into retrieval chunks and answer sentences, keeping raw offsets.

Entry points: `chunk_documents(corpus, size, overlap)` and `sentences(corpus)`.
"""
from __future__ import annotations

import re

from langchain_text_splitters import RecursiveCharacterTextSplitter

from qa.ingest import Corpus
from qa.models import Chunk, Document, Sentence

# Paragraph first, then sentence ends, then clauses; the separator stays with its sentence.
SEPARATORS = ["\n", "。", "！", "？", "；", "!", "?", ";", "，", ",", ""]
_SENTENCE = re.compile(r"[^。！？!?；;…\n]*(?:[。！？!?；;…]+[”’」』）)】》\"']*|\n|$)")


def chunk_documents(corpus: Corpus, size: int, overlap: int) -> list[Chunk]:
    splitter = RecursiveCharacterTextSplitter(
        separators=SEPARATORS, keep_separator="end", chunk_size=size, chunk_overlap=overlap,
        strip_whitespace=True)
    out: list[Chunk] = []
    for doc in corpus.documents:
        source = corpus.sources[doc.doc]
        cursor = 0
        for piece in splitter.split_text(doc.text):
            start = doc.text.find(piece, max(0, cursor - overlap - len(piece)))
            if start < 0:  # cannot happen: the splitter only cuts, never rewrites
                raise AssertionError(f"chunk not found in {doc.id}")
            end = start + len(piece)
            cursor = end
            spans = doc.spans(source, start, end)
            if spans:
                out.append(Chunk(f"{doc.id}@{start}", doc.doc, doc.index, doc.title, piece, start, end, spans))
    return out


def sentences(corpus: Corpus) -> list[Sentence]:
    out: list[Sentence] = []
    for doc in corpus.documents:
        out.extend(document_sentences(doc, corpus))
    return out


def document_sentences(doc: Document, corpus: Corpus) -> list[Sentence]:
    source = corpus.sources[doc.doc]
    out = []
    for m in _SENTENCE.finditer(doc.text):
        start, end = m.start(), m.end()
        while start < end and doc.text[start].isspace():
            start += 1
        while end > start and doc.text[end - 1].isspace():
            end -= 1
        if end > start:
            spans = doc.spans(source, start, end)
            if spans:
                out.append(Sentence(doc.doc, doc.index, doc.text[start:end], start, end, spans))
    return out
