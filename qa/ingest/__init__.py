"""Stage 1, ingest: a corpus folder in, clean citable articles out.

read (bytes → text, per format) → clean (letter spacing, doubled headings, broken lines) →
layout (paragraphs, headlines, bylines) → articles (stories and captions cut out of a file);
`chars` holds the character classes they share. Every character of an article keeps its
position in the file's text (`Document.pos`), so offsets always point back into the source.

In: a folder of .txt/.md/.html/.pdf files. Out: `Corpus` (`SourceFile`s, `Document`s, skipped
files with their reasons). Entry point: `ingest(corpus_dir)` (qa.ingest.corpus).
"""
from qa.ingest.corpus import Corpus, ingest

__all__ = ["Corpus", "ingest"]
