"""Cut articles into retrieval chunks and answer sentences, keeping raw offsets.

Entry points: `chunk_documents(corpus, size, overlap)` and `sentences(corpus)`.
"""
from __future__ import annotations

import re

from langchain_text_splitters import RecursiveCharacterTextSplitter

from qa.ingest.corpus import Corpus
from qa.models import Chunk, Document, Sentence

# Paragraph first, then sentence ends, then clauses; the separator stays with its sentence.
SEPARATORS = ["\n", "。", "！", "？", "；", "!", "?", ";", "，", ",", ""]
_SENTENCE = re.compile(r"[^。！？!?；;…\n]*(?:[。！？!?；;…]+[”’」』）)】》\"']*|\n|$)")
# The answer rules read a sentence at a time, so its length bounds their work: a longer run of
# text without a sentence end (a table dump, a list of hundreds of items) is cut at the last
# clause break before the limit. News and encyclopedia sentences stay far below it (longest seen 474).
MAX_SENTENCE = 600
_CLAUSE_BREAK = re.compile(r"[，,、：:\s]")


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
        for a, b in _pieces(doc.text, start, end):
            spans = doc.spans(source, a, b)
            if spans:
                out.append(Sentence(doc.doc, doc.index, doc.text[a:b], a, b, spans))
    return out


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence [start, end), cut into pieces of at most MAX_SENTENCE characters at clause breaks."""
    out = []
    while end - start > MAX_SENTENCE:
        cut = max((m.end() for m in _CLAUSE_BREAK.finditer(text, start + MAX_SENTENCE // 2, start + MAX_SENTENCE)),
                  default=start + MAX_SENTENCE)
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        out.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))
    return out
